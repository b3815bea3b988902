import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, buildScenarioOrg } from '../src/index.js';
import { spawnSync } from 'node:child_process';
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
