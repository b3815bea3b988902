/*
 * End to end: --save-result, the only write the preflight can make. Against an org where this
 * project's Code42_Preflight_Result__c object is deployed (its fields read from force-app, so
 * the test follows the metadata), and against one where it is not.
 */
import { expect } from 'chai';
import { buildScenarioOrg, generateOrg, type Simulator } from './simulator.js';
import { preflight, simulatorPerTest } from './cli.js';
import { parseSavedResult } from '@code42-companion/rules';
import { RESULT_OBJECT as OBJECT, deployResultObject, resultFields } from '../helpers/resultObject.js';

describe('e2e: sf code42 preflight --save-result', function () {
  this.timeout(120_000);
  const sims = simulatorPerTest();
  let sim: Simulator;

  it('stores one result record the dashboard can read, and writes nothing else', async () => {
    sim = await sims.start(deployResultObject(buildScenarioOrg('streams-off')));
    const run = await preflight(sim, ['--save-result', '--json']);
    expect(run.code, run.stderr).to.equal(1);
    const writes = sim.writeRequests();
    expect(writes.map((w) => `${w.method} ${w.path.replace(/v\d+\.\d/, 'vNN')}`)).to.deep.equal([
      `POST /services/data/vNN/sobjects/${OBJECT}`,
    ]);
    const saved = sim.org.objects[OBJECT];
    expect(saved).to.have.length(1);
    const record = saved[0] as Record<string, string>;
    expect(record.Status__c).to.equal('fail');
    expect(record.Summary__c).to.match(/\d+ pass, \d+ warn, \d+ fail, \d+ skip/);
    expect(Date.parse(record.Run_At__c)).to.be.closeTo(Date.now(), 120_000);
    const stored = JSON.parse(record.Result_JSON__c) as { checks: Array<{ id: string; status: string }> };
    expect(stored.checks.find((c) => c.id === 'stream-report-event')?.status).to.equal('fail');
  });

  it('without the object deployed: a clear error that says to deploy force-app, no record', async () => {
    sim = await sims.start(buildScenarioOrg('healthy'));
    const run = await preflight(sim, ['--save-result', '--json']);
    expect(run.code).to.not.equal(0);
    expect(JSON.stringify(run.json?.actions ?? [])).to.match(/sf project deploy start/);
    expect(sim.org.objects[OBJECT]).to.equal(undefined);
  });

  it('with 5,000+ users in scope: stores the whole versioned document (no user list), parseable, within the field', async function () {
    this.timeout(240_000);
    const { org } = generateOrg({ users: 27_000, seed: 9 });
    sim = await sims.start(deployResultObject(org));
    const run = await preflight(sim, ['--save-result', '--json'], { timeoutMs: 180_000 });
    expect(run.json, run.stderr).to.be.an('object');
    const inScope = (run.json.result.inScopeUsers as unknown[]).length;
    expect(inScope).to.be.greaterThan(5000);
    expect(run.json.result.savedResultId).to.be.a('string');

    // What the simulator received: one create, its body parsed as Salesforce would store it.
    const saved = sim.org.objects[OBJECT] as Array<Record<string, string>>;
    expect(saved).to.have.length(1);
    const text = saved[0].Result_JSON__c;
    expect(text.length).to.be.at.most(resultFields().Result_JSON__c.length as number);
    const stored = JSON.parse(text) as Record<string, any>;
    expect(stored).to.include({ format: 'code42-preflight-result', version: 1 });
    expect(stored.runAt).to.equal(saved[0].Run_At__c);
    expect(stored.org.id).to.equal(run.json.result.org.id);
    expect(stored.summary).to.deep.equal(run.json.result.summary);
    expect(stored.connectionStatus.state).to.equal(run.json.result.connectionStatus.state);
    expect(stored.scope).to.deep.include({ mode: 'all', inScopeCount: inScope });
    expect((stored.checks as Array<{ id: string }>).map((c) => c.id)).to.deep.equal(
      (run.json.result.checks as Array<{ id: string }>).map((c) => c.id)
    );
    for (const id of ['stream-login-event', 'stream-logout-event', 'stream-report-event']) {
      expect((stored.checks as Array<{ id: string; status: string }>).find((c) => c.id === id)?.status).to.equal('pass');
    }
    expect(stored).to.not.have.property('inScopeUsers');
    // The dashboard's reader (the same code42Rules function the LWC calls) accepts it.
    expect(parseSavedResult(text)).to.deep.equal({ result: stored, problem: null });
    const usernames = (run.json.result.inScopeUsers as Array<{ username: string }>).map((u) => u.username);
    expect(usernames.filter((u) => text.includes(`"${u}"`) || text.includes(` ${u}`))).to.deep.equal([]);
  });

  it('the simulator refuses a value longer than the field, as Salesforce does (STRING_TOO_LONG)', async () => {
    sim = await sims.start(deployResultObject(buildScenarioOrg('healthy')));
    const res = await fetch(`${sim.instanceUrl}/services/data/v62.0/sobjects/${OBJECT}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Result_JSON__c: 'x'.repeat((resultFields().Result_JSON__c.length as number) + 1) }),
    });
    expect(res.status).to.equal(400);
    expect(((await res.json()) as Array<{ errorCode: string }>)[0].errorCode).to.equal('STRING_TOO_LONG');
    expect(sim.org.objects[OBJECT]).to.have.length(0);
  });
});
