/*
 * End to end: the built plugin binary against the local org simulator over HTTP, for every
 * check in pass and fail, each scope mode, --json, the CSV output, injected faults, and once
 * through the real `sf` CLI with the plugin linked. Every run must be read-only and stay
 * within its API-call budget.
 */
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  buildScenarioOrg,
  buildDemoOrg,
  demoScopeCsvs,
  type Simulator,
  type Fault,
} from './simulator.js';
import { commandCalls, preflight, sf, newHome, simulatorPerTest, type CliRun } from './cli.js';

/**
 * API calls a small org may cost after authentication: issue 3's 4, plus issue 12's connection
 * Composite (OauthToken, ConnectedApplication, SetupEntityAccess, UserLicense) and the Metadata read
 * of the service user's profile (login IP ranges and login hours exist only there).
 */
const SMALL_ORG_BUDGET = 6;
/** The demo org's groups CSV: 3 calls, the role hierarchy with the first of 3 levels of nested groups, and a last empty level. */
const GROUP_SCOPE_BUDGET = 8;

type Check = { id: string; status: string; message: string; remediation: string[] };

function checkOf(run: CliRun, id: string): Check {
  const checks = (run.json?.result?.checks ?? []) as Check[];
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in output:\n${run.stdout.slice(0, 2000)}\n${run.stderr.slice(0, 2000)}`);
  return found;
}


function expectReadOnlyAndCheap(sim: Simulator, run: CliRun, budget = SMALL_ORG_BUDGET): void {
  expect(sim.writeRequests(), 'write requests').to.deep.equal([]);
  expect(commandCalls(sim), `API calls: ${sim.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`).to.be.at.most(budget);
  if (run.json?.result) expect(run.json.result.apiCalls, 'apiCalls reported by the command').to.equal(commandCalls(sim));
  expect(run.stdout + run.stderr).not.to.include(sim.accessToken.split('!')[1]);
}

function expectNoStackTrace(run: CliRun): void {
  expect(run.stdout + run.stderr).not.to.match(/\n\s+at .+\(.+:\d+:\d+\)/);
}

describe('e2e: sf code42 preflight against the org simulator', function () {
  this.timeout(120_000);
  const sims = simulatorPerTest();
  let sim: Simulator | undefined;

  async function scenario(name: string, args: string[] = [], faults: Fault[] = []): Promise<CliRun> {
    sim = await sims.start(buildScenarioOrg(name), faults);
    return preflight(sim, ['--json', ...args]);
  }

  describe('checks in pass and fail', () => {
    it('a healthy org passes every check that can fail, exits 0, read-only, within 6 API calls', async () => {
      const run = await scenario('healthy');
      expect(run.code, run.stderr).to.equal(0);
      const checks = run.json.result.checks as Check[];
      expect(checks.filter((c) => c.status === 'fail'), 'failed checks').to.deep.equal([]);
      for (const id of ['org-edition', 'event-monitoring-addon', 'stream-login-event', 'stream-logout-event', 'stream-report-event', 'service-user', 'service-user-active', 'service-user-not-frozen', 'service-user-login-rate', 'service-user-permissions', 'report-export-holders', 'api-limits']) {
        expect(checkOf(run, id).status, id).to.equal('pass');
      }
      expect(run.json.result.summary.fail).to.equal(0);
      expect(run.json.result.inScopeUsers.length).to.be.greaterThan(0);
      for (const u of run.json.result.inScopeUsers) expect(u.id).to.match(/^005[A-Za-z0-9]{15}$/);
      expectReadOnlyAndCheap(sim!, run);
    });

    const failures: Array<[string, string, string, RegExp]> = [
      ['deactivated', 'service-user-active', 'fail', /has been deactivated\. Reactivate the user account/],
      ['frozen', 'service-user-not-frozen', 'fail', /has been frozen\. Unfreeze the user account/],
      ['password-locked', 'service-user-not-frozen', 'fail', /locked out/],
      ['rate-limited', 'service-user-login-rate', 'fail', /LOGIN_RATE_EXCEEDED/],
      ['rate-limited-code', 'service-user-login-rate', 'fail', /at least \d+ logins recorded in the last hour/],
      ['login-volume', 'service-user-login-rate', 'fail', /3,600/],
      ['missing-permission', 'service-user-permissions', 'fail', /Customize Application/],
      ['no-service-user', 'service-user', 'fail', /Code42_Service_Account/],
      ['two-service-users', 'service-user', 'warn', /2 users look like the Code42 service account/],
      ['no-event-monitoring', 'event-monitoring-addon', 'fail', /no Event Monitoring or Shield/],
      ['no-event-monitoring', 'org-edition', 'fail', /Professional Edition cannot have Real-Time Event Monitoring/],
      ['streams-off', 'stream-report-event', 'fail', /Report Event streaming is not enabled/],
      ['streams-off', 'stream-logout-event', 'fail', /Logout Event streaming is not enabled/],
      ['low-api-limits', 'api-limits', 'fail', /\d+ of 15,000 daily API requests remain/],
      ['userlogin-unreadable', 'service-user-not-frozen', 'skip', /Manage Users|UserLogin/],
      ['metadata-unreadable', 'stream-login-event', 'skip', /Customize Application|Modify Metadata/],
    ];
    for (const [name, id, status, message] of failures) {
      it(`${name}: ${id} is ${status} with a message and remediation an admin can follow`, async () => {
        const run = await scenario(name);
        const c = checkOf(run, id);
        expect(c.status).to.equal(status);
        expect(c.message).to.match(message);
        if (status !== 'skip') expect(c.remediation.length).to.be.greaterThan(0);
        expect(run.code).to.equal(run.json.result.summary.fail > 0 ? 1 : 0);
        expectNoStackTrace(run);
        expectReadOnlyAndCheap(sim!, run);
      });
    }

    it('--fail-on warn turns a warning into exit code 1', async () => {
      const run = await scenario('two-service-users', ['--fail-on', 'warn']);
      expect(run.json.result.summary.warn).to.be.greaterThan(0);
      expect(run.code).to.equal(1);
      expectReadOnlyAndCheap(sim!, run);
    });

    it('--service-user picks one user and names an unknown one', async () => {
      const ok = await scenario('two-service-users', ['--service-user', 'code42-service2@scenario.example.com']);
      expect(checkOf(ok, 'service-user').status).to.equal('pass');
      expectReadOnlyAndCheap(sim!, ok);
      const secondId = (sim!.org.meta as { secondServiceUserId: string }).secondServiceUserId;
      const byId = await preflight(sim!, ['--json', '--service-user', secondId.slice(0, 15)]);
      expect(byId.json.result.serviceUsers.map((u: { id: string }) => u.id)).to.deep.equal([secondId]);
      await sim!.stop();
      const missing = await scenario('healthy', ['--service-user', 'nobody@scenario.example.com']);
      expect(checkOf(missing, 'service-user').status).to.equal('fail');
      expect(checkOf(missing, 'service-user').message).to.include('nobody@scenario.example.com');
      expectReadOnlyAndCheap(sim!, missing);
    });
  });

  describe('scope modes and output', () => {
    let csvDir: string;
    let demoUsersCsv: string;
    let demoGroupsCsv: string;
    before(() => {
      csvDir = mkdtempSync(join(tmpdir(), 'c42-e2e-csv-'));
      const csvs = demoScopeCsvs(buildDemoOrg());
      demoUsersCsv = join(csvDir, 'users.csv');
      demoGroupsCsv = join(csvDir, 'groups.csv');
      writeFileSync(demoUsersCsv, csvs.usersCsv);
      writeFileSync(demoGroupsCsv, csvs.groupsCsv);
    });

    async function demo(args: string[]): Promise<CliRun> {
      sim = await sims.start(buildDemoOrg());
      return preflight(sim, ['--json', ...args]);
    }

    it('all users: the in-scope list equals the active Export Reports holders, each with how they got it', async () => {
      const run = await demo([]);
      const r = run.json.result;
      expect(r.scope.mode).to.equal('all');
      expect(r.inScopeUsers.length).to.equal(checkOf(run, 'report-export-holders').message.match(/monitor (\d+) users/)?.[1] ? Number(checkOf(run, 'report-export-holders').message.match(/monitor (\d+) users/)![1]) : -1);
      for (const u of r.inScopeUsers) {
        expect(u.grantedBy, u.username).to.be.an('array').that.is.not.empty;
      }
      const ids = new Set(r.inScopeUsers.map((u: { id: string }) => u.id));
      expect(ids.size, 'no duplicates').to.equal(r.inScopeUsers.length);
      expectReadOnlyAndCheap(sim!, run);
    });

    it('users CSV: matches username, email, 18- and 15-character Ids, and lists the row that matches nobody', async () => {
      const run = await demo(['--scope', 'users', '--users-file', demoUsersCsv]);
      const r = run.json.result;
      expect(r.scope.mode).to.equal('users');
      expect(r.scope.entries).to.equal(5);
      expect(JSON.stringify(r.scope.unmatched)).to.include('departed.employee@');
      expect(checkOf(run, 'scope-entries').status).to.equal('warn');
      expect(r.inScopeUsers.length).to.be.at.most(4);
      expectReadOnlyAndCheap(sim!, run, 6);
    });

    it('groups CSV: follows nested groups and roles, lists the unknown group', async () => {
      const run = await demo(['--scope', 'groups', '--groups-file', demoGroupsCsv]);
      const r = run.json.result;
      expect(r.scope.mode).to.equal('groups');
      expect(r.scope.entries).to.equal(4);
      expect(JSON.stringify(r.scope.unmatched)).to.include('Retired Project Team');
      expect(r.inScopeUsers.length).to.be.greaterThan(0);
      // Composite A + metadata + Composite B, then one Composite per level of nested groups.
      expectReadOnlyAndCheap(sim!, run, GROUP_SCOPE_BUDGET);
      const all = await (async () => {
        await sim!.stop();
        return demo([]);
      })();
      expect(r.inScopeUsers.length).to.be.lessThan(all.json.result.inScopeUsers.length);
      expect(sim!.writeRequests()).to.deep.equal([]);
    });

    it('--output-file writes the in-scope users as CSV with a header row', async () => {
      const out = join(csvDir, 'in-scope.csv');
      const run = await demo(['--output-file', out]);
      expect(existsSync(out)).to.equal(true);
      const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
      expect(lines[0]).to.match(/^Id,Username,Name,Email,GrantedBy/);
      expect(lines.length - 1).to.equal(run.json.result.inScopeUsers.length);
      expectReadOnlyAndCheap(sim!, run);
    });

    it('--json prints exactly one JSON document and nothing else on stdout', async () => {
      const run = await demo([]);
      expect(run.json, run.stdout.slice(0, 300)).to.be.an('object');
      expect(Object.keys(run.json.result)).to.include.members(['org', 'checks', 'scope', 'inScopeUsers', 'summary', 'apiCalls']);
      expect(run.json.result.org).to.include.keys('id', 'name', 'edition', 'instanceUrl', 'isSandbox');
      expectReadOnlyAndCheap(sim!, run);
    });

    it('human output: the checks table, the fixes and the count of monitored users', async () => {
      sim = await sims.start(buildDemoOrg());
      const run = await preflight(sim, []);
      expect(run.stdout).to.match(/Code42 connection status/);
      expect(run.stdout).to.match(/What to fix/);
      expect(run.stdout).to.match(/In scope: \d+ users will be monitored/);
      expect(run.stdout).not.to.match(/^\s*\{/);
      expectNoStackTrace(run);
      expectReadOnlyAndCheap(sim!, run);
    });

    it('a bad scoping file is refused with the file, the row and the fix, and a non-zero exit', async () => {
      const bad = join(csvDir, 'bad.csv');
      writeFileSync(bad, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]));
      sim = await sims.start(buildDemoOrg());
      const run = await preflight(sim, ['--scope', 'users', '--users-file', bad]);
      expect(run.code).to.not.equal(0);
      expect(run.code).to.not.equal(1);
      expect(run.stderr + run.stdout).to.include('bad.csv');
      expectNoStackTrace(run);
      expect(commandCalls(sim), 'nothing is read from the org when the file is bad').to.equal(0);
      expect(sim.writeRequests()).to.deep.equal([]);
    });
  });

  describe('faults end in a clear error or a finding, never a stack trace or a hang', () => {
    // The last value: API calls the command may spend (Composite A and the connection Composite
    // go out together, beside the Metadata read; a server error is sent 3 times in all).
    const cases: Array<[string, Fault[], RegExp, number]> = [
      ['expired session (401 INVALID_SESSION_ID)', [{ kind: 'invalid-session', match: { path: '/composite' } }], /INVALID_SESSION_ID|session/i, 3],
      ['daily limit reached (403 REQUEST_LIMIT_EXCEEDED)', [{ kind: 'request-limit', match: { path: '/composite' } }], /REQUEST_LIMIT_EXCEEDED|limit/i, 3],
      ['server error (500)', [{ kind: 'server-error', match: { path: '/composite' } }], /500|server|UNKNOWN_EXCEPTION/i, 7],
      ['malformed body', [{ kind: 'malformed', match: { path: '/composite' } }], /malformed|JSON|unexpected|invalid/i, 3],
    ];
    for (const [name, faults, message, maxCalls] of cases) {
      it(name, async () => {
        const run = await scenario('healthy', [], faults);
        expect(run.code, run.stdout).to.not.equal(0);
        expect(run.json?.status, 'error status in the JSON envelope').to.be.a('number').that.is.not.equal(0);
        expect(`${run.json?.message ?? ''} ${run.json?.name ?? ''}`).to.match(message);
        expect(run.json?.actions ?? [], 'an action the admin can take').to.not.be.empty;
        expectNoStackTrace(run);
        expect(sim!.writeRequests()).to.deep.equal([]);
        expect(commandCalls(sim!), 'the run stops at the failed call').to.be.at.most(maxCalls);
      });
    }

    it('a hung response is cut off by --request-timeout, with an action', async () => {
      const run = await scenario('healthy', ['--request-timeout', '2'], [{ kind: 'hang', match: { path: '/composite' } }]);
      expect(run.seconds, 'bounded by the product').to.be.below(30);
      expect(run.code).to.not.equal(0);
      expect(`${run.json?.message}`).to.match(/did not (answer|respond) within 2 seconds/i);
      expect(run.json?.actions ?? []).to.not.be.empty;
      expectNoStackTrace(run);
      expect(sim!.writeRequests()).to.deep.equal([]);
      expect(commandCalls(sim!)).to.be.at.most(3);
    });

    it('an edition without Event Monitoring is a finding with an action, not a crash', async () => {
      const run = await scenario('no-event-monitoring');
      expect(run.json.status).to.equal(1);
      expect(checkOf(run, 'event-monitoring-addon').remediation.join(' ')).to.match(/account executive/);
      expectNoStackTrace(run);
      expectReadOnlyAndCheap(sim!, run);
    });
  });

  describe('through the real sf CLI', () => {
    it('sf plugins link + sf code42 preflight --json gives the same answer as the plugin binary', async function () {
      this.timeout(240_000);
      sim = await sims.start(buildScenarioOrg('missing-permission'));
      const home = newHome();
      const link = await sf(sim, ['plugins', 'link', join(process.cwd().endsWith('plugin') ? process.cwd() : join(process.cwd(), 'plugin')), '--no-install'], home);
      expect(link.code, link.stderr).to.equal(0);
      const viaSf = await sf(sim, ['code42', 'preflight', '--target-org', sim.accessToken, '--json'], home);
      expect(viaSf.code, viaSf.stderr.slice(0, 1000)).to.equal(1);
      expect(checkOf(viaSf, 'service-user-permissions').status).to.equal('fail');
      expectReadOnlyAndCheap(sim, viaSf);
      sim.resetLog();
      const viaBin = await preflight(sim, ['--json']);
      const statuses = (r: CliRun): string[] => (r.json.result.checks as Check[]).map((c) => `${c.id}:${c.status}`);
      expect(statuses(viaSf)).to.deep.equal(statuses(viaBin));
    });
  });
});
