/*
 * End to end: `sf code42 access-errors` through the built plugin binary against the org
 * simulator's demo org (three days of InsufficientAccess log files, hourly and daily, the
 * oldest daily file truncated). The expected numbers are computed from the fixture's own
 * files, not written down.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { buildDemoOrg, buildScenarioOrg, type Simulator, type SimOrg } from './simulator.js';
import { commandCalls, runPlugin, simulatorPerTest, type CliRun } from './cli.js';

type LogFileRec = { Id: string; EventType: string; LogDate: string; Interval: 'Daily' | 'Hourly'; LogFileLength: number };
type Event = Record<string, string>;

const downloads = (sim: Simulator): string[] =>
  sim.requests.filter((r) => /\/sobjects\/EventLogFile\/\w+\/LogFile$/.test(r.path)).map((r) => /EventLogFile\/(\w+)\//.exec(r.path)![1]);

function expectNoStackTrace(run: CliRun): void {
  expect(run.stdout + run.stderr).not.to.match(/\n\s+at .+\(.+:\d+:\d+\)/);
}

/** The complete rows of a log file body (a truncated body loses its cut-off last line). */
function completeRows(body: string): Event[] {
  const complete = body.slice(0, body.lastIndexOf('\n') + 1);
  return parse(complete, { columns: true, skip_empty_lines: true }) as Event[];
}

/**
 * What the fixture holds for these users in the window: every generated event (from the
 * hourly files, which hold each event once), and what a correct reader counts: per day the
 * daily file's complete rows when there is a daily file, else that day's hourly files.
 */
function expectedFromFixture(org: SimOrg, userIds: Set<string>, window: { start: string; end: string }) {
  const files = (org.objects.EventLogFile as unknown as LogFileRec[]).filter((f) => f.EventType === 'InsufficientAccess');
  const bodies = (org as unknown as { logFiles: Record<string, string> }).logFiles;
  const [from, to] = [Date.parse(window.start), Date.parse(window.end)];
  const mine = (e: Event): boolean => userIds.has(e.USER_ID_DERIVED) && Date.parse(e.TIMESTAMP_DERIVED) >= from && Date.parse(e.TIMESTAMP_DERIVED) <= to;
  const days = new Map<string, { daily?: LogFileRec; hourly: LogFileRec[] }>();
  for (const f of files) {
    const day = f.LogDate.slice(0, 10);
    const entry = days.get(day) ?? { hourly: [] };
    if (f.Interval === 'Daily') entry.daily = f;
    else entry.hourly.push(f);
    days.set(day, entry);
  }
  let generated = 0;
  let counted = 0;
  let filesToRead = 0;
  const truncated: string[] = [];
  for (const { daily, hourly } of days.values()) {
    const hourlyEvents = hourly.flatMap((f) => completeRows(bodies[f.Id]));
    generated += hourlyEvents.filter(mine).length;
    if (daily) {
      filesToRead += 1;
      counted += completeRows(bodies[daily.Id]).filter(mine).length;
      if (Buffer.byteLength(bodies[daily.Id]) < daily.LogFileLength) truncated.push(daily.Id);
    } else {
      filesToRead += hourly.length;
      counted += hourlyEvents.filter(mine).length;
    }
  }
  return { files: files.length, generated, counted, filesToRead, truncated };
}

/** Holders of the Code42 permission set or profile in the fixture, sorted. */
function serviceUsersOf(org: SimOrg): string[] {
  const o = org.objects as Record<string, Array<Record<string, string>>>;
  const ps = new Set(o.PermissionSet.filter((p) => p.Name === 'Code42_Service_Account').map((p) => p.Id));
  const profiles = new Set(o.Profile.filter((p) => p.Name === 'Code42 Service Account').map((p) => p.Id));
  const ids = new Set(o.PermissionSetAssignment.filter((a) => ps.has(a.PermissionSetId)).map((a) => a.AssigneeId));
  for (const u of o.User) if (profiles.has(u.ProfileId)) ids.add(u.Id);
  return [...ids].sort();
}

