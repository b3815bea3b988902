import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSimulator, buildDemoOrg, buildScenarioOrg } from '../src/index.js';

// The real client: @salesforce/core's Connection (jsforce underneath), installed at the repository root.
const require = createRequire(import.meta.url);
const { AuthInfo, Connection } = require('@salesforce/core');
process.removeAllListeners('warning'); // core warns about http:// instance URLs

async function connect(sim) {
  const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken: sim.accessToken, instanceUrl: sim.instanceUrl, loginUrl: sim.instanceUrl } });
  const conn = await Connection.create({ authInfo });
  conn.setApiVersion('62.0');
  return conn;
}

test('jsforce metadata.read parses readMetadata of RealTimeEventSettings', async () => {
  const org = buildScenarioOrg('streams-off');
  const sim = await startSimulator({ org });
  const conn = await connect(sim);
  sim.resetLog();
  const [settings] = await conn.metadata.read('RealTimeEventSettings', ['RealTimeEvent']);
  assert.equal(settings.fullName, 'RealTimeEvent');
  const byName = Object.fromEntries(settings.realTimeEvents.map((e) => [e.entityName, e.isEnabled]));
  assert.deepEqual(byName, { LoginEventStream: 'true', LogoutEventStream: 'false', ReportEventStream: 'false' });
  assert.equal(sim.apiCalls(), 1);
  assert.equal(sim.writeRequests().length, 0);
  assert.equal(sim.requests[0].soap, true);
  await sim.stop();
});

test('readMetadata without Customize Application / Modify Metadata is sf:INSUFFICIENT_ACCESS', async () => {
  const org = buildScenarioOrg('healthy');
  const admin = org.objects.User.find((u) => u.Id === org.currentUserId);
  const adminPs = org.objects.PermissionSet.find((p) => p.ProfileId === admin.ProfileId);
  for (const p of ['PermissionsModifyAllData', 'PermissionsModifyMetadata', 'PermissionsCustomizeApplication']) delete adminPs[p];
  const sim = await startSimulator({ org });
  const conn = await connect(sim);
  await assert.rejects(conn.metadata.read('RealTimeEventSettings', ['RealTimeEvent']), (e) => e.errorCode === 'sf:INSUFFICIENT_ACCESS');
  await sim.stop();
});

test('noAccess.metadata and a bad session id give SOAP faults', async () => {
  const sim = await startSimulator({ org: buildScenarioOrg('metadata-unreadable') });
  const conn = await connect(sim);
  await assert.rejects(conn.metadata.read('RealTimeEventSettings', ['RealTimeEvent']), (e) => e.errorCode === 'sf:INSUFFICIENT_ACCESS');
  const res = await fetch(`${sim.instanceUrl}/services/Soap/m/62.0`, {
    method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
    body: '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><SessionHeader xmlns="http://soap.sforce.com/2006/04/metadata"><sessionId>00Dbad!x</sessionId></SessionHeader></soapenv:Header><soapenv:Body><readMetadata xmlns="http://soap.sforce.com/2006/04/metadata"><type>RealTimeEventSettings</type><fullNames>RealTimeEvent</fullNames></readMetadata></soapenv:Body></soapenv:Envelope>'
  });
  assert.equal(res.status, 500);
  assert.match(await res.text(), /<faultcode>sf:INVALID_SESSION_ID<\/faultcode>/);
  await sim.stop();
});

test('an org without Event Monitoring has no RealTimeEvent settings to read', async () => {
  const sim = await startSimulator({ org: buildScenarioOrg('no-event-monitoring') });
  const conn = await connect(sim);
  const [settings] = await conn.metadata.read('RealTimeEventSettings', ['RealTimeEvent']);
  assert.ok(!settings || !settings.fullName);
  await sim.stop();
});

test('demo org streams are all on and the core Connection queries with autoFetch', async () => {
  const sim = await startSimulator({ org: buildDemoOrg(), pageSize: 100 });
  const conn = await connect(sim);
  const [settings] = await conn.metadata.read('RealTimeEventSettings', ['RealTimeEvent']);
  assert.ok(settings.realTimeEvents.every((e) => e.isEnabled === 'true'));
  const res = await conn.query('SELECT Id FROM User', { autoFetch: true, maxFetch: 10000 });
  assert.equal(res.records.length, sim.org.objects.User.length);
  assert.ok(conn.limitInfo.apiUsage.used > 0);
  await sim.stop();
});
