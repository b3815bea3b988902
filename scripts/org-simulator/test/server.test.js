import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, buildDemoOrg, buildScenarioOrg } from '../src/index.js';
import { client } from './helpers.js';

let sim;
let api;
before(async () => {
  sim = await startSimulator({ org: buildDemoOrg(), pageSize: 50 });
  api = client(sim);
});
after(() => sim.stop());

test('token looks like a Salesforce access token for this org', () => {
  assert.match(sim.accessToken, /^00D[A-Za-z0-9]{15}![A-Za-z0-9]+$/);
  assert.ok(sim.accessToken.startsWith(sim.orgId));
  assert.match(sim.instanceUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('paging crosses page boundaries, each page is one API call', async () => {
  sim.resetLog();
  const total = sim.org.objects.User.length;
  let res = await api.query('SELECT Id, Username FROM User ORDER BY Username');
  assert.equal(res.status, 200);
  const ids = [...res.json.records.map((r) => r.Id)];
  assert.equal(res.json.totalSize, total);
  assert.equal(res.json.records.length, 50);
  assert.equal(res.json.done, false);
  assert.match(res.json.nextRecordsUrl, /^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{15}-50$/);
  let pages = 1;
  while (res.json.nextRecordsUrl) {
    res = await api.get(res.json.nextRecordsUrl);
    ids.push(...res.json.records.map((r) => r.Id));
    pages++;
  }
  assert.equal(pages, Math.ceil(total / 50));
  assert.equal(new Set(ids).size, total);
  assert.equal(sim.apiCalls(), pages);
});

test('Sforce-Query-Options batchSize is honoured within 200..2000', async () => {
  const s2 = await startSimulator({ org: buildDemoOrg(), pageSize: 2000 });
  const res = await client(s2).query('SELECT Id FROM User', { 'Sforce-Query-Options': 'batchSize=100' });
  assert.equal(res.json.records.length, 200);
  await s2.stop();
});

test('Sforce-Limit-Info on data responses and /limits reflect calls made', async () => {
  const before = (await api.get('/services/data/v62.0/limits')).json.DailyApiRequests;
  const res = await api.query('SELECT Id FROM Organization');
  const [used, max] = res.headers.get('sforce-limit-info').replace('api-usage=', '').split('/').map(Number);
  assert.equal(max, before.Max);
  assert.equal(used, before.Max - before.Remaining + 1);
  const after = (await api.get('/services/data/v62.0/limits')).json.DailyApiRequests;
  assert.equal(after.Remaining, before.Remaining - 2);
});

test('composite: one API call, references between subrequests, 25/5 limits', async () => {
  sim.resetLog();
  const res = await api.post('/services/data/v62.0/composite', {
    allOrNone: false,
    compositeRequest: [
      { method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent("SELECT Id FROM User WHERE Username LIKE 'code42-service%'")}`, referenceId: 'svc' },
      { method: 'GET', url: '/services/data/v62.0/sobjects/User/@{svc.records[0].Id}', referenceId: 'rec' },
      { method: 'GET', url: '/services/data/v62.0/sobjects/UserLogin/describe', referenceId: 'desc' },
      { method: 'GET', url: '/services/data/v62.0/limits', referenceId: 'limits' },
      { method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Nope')}`, referenceId: 'bad' }
    ]
  });
  assert.equal(res.status, 200);
  const byRef = Object.fromEntries(res.json.compositeResponse.map((r) => [r.referenceId, r]));
  assert.equal(byRef.svc.httpStatusCode, 200);
  assert.equal(byRef.rec.body.Username, sim.org.meta.serviceUsername);
  assert.ok(byRef.desc.body.fields.some((f) => f.name === 'IsFrozen'));
  assert.ok(byRef.limits.body.DailyApiRequests.Max > 0);
  assert.equal(byRef.bad.httpStatusCode, 400);
  assert.equal(byRef.bad.body[0].errorCode, 'INVALID_TYPE');
  assert.deepEqual(byRef.svc.httpHeaders, {});
  assert.equal(sim.apiCalls(), 1);
  assert.equal(sim.writeRequests().length, 0);
  assert.equal(sim.requests[0].subrequests.length, 5);

  const q = (i) => ({ method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM User LIMIT 1')}`, referenceId: `q${i}` });
  const six = await api.post('/services/data/v62.0/composite', { compositeRequest: [0, 1, 2, 3, 4, 5].map(q) });
  assert.equal(six.status, 400);
  assert.ok(six.json[0].errorCode && /5/.test(six.json[0].message));
  const many = await api.post('/services/data/v62.0/composite', { compositeRequest: Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: '/services/data/v62.0/limits', referenceId: `l${i}` })) });
  assert.equal(many.status, 400);
  assert.match(many.json[0].message, /25/);
});

test('composite allOrNone halts after a failure', async () => {
  const res = await api.post('/services/data/v62.0/composite', {
    allOrNone: true,
    compositeRequest: [
      { method: 'GET', url: '/services/data/v62.0/sobjects/Nope/describe', referenceId: 'a' },
      { method: 'GET', url: '/services/data/v62.0/limits', referenceId: 'b' }
    ]
  });
  assert.equal(res.json.compositeResponse[0].httpStatusCode, 404);
  assert.equal(res.json.compositeResponse[1].body[0].errorCode, 'PROCESSING_HALTED');
});

test('describe: known object lists schema and fixture fields; unknown is 404 NOT_FOUND', async () => {
  const ps = await api.get('/services/data/v62.0/sobjects/PermissionSet/describe');
  const names = ps.json.fields.map((f) => f.name);
  assert.ok(names.includes('PermissionsExportReport') && names.includes('PermissionsViewRealTimeEventMonitoringData') && names.includes('IsOwnedByProfile'));
  const bad = await api.get('/services/data/v62.0/sobjects/Foo/describe');
  assert.equal(bad.status, 404);
  assert.deepEqual(bad.json, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  const global = await api.get('/services/data/v62.0/sobjects');
  assert.ok(global.json.sobjects.some((o) => o.name === 'ReportEvent'));
});

test('bootstrap endpoints used by sf org login access-token', async () => {
  const versions = await fetch(`${sim.instanceUrl}/services/data`).then((r) => r.json());
  assert.equal(versions.at(-1).version, '62.0');
  const info = await api.get('//services/oauth2/userinfo');
  assert.equal(info.status, 200);
  assert.equal(info.json.organization_id, sim.orgId);
  assert.match(info.json.urls.rest, /^http:\/\/127\.0\.0\.1:\d+\/services\/data\/v\{version\}\/$/);
  assert.match(info.json.urls.metadata, /\/services\/Soap\/m\/\{version\}\//);
  const user = await api.get(`/services/data/v51.0/sobjects/User/${info.json.user_id}`);
  assert.equal(user.json.Username, info.json.preferred_username);
  const id = await api.get(new URL(info.json.sub).pathname);
  assert.equal(id.json.username, info.json.preferred_username);
  assert.ok(id.json.urls.query.includes('{version}'));
  const scratch = await api.query('SELECT Id FROM ScratchOrgInfo');
  assert.equal(scratch.status, 400);
  assert.equal(scratch.json[0].errorCode, 'INVALID_TYPE');
  const orgRow = await api.query('SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix FROM Organization');
  assert.equal(orgRow.json.records.length, 1);
});

test('non-counted endpoints: versions, userinfo, identity', async () => {
  sim.resetLog();
  await fetch(`${sim.instanceUrl}/services/data`);
  await api.get('/services/oauth2/userinfo');
  assert.equal(sim.apiCalls(), 0);
});

test('a wrong token is 401 INVALID_SESSION_ID and not counted', async () => {
  sim.resetLog();
  const res = await fetch(`${sim.instanceUrl}/services/data/v62.0/limits`, { headers: { Authorization: 'Bearer 00Dxx!nope' } });
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  assert.equal(sim.apiCalls(), 0);
});

test('create records a write and the record becomes queryable; unknown object is 404', async () => {
  sim.resetLog();
  const res = await api.post('/services/data/v62.0/sobjects/EventLogFile', { EventType: 'Code42Preflight' });
  assert.equal(res.status, 201);
  assert.equal(res.json.success, true);
  assert.match(res.json.id, /^0AT/);
  assert.equal(sim.writeRequests().length, 1);
  const found = await api.query("SELECT Id FROM EventLogFile WHERE EventType = 'Code42Preflight'");
  assert.equal(found.json.records[0].Id, res.json.id);
  const bad = await api.post('/services/data/v62.0/sobjects/Code42_Result__c', { Name: 'x' });
  assert.equal(bad.status, 404);
  assert.equal(bad.json[0].errorCode, 'NOT_FOUND');
  const badField = await api.post('/services/data/v62.0/sobjects/EventLogFile', { Nope: 1 });
  assert.equal(badField.status, 400);
  assert.equal(badField.json[0].errorCode, 'INVALID_FIELD');
});

test('EventLogFile LogFile body can be downloaded', async () => {
  const row = (await api.query("SELECT Id, LogFile FROM EventLogFile WHERE EventType = 'InsufficientAccess'")).json.records[0];
  const res = await api.get(row.LogFile);
  assert.equal(res.status, 200);
  assert.match(res.text.split("\n")[0], /"EVENT_TYPE"/);
  assert.match(res.text.split("\n")[0], /"ACCESS_ERROR"/);
});

test('API allowance exhausted -> 403 REQUEST_LIMIT_EXCEEDED', async () => {
  const org = buildScenarioOrg('low-api-limits');
  org.limits.DailyApiRequests.Remaining = 2;
  const s = await startSimulator({ org });
  const c = client(s);
  assert.equal((await c.query('SELECT Id FROM Organization')).status, 200);
  assert.equal((await c.query('SELECT Id FROM Organization')).status, 200);
  const third = await c.query('SELECT Id FROM Organization');
  assert.equal(third.status, 403);
  assert.equal(third.json[0].errorCode, 'REQUEST_LIMIT_EXCEEDED');
  await s.stop();
});

test('HTTPS with a generated self-signed certificate', async () => {
  const s = await startSimulator({ org: buildScenarioOrg('healthy'), https: true });
  assert.match(s.instanceUrl, /^https:/);
  assert.match(s.certificate, /BEGIN CERTIFICATE/);
  const https = await import('node:https');
  const body = await new Promise((resolve, reject) => {
    https.get(`${s.instanceUrl}/services/data`, { ca: s.certificate }, (res) => {
      let t = '';
      res.on('data', (d) => (t += d));
      res.on('end', () => resolve(t));
    }).on('error', reject);
  });
  assert.equal(JSON.parse(body).at(-1).version, '62.0');
  await s.stop();
});

test('columns=true describes the selected columns like Salesforce (used by sf data query)', async () => {
  const res = await api.get(`/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id, Profile.Name, PermissionsExportReport FROM PermissionSet')}&columns=true`);
  assert.equal(res.status, 200);
  assert.equal(res.json.entityName, 'PermissionSet');
  assert.deepEqual(res.json.columnMetadata.map((c) => c.columnName), ['Id', 'Profile', 'PermissionsExportReport']);
  assert.equal(res.json.columnMetadata[1].joinColumns[0].columnName, 'Name');
  assert.equal(res.json.columnMetadata[2].booleanType, true);
});

test('create refuses a text value longer than its field (STRING_TOO_LONG); fields without a length take any value', async () => {
  const org = buildScenarioOrg('healthy');
  org.objects.Note__c = [];
  org.extraFields = { ...(org.extraFields || {}), Note__c: { When__c: 'datetime', Body__c: { type: 'textarea', length: 10 } } };
  const s = await startSimulator({ org });
  try {
    const headers = { Authorization: `Bearer ${s.accessToken}`, 'Content-Type': 'application/json' };
    const url = `${s.instanceUrl}/services/data/v62.0/sobjects/Note__c`;
    const ok = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ When__c: new Date().toISOString(), Body__c: '0123456789' }) });
    assert.equal(ok.status, 201);
    const tooLong = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ Body__c: '01234567890' }) });
    assert.equal(tooLong.status, 400);
    const [error] = await tooLong.json();
    assert.equal(error.errorCode, 'STRING_TOO_LONG');
    assert.match(error.message, /\(max length=10\)$/);
    assert.equal(s.org.objects.Note__c.length, 1);
  } finally {
    await s.stop();
  }
});
