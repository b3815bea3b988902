/*
 * The committed schemas describe what the commands really print: each `--json` result of the
 * built binary, against the simulator, validates against schemas/<command>.json. The schemas are
 * generated from the result types with `additionalProperties: false`, so a key the command
 * prints but its type does not declare (or a declared one of the wrong type) fails here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Ajv, type ValidateFunction } from 'ajv';
import { buildDemoOrg, buildScenarioOrg, demoScopeCsvs } from '../e2e/simulator.js';
import { pluginDir, runPlugin, simulatorPerTest, type CliRun } from '../e2e/cli.js';

function validatorFor(file: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(pluginDir, 'schemas', file), 'utf8')) as object;
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

function expectMatches(validate: ValidateFunction, run: CliRun): void {
  expect(run.json, `one JSON document on stdout:\n${run.stdout.slice(0, 2000)}\n${run.stderr.slice(0, 2000)}`).to.be.an('object');
  const ok = validate(run.json.result);
  expect(ok, `result does not match the schema (npm run contract:generate after changing the result type):\n${JSON.stringify(validate.errors, null, 2)}`).to.equal(true);
}

describe('the JSON contract: real --json results match schemas/', function () {
  this.timeout(120_000);
  const sims = simulatorPerTest();
  const preflightSchema = validatorFor('code42-preflight.json');
  const accessErrorsSchema = validatorFor('code42-access__errors.json');

  it('preflight on the demo org (failures, warnings, group scope with unmatched rows) matches code42-preflight.json', async () => {
    const org = buildDemoOrg();
    const dir = mkdtempSync(join(tmpdir(), 'c42-contract-'));
    const groupsFile = join(dir, 'groups.csv');
    writeFileSync(groupsFile, demoScopeCsvs(org).groupsCsv);
    const sim = await sims.start(org);
    const run = await runPlugin(sim, ['code42', 'preflight', '--scope', 'groups', '--groups-file', groupsFile, '--json']);
    expect(run.json?.result?.summary?.fail, run.stderr).to.be.greaterThan(0);
    expect(run.json.result.scope.unmatched).to.have.length.greaterThan(0);
    expectMatches(preflightSchema, run);
  });

  it('preflight on a healthy org matches code42-preflight.json', async () => {
    const sim = await sims.start(buildScenarioOrg('healthy'));
    const run = await runPlugin(sim, ['code42', 'preflight', '--json']);
    expect(run.code, run.stderr).to.equal(0);
    expectMatches(preflightSchema, run);
  });

  it('access-errors on the demo org matches code42-access__errors.json', async () => {
    const sim = await sims.start(buildDemoOrg());
    const run = await runPlugin(sim, ['code42', 'access-errors', '--in-scope', '--json']);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.json.result.users).to.have.length.greaterThan(0);
    expect(run.json.result.groups).to.have.length.greaterThan(0);
    expectMatches(accessErrorsSchema, run);
  });

  it('a key the type does not declare is rejected (the schemas are closed)', async () => {
    const sim = await sims.start(buildScenarioOrg('healthy'));
    const run = await runPlugin(sim, ['code42', 'preflight', '--json']);
    expect(preflightSchema(run.json.result)).to.equal(true);
    const withExtraKey = { ...run.json.result, org: { ...run.json.result.org, undeclared: 'x' } };
    expect(preflightSchema(withExtraKey)).to.equal(false);
    expect(JSON.stringify(preflightSchema.errors)).to.include('undeclared');
  });
});
