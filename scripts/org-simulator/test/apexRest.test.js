// The watch's Apex REST endpoint and the CronTrigger reads of `sf code42 watch`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, buildScenarioOrg } from '../src/index.js';

async function withSim(orgChange, fn) {
  const org = buildScenarioOrg('healthy');
  orgChange(org);
  const sim = await startSimulator({ org });
  try {
    await fn(sim);
  } finally {
    await sim.stop();
  }
}

const call = (sim, method, path) =>
  fetch(`${sim.instanceUrl}${path}`, { method, headers: { Authorization: `Bearer ${sim.accessToken}` } }).then(async (r) => ({ status: r.status, body: await r.json() }));
const JOB_SOQL = "SELECT Id, State, NextFireTime, CreatedBy.Name, CronJobDetail.Name FROM CronTrigger WHERE CronJobDetail.Name = 'Code42 Health Watch' AND CronJobDetail.JobType = '7'";

test('start schedules one job, a second start changes nothing, stop removes it', async () => {
  await withSim((org) => (org.apexClasses = ['Code42HealthWatchRest']), async (sim) => {
    const first = await call(sim, 'POST', '/services/apexrest/code42/watch');
    assert.equal(first.status, 200);
    assert.equal(first.body.running, true);
    assert.equal(first.body.changed, true);
    assert.match(first.body.nextRunAt, /T\d\d:00:00/);
    const second = await call(sim, 'POST', '/services/apexrest/code42/watch');
    assert.equal(second.body.changed, false);
    assert.equal(sim.org.objects.CronTrigger.length, 1);
    const q = await call(sim, 'GET', `/services/data/v62.0/query?q=${encodeURIComponent(JOB_SOQL)}`);
    assert.equal(q.body.totalSize, 1);
    assert.equal(q.body.records[0].CronJobDetail.Name, 'Code42 Health Watch');
    assert.equal(q.body.records[0].State, 'WAITING');
    assert.ok(q.body.records[0].CreatedBy.Name);
    const stop = await call(sim, 'DELETE', '/services/apexrest/code42/watch');
    assert.deepEqual([stop.body.changed, stop.body.running], [true, false]);
    const again = await call(sim, 'DELETE', '/services/apexrest/code42/watch');
    assert.equal(again.body.changed, false);
    const after = await call(sim, 'GET', `/services/data/v62.0/query?q=${encodeURIComponent(JOB_SOQL)}`);
    assert.equal(after.body.totalSize, 0);
    assert.deepEqual(sim.writeRequests().map((w) => w.method), ['POST', 'POST', 'DELETE', 'DELETE']);
    assert.equal(sim.apiCalls(), 6, 'Apex REST calls count as API calls');
  });
});

test('without the class deployed the URL is unknown (404 NOT_FOUND), and nothing is written', async () => {
  await withSim(() => {}, async (sim) => {
    const r = await call(sim, 'POST', '/services/apexrest/code42/watch');
    assert.equal(r.status, 404);
    assert.equal(r.body[0].errorCode, 'NOT_FOUND');
    assert.match(r.body[0].message, /Could not find a match for URL \/code42\/watch/);
    assert.equal(sim.org.objects.CronTrigger, undefined);
  });
});

test('a user without access to the class is refused', async () => {
  await withSim((org) => {
    org.apexClasses = ['Code42HealthWatchRest'];
    org.noAccess = { ...(org.noAccess || {}), apexRest: true };
  }, async (sim) => {
    const r = await call(sim, 'POST', '/services/apexrest/code42/watch');
    assert.equal(r.status, 403);
    assert.equal(r.body[0].errorCode, 'INSUFFICIENT_ACCESS');
  });
});
