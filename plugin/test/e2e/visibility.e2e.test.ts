/*
 * End to end: what the running admin may not see is never read as a fact about the org. Each
 * case runs the built plugin binary (both commands) against a simulator fixture whose running
 * user lacks one documented permission (scripts/org-simulator/src/access.js): the check whose
 * data is hidden is `skip` with the missing permission named, never pass, never fail.
 */
import { expect } from 'chai';
import { buildDemoOrg, buildScenarioOrg, DEMO_DELEGATED_ADMIN_LACKS, type SimOrg, type Simulator } from './simulator.js';
import { runPlugin, simulatorPerTest, type CliRun } from './cli.js';

type Check = { id: string; status: string; message: string; remediation: string[] };
type Finding = { id: string; status: string; message: string; actions: string[] };

const checksOf = (run: CliRun): Record<string, Check> =>
  Object.fromEntries(((run.json?.result?.checks ?? []) as Check[]).map((c) => [c.id, c]));
const findingsOf = (run: CliRun): Finding[] => (run.json?.result?.findings ?? []) as Finding[];
const allSoql = (sim: Simulator): string =>
  sim.requests.flatMap((r) => [r.soql ?? '', ...(r.subrequests ?? []).map((s) => s.soql ?? '')]).join('\n');

function expectNoStackTrace(run: CliRun): void {
  expect(run.stdout + run.stderr).not.to.match(/\n\s+at .+\(.+:\d+:\d+\)/);
}

const HIDDEN = 'hidden from the user running this check';
const WHERE = 'Setup > Users > Permission Sets';

