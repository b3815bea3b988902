/*
 * End to end, issue 12: the built plugin binary against the org simulator for the authorization
 * checks (connected-app-access, code42-authorization, service-user-licence,
 * service-user-login-access) in each status, the My Domain line and org.myDomain, and the
 * OauthToken secrets that must never leave the org.
 */
import { expect } from 'chai';
import { buildScenarioOrg, buildDemoOrg, type Simulator } from './simulator.js';
import { commandCalls, preflight, simulatorPerTest, type CliRun } from './cli.js';

const SMALL_ORG_BUDGET = 6;

type Check = { id: string; status: string; message: string; remediation: string[] };

function checkOf(run: CliRun, id: string): Check {
  const found = ((run.json?.result?.checks ?? []) as Check[]).find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in output:\n${run.stdout.slice(0, 2000)}\n${run.stderr.slice(0, 2000)}`);
  return found;
}

function expectSafe(sim: Simulator, run: CliRun): void {
  expect(sim.writeRequests(), 'write requests').to.deep.equal([]);
  expect(commandCalls(sim)).to.be.at.most(SMALL_ORG_BUDGET);
  expect(run.stdout + run.stderr).not.to.match(/secret-(refresh|code|delete)/);
  const sent = sim.requests.map((r) => r.soql ?? '').join('\n');
  expect(sent).not.to.match(/AccessToken|RequestToken|DeleteToken/);
}

describe('e2e: the authorization checks against the org simulator', function () {
  this.timeout(120_000);
  const sims = simulatorPerTest();
  let sim: Simulator | undefined;

  async function scenario(name: string, args: string[] = ['--json']): Promise<CliRun> {
    sim = await sims.start(buildScenarioOrg(name));
    return preflight(sim, args);
  }

  it('healthy: all four pass, with the OAuth token as evidence, within 6 API calls', async () => {
    const run = await scenario('healthy');
    expect(run.code, run.stderr).to.equal(0);
    for (const id of ['connected-app-access', 'code42-authorization', 'service-user-licence', 'service-user-login-access']) {
      expect(checkOf(run, id).status, `${id}: ${checkOf(run, id).message}`).to.equal('pass');
    }
    expect(checkOf(run, 'code42-authorization').message).to.match(/code42-service@scenario\.example\.com authorized "Code42 Incydr" on \d{4}-\d\d-\d\d; last used \d{4}-\d\d-\d\d, 8,400 uses\./);
    expect(run.json.result.org.myDomain).to.equal(new URL(sim!.instanceUrl).host);
    expect(run.json.result.connection.tokens[0]).to.have.all.keys('appName', 'userId', 'createdDate', 'lastUsedDate', 'useCount');
    expectSafe(sim!, run);
  });

  const cases: Array<[string, string, string, RegExp]> = [
    ['app-not-installed', 'connected-app-access', 'fail', /not installed.*OAUTH_APPROVAL_ERROR_GENERIC/],
    ['app-not-admitting', 'connected-app-access', 'fail', /is installed but does not admit/],
    ['authorized-via-permission', 'connected-app-access', 'warn', /through "Approve Uninstalled Connected Apps".*remove "Approve Uninstalled Connected Apps"/],
    ['permission-left-over', 'connected-app-access', 'warn', /still holds "Approve Uninstalled Connected Apps"\. Remove the permission/],
    ['no-service-user', 'connected-app-access', 'skip', /No service account user/],
    ['app-not-installed', 'code42-authorization', 'skip', /^Not authorized yet/],
    ['token-stale', 'code42-authorization', 'warn', /Unused for 30 days/],
    ['integration-licence', 'service-user-licence', 'fail', /Salesforce Integration licence, which is API-only/],
    ['licences-full', 'service-user-licence', 'warn', /requires one of your Salesforce user licenses/],
    ['no-service-user', 'service-user-licence', 'pass', /Salesforce licences? (is|are) free/],
    ['api-only', 'service-user-login-access', 'fail', /"API Only User"/],
    ['login-restrictions', 'service-user-login-access', 'warn', /198\.51\.100\.0-198\.51\.100\.255.*monday 480-1080/],
  ];
  for (const [name, id, status, message] of cases) {
    it(`${name}: ${id} is ${status}`, async () => {
      const run = await scenario(name);
      const c = checkOf(run, id);
      expect(c.status, c.message).to.equal(status);
      expect(c.message).to.match(message);
      if (status !== 'skip' && status !== 'pass') expect(c.remediation.length).to.be.greaterThan(0);
      expect(run.code).to.equal(run.json.result.summary.fail > 0 ? 1 : 0);
      expectSafe(sim!, run);
    });
  }

  it('the running user without Customize Application sees no other user\'s token: not authorized yet, with why', async () => {
    const org = buildScenarioOrg('healthy');
    const objects = org.objects as Record<string, Array<Record<string, any>>>;
    const admin = objects.User.find((u) => u.Id === org.currentUserId) as Record<string, any>;
    const adminPs = objects.PermissionSet.find((p) => p.ProfileId === admin.ProfileId) as Record<string, any>;
    delete adminPs.PermissionsCustomizeApplication;
    delete adminPs.PermissionsModifyAllData;
    sim = await sims.start(org);
    const run = await preflight(sim, ['--json']);
    const c = checkOf(run, 'code42-authorization');
    expect(c.status).to.equal('skip');
    expect(c.message).to.include('Only a running user with Customize Application sees other users\' tokens');
    expect(checkOf(run, 'connected-app-access').status).to.equal('skip');
    expectSafe(sim, run);
  });

  it('human report: prints the My Domain to enter in Code42 and the steps in order', async () => {
    const run = await scenario('app-not-installed', []);
    expect(run.stdout).to.include(`My Domain to enter in Code42 (Step 3, "Include the suffix"): ${new URL(sim!.instanceUrl).host}`);
    const steps = run.stdout.slice(run.stdout.indexOf('[connected-app-access]'));
    expect(steps.indexOf('Step 1: grant "Approve Uninstalled Connected Apps"')).to.be.lessThan(steps.indexOf('Step 5: remove'));
    expect(run.stdout).to.include('Connected Apps OAuth Usage');
  });

  it('a sandbox is told that its My Domain differs from production', async () => {
    const org = buildDemoOrg();
    (org.objects.Organization[0] as Record<string, unknown>).IsSandbox = true;
    sim = await sims.start(org);
    const run = await preflight(sim, []);
    expect(run.stdout).to.include("This is a sandbox: its My Domain");
  });
});
