// Who may see what: the running user's permissions decide what describe, query, the log file
// download and readMetadata answer (src/access.js quotes the Salesforce pages behind each rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, buildScenarioOrg, buildDemoOrg, DEMO_DELEGATED_ADMIN_LACKS } from '../src/index.js';
import { client } from './helpers.js';

const READ_METADATA =
  '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><SessionHeader xmlns="http://soap.sforce.com/2006/04/metadata"><sessionId>TOKEN</sessionId></SessionHeader></soapenv:Header><soapenv:Body><readMetadata xmlns="http://soap.sforce.com/2006/04/metadata"><type>RealTimeEventSettings</type><fullNames>RealTimeEvent</fullNames></readMetadata></soapenv:Body></soapenv:Envelope>';

async function withSim(org, fn) {
  const sim = await startSimulator({ org });
  try {
    await fn(client(sim), sim);
  } finally {
    await sim.stop();
  }
}

const describe = (api, name) => api.get(`/services/data/v62.0/sobjects/${name}/describe`);
const permissionFieldLabels = async (api, object) =>
  Object.fromEntries((await describe(api, object)).json.fields.filter((f) => f.name.startsWith('Permissions')).map((f) => [f.label, f.name]));

test('an admin without View Real-Time Event Monitoring Data gets 404 NOT_FOUND / INVALID_TYPE for the event objects', async () => {
  await withSim(buildScenarioOrg('admin-without-vrtem'), async (api) => {
    for (const name of ['ReportEvent', 'ReportEventStream', 'LoginEventStream']) {
      const res = await describe(api, name);
      assert.equal(res.status, 404, name);
      assert.equal(res.json[0].errorCode, 'NOT_FOUND');
    }
    const q = await api.query('SELECT Id FROM ReportEvent');
    assert.equal(q.status, 400);
    assert.equal(q.json[0].errorCode, 'INVALID_TYPE');
    assert.match(q.json[0].message, /sObject type 'ReportEvent' is not supported/);
    const global = await api.get('/services/data/v62.0/sobjects');
    assert.ok(!global.json.sobjects.some((o) => o.name === 'ReportEventStream'));
    // The org still has the add-on: the permission field is in the PermissionSet describe.
    assert.equal((await permissionFieldLabels(api, 'PermissionSet'))['View Real-Time Event Monitoring Data'], 'PermissionsViewRealTimeEventMonitoringData');
  });
  await withSim(buildScenarioOrg('healthy'), async (api) => {
    assert.equal((await describe(api, 'ReportEventStream')).status, 200);
  });
});

test('the View Real-Time Event Monitoring Data field is on PermissionSet, Profile and MutingPermissionSet only with the add-on', async () => {
  await withSim(buildScenarioOrg('healthy'), async (api) => {
    for (const object of ['PermissionSet', 'Profile', 'MutingPermissionSet']) {
      assert.ok((await permissionFieldLabels(api, object))['View Real-Time Event Monitoring Data'], object);
    }
  });
  await withSim(buildScenarioOrg('no-event-monitoring'), async (api) => {
    for (const object of ['PermissionSet', 'Profile', 'MutingPermissionSet']) {
      const labels = await permissionFieldLabels(api, object);
      assert.ok(!labels['View Real-Time Event Monitoring Data'], object);
      assert.ok(!Object.values(labels).includes('PermissionsViewRealTimeEventMonitoringData'), object);
    }
  });
});

test('without Manage Users, AuthSession, UserLogin and LoginHistory answer like unknown objects', async () => {
  await withSim(buildScenarioOrg('admin-without-manage-users'), async (api) => {
    for (const name of ['AuthSession', 'UserLogin', 'LoginHistory']) {
      const q = await api.query(`SELECT Id FROM ${name}`);
      assert.equal(q.status, 400, name);
      assert.equal(q.json[0].errorCode, 'INVALID_TYPE');
      assert.match(q.json[0].message, new RegExp(`sObject type '${name}' is not supported`));
      assert.equal((await describe(api, name)).status, 404);
    }
    // Objects without a rule stay readable.
    assert.equal((await api.query('SELECT Id FROM User LIMIT 1')).status, 200);
  });
});

test('Monitor Login History alone opens LoginHistory, not UserLogin', async () => {
  const org = buildScenarioOrg('admin-without-manage-users');
  const admin = org.objects.User.find((u) => u.Id === org.currentUserId);
  org.objects.PermissionSet.find((p) => p.ProfileId === admin.ProfileId).PermissionsMonitorLoginHistory = true;
  await withSim(org, async (api) => {
    assert.equal((await api.query('SELECT Id FROM LoginHistory')).status, 200);
    assert.equal((await api.query('SELECT Id FROM UserLogin')).status, 400);
  });
});

test('without View Event Log Files, EventLogFile and its LogFile downloads are hidden', async () => {
  await withSim(buildScenarioOrg('admin-without-event-log-files'), async (api, sim) => {
    const q = await api.query('SELECT Id FROM EventLogFile');
    assert.equal(q.status, 400);
    assert.equal(q.json[0].errorCode, 'INVALID_TYPE');
    const id = sim.org.objects.EventLogFile[0].Id;
    assert.equal((await api.get(`/services/data/v62.0/sobjects/EventLogFile/${id}/LogFile`)).status, 404);
  });
  await withSim(buildScenarioOrg('healthy'), async (api) => {
    assert.equal((await api.query('SELECT Id FROM EventLogFile')).status, 200);
  });
});

test('readMetadata needs Modify All Data or Modify Metadata: Customize Application alone is refused', async () => {
  const post = (sim) =>
    fetch(`${sim.instanceUrl}/services/Soap/m/62.0`, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""' }, body: READ_METADATA.replace('TOKEN', sim.accessToken) });
  await withSim(buildScenarioOrg('admin-without-modify-metadata'), async (api, sim) => {
    const res = await post(sim);
    assert.equal(res.status, 500);
    assert.match(await res.text(), /<faultcode>sf:INSUFFICIENT_ACCESS<\/faultcode>/);
  });
  const org = buildScenarioOrg('admin-without-modify-metadata');
  const admin = org.objects.User.find((u) => u.Id === org.currentUserId);
  org.objects.PermissionSet.find((p) => p.ProfileId === admin.ProfileId).PermissionsModifyMetadata = true;
  await withSim(org, async (api, sim) => {
    const res = await post(sim);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<fullName>RealTimeEvent<\/fullName>/);
  });
});

test('the demo variant for a delegated administrator hides what Manage Users and View Real-Time Event Monitoring Data guard', async () => {
  const org = buildDemoOrg({ adminLacks: DEMO_DELEGATED_ADMIN_LACKS });
  assert.equal(org.meta.name, 'demo-delegated-admin');
  await withSim(org, async (api) => {
    assert.equal((await describe(api, 'ReportEvent')).status, 404);
    assert.equal((await api.query('SELECT UsersId FROM AuthSession')).status, 400);
    assert.equal((await api.query('SELECT Id FROM EventLogFile LIMIT 1')).status, 200);
    assert.equal((await api.query('SELECT Id FROM User LIMIT 1')).status, 200);
  });
});
