import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, buildScenarioOrg, buildDemoOrg, cliEnv } from '../src/index.js';
import { spawnSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { client } from './helpers.js';

const org = () => buildScenarioOrg('healthy');

test('invalid-session, request-limit, server-error faults answer like Salesforce and respect times', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'invalid-session', times: 1 }] });
  const api = client(sim);
  const first = await api.query('SELECT Id FROM User');
  assert.equal(first.status, 401);
  assert.equal(first.json[0].errorCode, 'INVALID_SESSION_ID');
  assert.equal((await api.query('SELECT Id FROM User')).status, 200);
  sim.setFaults([{ kind: 'request-limit', match: { path: '/limits' } }]);
  assert.equal((await api.query('SELECT Id FROM User')).status, 200);
  const limited = await api.get('/services/data/v62.0/limits');
  assert.equal(limited.status, 403);
  assert.deepEqual(limited.json, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
  sim.setFaults([{ kind: 'server-error', match: { object: 'UserLogin' } }]);
  assert.equal((await api.query('SELECT Id FROM User')).status, 200);
  const err = await api.query('SELECT IsFrozen FROM UserLogin');
  assert.equal(err.status, 500);
  assert.equal(err.json[0].errorCode, 'UNKNOWN_EXCEPTION');
  await sim.stop();
});

test('object faults also match queries inside a composite request', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'server-error', match: { object: 'UserLogin' } }] });
  const res = await client(sim).post('/services/data/v62.0/composite', { compositeRequest: [{ method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT IsFrozen FROM UserLogin')}`, referenceId: 'a' }] });
  assert.equal(res.status, 500);
  await sim.stop();
});

test('api-error answers one query, or only its subrequest inside a composite, matched by FROM object and WHERE field', async () => {
  const fault = { kind: 'api-error', errorCode: 'INVALID_FIELD', message: "No such column 'X'", match: { object: 'PermissionSetAssignment', where: 'AssigneeId' } };
  const sim = await startSimulator({ org: org(), faults: [fault] });
  const api = client(sim);
  const userId = sim.org.meta.serviceUserId;
  // Another WHERE field, another object: answered as usual, the fault not spent.
  assert.equal((await api.query('SELECT Id FROM PermissionSetAssignment WHERE PermissionSet.Name = \'X\'')).status, 200);
  assert.equal((await api.query(`SELECT Id FROM UserLogin WHERE UserId = '${userId}'`)).status, 200);
  assert.deepEqual(sim.faultsFired(), [0]);
  const q = (soql) => `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
  const res = await api.post('/services/data/v62.0/composite', {
    compositeRequest: [
      { method: 'GET', url: q(`select Id from PermissionSetAssignment where (IsActive = true and AssigneeId in ('${userId}'))`), referenceId: 'assignments' },
      { method: 'GET', url: q(`SELECT IsFrozen FROM UserLogin WHERE UserId = '${userId}'`), referenceId: 'login' }
    ]
  });
  assert.equal(res.status, 200);
  const [assignments, login] = res.json.compositeResponse;
  assert.equal(assignments.httpStatusCode, 400);
  assert.deepEqual(assignments.body, [{ message: "No such column 'X'", errorCode: 'INVALID_FIELD' }]);
  assert.equal(login.httpStatusCode, 200);
  assert.equal(login.body.totalSize, 1);
  const plain = await api.query(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`);
  assert.equal(plain.status, 400);
  assert.deepEqual(sim.faultsFired(), [2]);
  assert.throws(() => sim.setFaults([{ kind: 'api-errors' }]), /Unknown fault kind/);
  // By path: a describe (or a log file download) refused, the rest of the API untouched.
  sim.setFaults([{ kind: 'api-error', status: 403, errorCode: 'INSUFFICIENT_ACCESS', message: 'no access', match: { path: '/sobjects/PermissionSet/describe' } }]);
  const refused = await api.get('/services/data/v62.0/sobjects/PermissionSet/describe');
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.json, [{ message: 'no access', errorCode: 'INSUFFICIENT_ACCESS' }]);
  assert.equal((await api.get('/services/data/v62.0/sobjects/User/describe')).status, 200);
  await sim.stop();
});

test('malformed fault sends a body that is not JSON', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'malformed', match: { path: /\/query$/ } }] });
  const res = await client(sim).query('SELECT Id FROM User');
  assert.equal(res.status, 200);
  assert.equal(res.json, undefined);
  assert.throws(() => JSON.parse(res.text));
  await sim.stop();
});