describe('e2e: facts hidden from the running user (both commands)', function () {
  this.timeout(120_000);
  const sims = simulatorPerTest();

  async function run(org: SimOrg, args: string[]): Promise<{ sim: Simulator; run: CliRun }> {
    const sim = await sims.start(org);
    const out = await runPlugin(sim, ['code42', ...args, '--json']);
    expectNoStackTrace(out);
    return { sim, run: out };
  }

  describe('admin without View Real-Time Event Monitoring Data, in an org with the add-on', () => {
    it('preflight: event-monitoring-addon is skip, names the permission, where to grant it, and the field found; exit 0', async () => {
      const { run: out } = await run(buildScenarioOrg('admin-without-vrtem'), ['preflight']);
      const checks = checksOf(out);
      expect(checks['event-monitoring-addon'].status).to.equal('skip');
      expect(checks['event-monitoring-addon'].message).to.include(HIDDEN);
      expect(checks['event-monitoring-addon'].message).to.include('"View Real-Time Event Monitoring Data"');
      expect(checks['event-monitoring-addon'].message).to.include(WHERE);
      expect(checks['event-monitoring-addon'].message).to.include('PermissionsViewRealTimeEventMonitoringData');
      // The service user's own permissions are still checked (the describe is not the running user's grant).
      expect(checks['service-user-permissions'].status).to.equal('pass');
      expect(out.code, out.stderr).to.equal(0);
    });

    it('access-errors: reads the log files as usual (EventLogFile does not need that permission); exit 0', async () => {
      const { run: out } = await run(buildScenarioOrg('admin-without-vrtem'), ['access-errors']);
      expect(out.code, out.stderr).to.equal(0);
      expect(findingsOf(out).filter((f) => f.status === 'fail')).to.deep.equal([]);
    });
  });

  describe('an org without the add-on: the failure rests on evidence, not on what the admin sees', () => {
    it('preflight: event-monitoring-addon fails and says the permission field is absent too', async () => {
      const { run: out } = await run(buildScenarioOrg('no-event-monitoring'), ['preflight']);
      const addon = checksOf(out)['event-monitoring-addon'];
      expect(addon.status).to.equal('fail');
      expect(addon.message).to.include('no permission field labelled "View Real-Time Event Monitoring Data"');
      expect(out.code).to.equal(1);
    });

    it('access-errors: the no-add-on finding, with the evidence', async () => {
      const { run: out } = await run(buildScenarioOrg('no-event-monitoring'), ['access-errors']);
      expect(findingsOf(out).map((f) => f.id)).to.include('noAddOn');
      expect(findingsOf(out).find((f) => f.id === 'noAddOn')?.message).to.include('no permission field labelled "View Real-Time Event Monitoring Data"');
      expect(out.code).to.equal(1);
    });
  });

  describe('admin without View Event Log Files, in an org with the add-on', () => {
    it('access-errors: says the files are hidden from you (not "no add-on"), names the permission and where; nothing downloaded', async () => {
      const { sim, run: out } = await run(buildScenarioOrg('admin-without-event-log-files'), ['access-errors']);
      const findings = findingsOf(out);
      expect(findings.map((f) => f.id)).to.include('eventLogFilesHidden');
      expect(findings.map((f) => f.id)).not.to.include('noAddOn');
      const hidden = findings.find((f) => f.id === 'eventLogFilesHidden') as Finding;
      expect(hidden.message).to.include('PermissionsViewRealTimeEventMonitoringData');
      expect(hidden.actions.join(' ')).to.include('"View Event Log Files"');
      expect(hidden.actions.join(' ')).to.include(WHERE);
      expect(sim.requests.some((r) => /\/LogFile$/.test(r.path))).to.equal(false);
      expect(out.code).to.equal(1);
    });

    it('preflight: nothing it checks needs that permission; exit 0', async () => {
      const { run: out } = await run(buildScenarioOrg('admin-without-event-log-files'), ['preflight']);
      expect(out.code, out.stderr).to.equal(0);
      expect(checksOf(out)['event-monitoring-addon'].status).to.equal('pass');
    });
  });

  describe('admin without Manage Users', () => {
    it('preflight: frozen state, login rate and sessions are skip naming Manage Users, never pass or fail; exit 0', async () => {
      const { run: out } = await run(buildScenarioOrg('admin-without-manage-users'), ['preflight']);
      const checks = checksOf(out);
      for (const id of ['service-user-not-frozen', 'service-user-login-rate', 'active-sessions']) {
        expect(checks[id].status, id).to.equal('skip');
        expect(checks[id].message, id).to.include(HIDDEN);
        expect(checks[id].message, id).to.include('"Manage Users"');
        expect(checks[id].message, id).to.include(WHERE);
      }
      expect(checks['service-user-login-rate'].message).to.include('"Monitor Login History"');
      expect(out.code, out.stderr).to.equal(0);
    });

    it('access-errors --in-scope: still lists the in-scope users and reads the files; exit 0', async () => {
      const { run: out } = await run(buildScenarioOrg('admin-without-manage-users'), ['access-errors', '--in-scope']);
      expect(out.code, out.stderr).to.equal(0);
      expect(((out.json?.result?.users ?? []) as Array<{ reasons: string[] }>).some((u) => u.reasons.includes('in scope'))).to.equal(true);
    });
  });

  describe('admin without Modify All Data / Modify Metadata', () => {
    it('preflight: the three stream checks are skip naming both permissions; exit 0', async () => {
      const { run: out } = await run(buildScenarioOrg('admin-without-modify-metadata'), ['preflight']);
      const checks = checksOf(out);
      for (const id of ['stream-login-event', 'stream-logout-event', 'stream-report-event']) {
        expect(checks[id].status, id).to.equal('skip');
        expect(checks[id].message, id).to.include('"Modify All Data" or "Modify Metadata Through Metadata API Functions"');
        expect(checks[id].message, id).to.include(WHERE);
      }
      expect(out.code, out.stderr).to.equal(0);
    });

    it('access-errors: does not need the Metadata API; exit 0', async () => {
      const { run: out } = await run(buildScenarioOrg('admin-without-modify-metadata'), ['access-errors', '--in-scope']);
      expect(out.code, out.stderr).to.equal(0);
    });
  });

  describe('View Real-Time Event Monitoring Data on the service user, found by its label', () => {
    it('another API name in the org: found by label, selected by that name, shown in the output', async () => {
      const { sim, run: out } = await run(buildScenarioOrg('vrtem-other-api-name'), ['preflight']);
      const perms = checksOf(out)['service-user-permissions'];
      expect(perms.status).to.equal('pass');
      expect(perms.message).to.include('PermissionsViewRealTimeEventData, found by its label');
      expect(allSoql(sim)).to.include('PermissionSet.PermissionsViewRealTimeEventData');
      expect(allSoql(sim)).not.to.include('PermissionsViewRealTimeEventMonitoringData');
      expect(out.code, out.stderr).to.equal(0);
    });

    it('a service user without it fails service-user-permissions with the steps to grant it by hand', async () => {
      const org = buildScenarioOrg('healthy');
      const service = org.objects.User.find((u) => u.Username === 'code42-service@scenario.example.com') as { ProfileId: string };
      for (const rec of [...org.objects.Profile, ...org.objects.PermissionSet]) {
        if (rec.Id === service.ProfileId || rec.ProfileId === service.ProfileId) delete rec.PermissionsViewRealTimeEventMonitoringData;
      }
      const { run: out } = await run(org, ['preflight']);
      const perms = checksOf(out)['service-user-permissions'];
      expect(perms.status).to.equal('fail');
      expect(perms.message).to.include('View Real-Time Event Monitoring Data (API name PermissionsViewRealTimeEventMonitoringData, found by its label)');
      expect(perms.remediation.join(' ')).to.include('System Permissions > Edit, select "View Real-Time Event Monitoring Data"');
      expect(out.code).to.equal(1);
    });
  });

  describe('the demo org, run by a delegated administrator', () => {
    it('preflight: what the admin cannot see is skip with the permission named; the real problem still fails', async () => {
      const { run: out } = await run(buildDemoOrg({ adminLacks: DEMO_DELEGATED_ADMIN_LACKS }), ['preflight']);
      const checks = checksOf(out);
      expect(checks['event-monitoring-addon'].status).to.equal('skip');
      expect(checks['event-monitoring-addon'].message).to.include('"View Real-Time Event Monitoring Data"');
      expect(checks['service-user-not-frozen'].status).to.equal('skip');
      expect(checks['active-sessions'].status).to.equal('skip');
      // The demo's own problem (the service profile lacks Customize Application) is still found.
      expect(checks['service-user-permissions'].status).to.equal('fail');
      expect(checks['service-user-permissions'].message).to.include('Customize Application');
    });

    it('access-errors: reads the log files (the delegated admin keeps View Event Log Files)', async () => {
      const { run: out } = await run(buildDemoOrg({ adminLacks: DEMO_DELEGATED_ADMIN_LACKS }), ['access-errors']);
      expect(findingsOf(out).filter((f) => f.status === 'fail').map((f) => f.id)).to.deep.equal([]);
    });
  });
});