describe('e2e: sf code42 access-errors against the org simulator', () => {
  const sims = simulatorPerTest();

  it('demo org, --json: each day read once (daily over hourly), the truncated daily file named, calls = 1 + files read, read-only', async () => {
    const org = buildDemoOrg();
    const sim = await sims.start(org);
    const run = await runPlugin(sim, ['code42', 'access-errors', '--json']);
    expect(run.code, run.stderr).to.equal(0);
    const result = run.json.result;

    // The service account as the fixture defines it (the demo also has a deactivated old one).
    const serviceIds = serviceUsersOf(org);
    expect(serviceIds).to.include((org.meta as { serviceUserId: string }).serviceUserId);
    expect(result.users.map((u: { id: string }) => u.id).sort()).to.deep.equal(serviceIds);
    const expected = expectedFromFixture(org, new Set(serviceIds), result.window);
    expect(expected.truncated, 'the fixture has one truncated daily file').to.have.length(1);
    expect(expected.counted, 'the truncated file loses some events').to.be.lessThan(expected.generated);

    // No event counted twice: hourly files of days with a daily file are skipped.
    expect(result.totals.events).to.equal(expected.counted);
    expect(result.groups.reduce((n: number, g: { count: number }) => n + g.count, 0)).to.equal(expected.counted);
    expect(result.logFiles).to.deep.include({ found: expected.files, read: expected.filesToRead, skippedCoveredByDaily: expected.files - expected.filesToRead });

    // The damaged file is reported by its Id, and the rest still counts.
    expect(result.problems).to.have.length(1);
    expect(result.problems[0]).to.deep.include({ logFileId: expected.truncated[0], interval: 'Daily' });
    expect(result.problems[0].rowsCounted).to.be.greaterThan(0);

    // One Composite request (file list + service user), then one GET per file read.
    expect(downloads(sim).sort()).to.have.length(expected.filesToRead);
    expect(new Set(downloads(sim)).size, 'no file downloaded twice').to.equal(expected.filesToRead);
    expect(commandCalls(sim)).to.equal(1 + expected.filesToRead);
    expect(result.apiCalls).to.equal(commandCalls(sim));
    expect(sim.writeRequests(), 'write requests').to.deep.equal([]);
    expect(run.stdout + run.stderr).not.to.include(sim.accessToken.split('!')[1]);
  });

  it('--in-scope adds every monitored user for the price of the scope reads: no Metadata call, read-only', async () => {
    const sim = await sims.start(buildDemoOrg());
    const run = await runPlugin(sim, ['code42', 'access-errors', '--in-scope', '--json']);
    expect(run.code, run.stderr).to.equal(0);
    const result = run.json.result;
    const serviceOnly = serviceUsersOf(sim.org).length;
    expect(result.users.length, 'service users plus the in-scope holders').to.be.greaterThan(serviceOnly);
    expect(sim.requests.filter((r) => /\/Soap\/m\//.test(r.path)), 'the streaming settings are not read').to.deep.equal([]);
    // The scope's two Composite requests (plus the holders' pages) and the file list, then one GET per file.
    const fileDownloads = downloads(sim).length;
    expect(commandCalls(sim) - fileDownloads).to.be.at.most(4);
    expect(result.apiCalls).to.equal(commandCalls(sim));
    expect(sim.writeRequests()).to.deep.equal([]);
  });

  it('demo org, human output and --output-file CSV: the service user\'s table, the damaged file, the command\'s totals', async () => {
    const org = buildDemoOrg();
    const sim = await sims.start(org);
    const file = join(mkdtempSync(join(tmpdir(), 'c42-ae-e2e-')), 'access-errors.csv');
    const run = await runPlugin(sim, ['code42', 'access-errors', '--output-file', file]);
    expect(run.code, run.stderr).to.equal(0);
    const meta = org.meta as { serviceUserId: string; serviceUsername: string };
    const expected = expectedFromFixture(org, new Set(serviceUsersOf(org)), {
      start: new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString(),
      end: new Date().toISOString(),
    });
    expect(run.stdout).to.include(`${meta.serviceUsername} [service user]: ${expected.counted} errors`);
    expect(run.stdout).to.include(expected.truncated[0]);
    expect(run.stdout).to.match(/NO_ACCESS: the user doesn't have the required access level/);
    expect(run.stdout).to.include(`API calls spent: ${1 + expected.filesToRead}.`);
    expect(run.stderr).not.to.include('Error');

    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).to.be.greaterThan(1);
    expect(rows.every((r) => r.UserId === meta.serviceUserId)).to.equal(true);
    expect(rows.reduce((n, r) => n + Number(r.Count), 0)).to.equal(expected.counted);
    expect(sim.writeRequests()).to.deep.equal([]);
  });

  it('an org without Event Monitoring: a finding with an action, exit code 1, no stack trace, nothing downloaded', async () => {
    const sim = await sims.start(buildScenarioOrg('no-event-monitoring'));
    const run = await runPlugin(sim, ['code42', 'access-errors']);
    expect(run.code).to.equal(1);
    expectNoStackTrace(run);
    expect(run.stdout).to.include('FAIL This org cannot show its Insufficient Access event log files');
    expect(run.stdout).to.include('- Check Setup > Company Settings > Company Information for an Event Monitoring or Shield subscription');
    expect(downloads(sim)).to.deep.equal([]);
    expect(sim.writeRequests()).to.deep.equal([]);
    expect(commandCalls(sim)).to.equal(1);
  });

  it('a window without log files: says first that Salesforce logs this event only when enabled, and what it covers', async () => {
    const sim = await sims.start(buildDemoOrg());
    const window = ['--start', '2020-01-01', '--end', '2020-01-07'];
    const run = await runPlugin(sim, ['code42', 'access-errors', ...window]);
    expect(run.code, run.stderr).to.equal(0);
    expectNoStackTrace(run);
    const afterHeader = run.stdout.split('\n').filter((l) => l.trim()).slice(1);
    expect(afterHeader[0]).to.equal(
      'INFO No Insufficient Access log files in this window, which does not mean there were no access errors. ' +
        'The Insufficient Access event type is disabled by default. You can enable this event type for a period of 24 hours by contacting Salesforce Customer Support. ' +
        'It logs only some errors: sharing a case, contact or opportunity, changing its owner, or changing its parent account, when someone lacks access to the parent account (Account, Case, Contact and Opportunity records); errors of bulk operations on two or more records are not logged.'
    );
    expect(afterHeader[1]).to.match(/^ {2}- To record them, ask Salesforce Customer Support to enable the Insufficient Access event type/);
    expect(downloads(sim)).to.deep.equal([]);

    const json = await runPlugin(sim, ['code42', 'access-errors', ...window, '--json']);
    expect(json.code).to.equal(0);
    expect(json.json.result.findings[0].id).to.equal('noLogFiles');
    expect(json.json.result.explanations.coverage).to.match(/^The Insufficient Access event type is disabled by default\./);

    const help = await runPlugin(sim, ['code42', 'access-errors', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).to.include('The Insufficient Access event type is disabled by default. You can enable this event type for a period of 24 hours by contacting Salesforce Customer Support.');
    expect(help.stdout.replace(/\s+/g, ' ')).to.include('errors of bulk operations on two or more records are not logged');
  });
});