test('slow fault and latency delay answers', async () => {
  const sim = await startSimulator({ org: org(), latencyMs: 50, faults: [{ kind: 'slow', delayMs: 200, times: 1 }] });
  const api = client(sim);
  let t = Date.now();
  assert.equal((await api.get('/services/data/v62.0/limits')).status, 200);
  assert.ok(Date.now() - t >= 240, `slow took ${Date.now() - t} ms`);
  t = Date.now();
  await api.get('/services/data/v62.0/limits');
  const took = Date.now() - t;
  assert.ok(took >= 45 && took < 200, `latency took ${took} ms`);
  await sim.stop();
});

test('SOAP-only fault leaves REST alone', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'server-error', match: { soap: true } }] });
  assert.equal((await client(sim).query('SELECT Id FROM User')).status, 200);
  await sim.stop();
});

test('a hung request never answers, and stop() closes it so nothing keeps the process alive', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'hang', match: { path: '/limits' } }] });
  const api = client(sim);
  const pending = api.get('/services/data/v62.0/limits').then(() => 'answered', () => 'closed');
  const raced = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
  assert.equal(raced, 'still waiting');
  const t = Date.now();
  await sim.stop();
  assert.ok(Date.now() - t < 1000);
  assert.equal(await pending, 'closed');
});

test('a process that starts the simulator, hangs a request and stops exits on its own', () => {
  const script = `
    import { startSimulator, buildScenarioOrg } from ${JSON.stringify(new URL('../src/index.js', import.meta.url).href)};
    const sim = await startSimulator({ org: buildScenarioOrg('healthy'), latencyMs: 5000, faults: [{ kind: 'hang', match: { path: '/limits' } }] });
    const h = { Authorization: 'Bearer ' + sim.accessToken };
    fetch(sim.instanceUrl + '/services/data/v62.0/limits', { headers: h }).catch(() => {});
    fetch(sim.instanceUrl + '/services/data/v62.0/query?q=SELECT+Id+FROM+User', { headers: h }).catch(() => {});
    setTimeout(() => sim.stop(), 200);
  `;
  const t = Date.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 10000, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Date.now() - t < 4000, `exited after ${Date.now() - t} ms`);
});

test('unknown fault kinds are rejected', async () => {
  await assert.rejects(startSimulator({ org: org(), faults: [{ kind: 'explode' }] }), /Unknown fault kind/);
});

