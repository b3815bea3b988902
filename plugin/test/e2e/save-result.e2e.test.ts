/*
 * End to end: --save-result, the only write the preflight can make. Against an org where this
 * project's Code42_Preflight_Result__c object is deployed (its fields read from force-app, so
 * the test follows the metadata), and against one where it is not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { buildScenarioOrg, type SimOrg, type Simulator } from './simulator.js';
import { preflight, repoRoot, simulatorPerTest } from './cli.js';

const OBJECT = 'Code42_Preflight_Result__c';
const SIM_TYPES: Record<string, string> = { DateTime: 'datetime', Text: 'string', LongTextArea: 'textarea' };

/** "Deploy" the object into a simulated org: an empty table with the fields force-app defines. */
function deployResultObject(org: SimOrg): SimOrg {
  const dir = join(repoRoot, 'force-app', 'main', 'default', 'objects', OBJECT, 'fields');
  const parser = new XMLParser();
  const fields: Record<string, string> = {};
  for (const file of readdirSync(dir)) {
    const field = (parser.parse(readFileSync(join(dir, file), 'utf8')) as { CustomField: { fullName: string; type: string } }).CustomField;
    fields[field.fullName] = SIM_TYPES[field.type] ?? 'string';
  }
  org.objects[OBJECT] = [];
  org.extraFields = { ...((org.extraFields as Record<string, unknown>) ?? {}), [OBJECT]: fields };
  return org;
}

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
});
