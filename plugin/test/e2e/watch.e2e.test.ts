/*
 * End to end: `sf code42 watch start|stop|status`, the plugin's binary over HTTP against the
 * simulator, which models the project's Apex REST endpoint (Code42HealthWatchRest) and the
 * CronTrigger/CronJobDetail rows System.schedule creates.
 */
import { expect } from 'chai';
import { buildScenarioOrg, type SimOrg, type Simulator } from './simulator.js';
import { commandCalls, runPlugin, simulatorPerTest, type CliRun } from './cli.js';

/** "Deploy" the watch: the REST class and an empty snapshot table. */
function withWatchDeployed(org: SimOrg): SimOrg {
  org.apexClasses = ['Code42HealthWatchRest'];
  org.objects.Code42_Watch_Snapshot__c = [];
  org.extraFields = { ...((org.extraFields as Record<string, unknown>) ?? {}), Code42_Watch_Snapshot__c: { Taken_At__c: 'datetime' } };
  return org;
}

const watch = (sim: Simulator, action: string, args: string[] = []): Promise<CliRun> =>
  runPlugin(sim, ['code42', 'watch', action, ...args]);
const writes = (sim: Simulator): string[] => sim.writeRequests().map((w) => `${w.method} ${w.path}`);

describe('e2e: sf code42 watch', function () {
  this.timeout(180_000);
  const sims = simulatorPerTest();

  it('status before start: not running, exit code 3, one API call, no write', async () => {
    const sim = await sims.start(withWatchDeployed(buildScenarioOrg('healthy')));
    const run = await watch(sim, 'status');
    expect(run.code, run.stderr).to.equal(3);
    expect(run.stdout).to.contain('"Code42 Health Watch" is not running.');
    expect(run.stdout).to.contain('Latest snapshot: never.');
    expect(run.stdout).to.contain('sf code42 watch start --target-org <org>');
    expect(writes(sim)).to.deep.equal([]);
    expect(commandCalls(sim)).to.equal(1);
  });

  it('start schedules the job once; starting again says "already running" and creates no second job', async () => {
    const sim = await sims.start(withWatchDeployed(buildScenarioOrg('healthy')));
    const first = await watch(sim, 'start', ['--json']);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.json.result).to.include({ action: 'start', changed: true, running: true, state: 'WAITING' });
    expect(first.json.result.nextRunAt).to.match(/T\d\d:00:00/);
    const second = await watch(sim, 'start');
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.contain('"Code42 Health Watch" is already running: nothing changed');
    expect(sim.org.objects.CronTrigger).to.have.length(1);
    expect(writes(sim)).to.deep.equal(['POST /services/apexrest/code42/watch', 'POST /services/apexrest/code42/watch']);

    const status = await watch(sim, 'status', ['--json']);
    expect(status.code).to.equal(0);
    expect(status.json.result).to.include({ running: true, state: 'WAITING', cronExpression: '0 0 * * * ?' });
    expect(status.json.result.scheduledBy).to.be.a('string');
  });

  it('stop unschedules; stopping again says "not running"; status then exits 3', async () => {
    const sim = await sims.start(withWatchDeployed(buildScenarioOrg('healthy')));
    await watch(sim, 'start');
    const stop = await watch(sim, 'stop');
    expect(stop.code, stop.stderr).to.equal(0);
    expect(stop.stdout).to.contain('Stopped "Code42 Health Watch"');
    const again = await watch(sim, 'stop', ['--json']);
    expect(again.code).to.equal(0);
    expect(again.json.result).to.include({ changed: false, running: false });
    const status = await watch(sim, 'status');
    expect(status.code).to.equal(3);
    expect(sim.org.objects.CronTrigger).to.deep.equal([]);
  });

  it('when force-app is not deployed: start names the fix, writes nothing; status still reads', async () => {
    const sim = await sims.start(buildScenarioOrg('healthy'));
    const run = await watch(sim, 'start', ['--json']);
    expect(run.code).to.not.equal(0);
    expect(run.json.name).to.equal('NotDeployedError');
    expect(JSON.stringify(run.json.actions)).to.contain('sf project deploy start');
    expect(sim.org.objects.CronTrigger).to.equal(undefined);
    const status = await watch(sim, 'status', ['--json']);
    expect(status.code).to.equal(3);
    expect(status.json.result.snapshotsUnavailable).to.contain('deploy force-app');
  });

  it('a user without access to the class gets the permission set to assign', async () => {
    const org = withWatchDeployed(buildScenarioOrg('healthy'));
    org.noAccess = { ...((org.noAccess as Record<string, unknown>) ?? {}), apexRest: true };
    const sim = await sims.start(org);
    const run = await watch(sim, 'start', ['--json']);
    expect(run.code).to.not.equal(0);
    expect(run.json.name).to.equal('NoAccessError');
    expect(JSON.stringify(run.json.actions)).to.contain('Code42 Health Watch');
  });
});