test('unavailable fault answers 503 SERVER_UNAVAILABLE with Retry-After, REST and SOAP, and is not an API call', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'unavailable', retryAfter: 3, times: 2 }] });
  const api = client(sim);
  const rest = await api.query('SELECT Id FROM User');
  assert.equal(rest.status, 503);
  assert.equal(rest.headers.get('retry-after'), '3');
  assert.equal(rest.json[0].errorCode, 'SERVER_UNAVAILABLE');
  const soap = await fetch(`${sim.instanceUrl}/services/Soap/m/62.0`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><SessionHeader><sessionId>${sim.accessToken}</sessionId></SessionHeader></soapenv:Header><soapenv:Body><readMetadata><type>RealTimeEventSettings</type><fullNames>RealTimeEvent</fullNames></readMetadata></soapenv:Body></soapenv:Envelope>` });
  assert.equal(soap.status, 503);
  assert.match(await soap.text(), /sf:SERVER_UNAVAILABLE/);
  assert.equal((await api.query('SELECT Id FROM User')).status, 200, 'times: 2 lets the third request through');
  assert.equal(sim.apiCalls(), 1);
  assert.deepEqual(sim.faultsFired(), [2]);
  await sim.stop();
});

test('server-error fault can answer another 5xx status', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'server-error', status: 502 }] });
  assert.equal((await client(sim).query('SELECT Id FROM User')).status, 502);
  await sim.stop();
});

test('html, garbage and empty faults send bodies that are not JSON', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'html', times: 1 }, { kind: 'garbage', times: 1 }, { kind: 'empty', times: 1 }] });
  const api = client(sim);
  const html = await api.query('SELECT Id FROM User');
  assert.equal(html.status, 200);
  assert.match(html.headers.get('content-type'), /text\/html/);
  assert.match(html.text, /<html>/);
  const garbage = await api.query('SELECT Id FROM User');
  assert.match(garbage.headers.get('content-type'), /application\/json/);
  assert.equal(garbage.json, undefined, 'not JSON');
  const empty = await api.query('SELECT Id FROM User');
  assert.equal(empty.status, 200);
  assert.equal(empty.text, '');
  await sim.stop();
});

test('close fault closes the socket without an answer, or after some bytes of the real one', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'close', times: 1 }, { kind: 'close', afterBytes: 10, times: 1 }] });
  const api = client(sim);
  await assert.rejects(api.query('SELECT Id FROM User'), (e) => /fetch failed|socket|other side closed/i.test(`${e.message} ${e.cause?.message}`));
  const res = await fetch(`${sim.instanceUrl}/services/data/v62.0/query?q=SELECT+Id+FROM+User`, { headers: { Authorization: `Bearer ${sim.accessToken}` } });
  assert.equal(res.status, 200, 'the headers arrived');
  await assert.rejects(res.text(), /terminated|closed|aborted/i);
  assert.equal((await api.query('SELECT Id FROM User')).status, 200);
  await sim.stop();
});

test('drip fault sends the real body a few bytes at a time, so it takes long but never stalls', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'drip', chunkBytes: 40, intervalMs: 20, match: { path: '/limits' } }] });
  const t = Date.now();
  const res = await fetch(`${sim.instanceUrl}/services/data/v62.0/limits`, { headers: { Authorization: `Bearer ${sim.accessToken}` } });
  const firstByte = Date.now() - t;
  const text = await res.text();
  const total = Date.now() - t;
  const chunks = Math.ceil(Buffer.byteLength(text) / 40);
  assert.ok(firstByte < 200, `headers after ${firstByte} ms`);
  assert.ok(total >= (chunks - 1) * 20, `${chunks} chunks in ${total} ms`);
  assert.ok(JSON.parse(text).DailyApiRequests, 'the complete, real answer');
  await sim.stop();
});

test('hang matches the login-time requests: the version list, userinfo and the Organization query', async () => {
  const sim = await startSimulator({ org: org(), faults: [{ kind: 'hang', match: { path: /^\/services\/data$/ } }, { kind: 'hang', match: { path: '/userinfo' } }, { kind: 'hang', match: { object: 'Organization' } }] });
  const api = client(sim);
  const outcome = (p) => Promise.race([p.then(() => 'answered', () => 'closed'), new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
  assert.equal(await outcome(api.get('/services/data')), 'still waiting');
  assert.equal(await outcome(api.get('/services/oauth2/userinfo')), 'still waiting');
  assert.equal(await outcome(api.query('SELECT Name, OrganizationType FROM Organization')), 'still waiting');
  assert.equal((await api.query('SELECT Id FROM User')).status, 200);
  await sim.stop();
});

test('per-download faults: one log file fails, the others download', async () => {
  const sim = await startSimulator({ org: buildDemoOrg() });
  const files = sim.org.objects.EventLogFile.filter((f) => f.EventType === 'InsufficientAccess');
  const [bad, good] = files;
  sim.setFaults([{ kind: 'server-error', match: { path: `/EventLogFile/${bad.Id}/LogFile` } }]);
  const api = client(sim);
  assert.equal((await api.get(`/services/data/v62.0/sobjects/EventLogFile/${bad.Id}/LogFile`)).status, 500);
  const ok = await api.get(`/services/data/v62.0/sobjects/EventLogFile/${good.Id}/LogFile`);
  assert.equal(ok.status, 200);
  assert.match(ok.text, /EVENT_TYPE/);
  await sim.stop();
});

test('an HTTPS simulator whose certificate is not trusted is refused by Node with a certificate error', async () => {
  const sim = await startSimulator({ org: org(), https: true });
  const env = cliEnv(sim, { home: mkdtempSync(join(tmpdir(), 'sim-tls-')), trustCertificate: false });
  assert.equal(env.NODE_EXTRA_CA_CERTS, undefined);
  const script = `fetch(${JSON.stringify(sim.instanceUrl + '/services/data')}).then(() => console.log('TRUSTED'), (e) => console.log(e.cause?.code))`;
  // Not spawnSync: the simulator answers from this process's event loop.
  const run = async (childEnv) => (await promisify(execFile)(process.execPath, ['-e', script], { env: childEnv, encoding: 'utf8', timeout: 10000 })).stdout.trim();
  assert.match(await run(env), /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/);
  assert.equal(await run(cliEnv(sim, { home: mkdtempSync(join(tmpdir(), 'sim-tls-')) })), 'TRUSTED');
  await sim.stop();
});
