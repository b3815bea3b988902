import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import AccessErrors, { type AccessErrorsResult } from '../../src/commands/code42/access-errors.js';
import { forwardTo } from '../helpers/run.js';
import { commandCalls } from '../e2e/cli.js';
import { startSimulatedOrg, type Fault, type Simulator } from '../helpers/simulatedOrg.js';
import { addLogFile, eventOrg, type EventOrg } from './eventOrg.js';
import { logFile, row } from './helpers.js';

type Rec = Record<string, any>;

describe('sf code42 access-errors', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let spinner: ReturnType<typeof stubSpinner>;
  let tmp: string;
  let sim: Simulator | undefined;

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    ux = stubSfCommandUx($$.SANDBOX);
    spinner = stubSpinner($$.SANDBOX);
    process.exitCode = undefined;
    tmp = mkdtempSync(join(tmpdir(), 'c42-access-errors-'));
  });
  afterEach(async () => {
    $$.restore();
    process.exitCode = undefined;
    await sim?.stop();
    sim = undefined;
  });

  /** Starts the simulator with the org (the standard one unless given) and these faults. */
  const start = async (org = standardOrg(), faults: Fault[] = []): Promise<Simulator> => {
    sim = await startSimulatedOrg({ org, faults });
    return sim;
  };
  const run = async (s: Simulator, args: string[] = []): Promise<AccessErrorsResult> => {
    forwardTo($$, testOrg, s);
    const window = args.includes('--start') ? [] : ['--start', '2024-05-01', '--end', '2024-05-07'];
    return AccessErrors.run(['--target-org', testOrg.username, '--api-version', '62.0', ...window, ...args]);
  };
  const logged = (): string => ux.log.getCalls().flatMap((c) => c.args).join('\n');
  /** The Ids of the log files downloaded, in order (a retried download appears once per attempt). */
  const downloads = (s: Simulator): string[] =>
    s.requests.map((r) => /\/sobjects\/EventLogFile\/([A-Za-z0-9]+)\/LogFile$/.exec(r.path)?.[1]).filter((id): id is string => Boolean(id));
  const user = (s: Simulator, username: string): string => ((s.org.objects.User as Rec[]).find((u) => u.Username === username) as Rec).Id as string;
  const fileId = (s: Simulator, logDate: string, interval: string): string =>
    ((s.org.objects.EventLogFile as Rec[]).find((f) => f.LogDate === logDate && f.Interval === interval) as Rec).Id as string;
  const H11 = (s: Simulator): string => fileId(s, '2024-05-03T11:00:00.000+0000', 'Hourly');
  const D02 = (s: Simulator): string => fileId(s, '2024-05-02T00:00:00.000+0000', 'Daily');
  /** The service user's EventLogFile read refused the way `code` says, as the only API answer that changes. */
  const logFilesRefused = (status: number, errorCode: string, message: string): Fault => ({ kind: 'api-error', status, errorCode, message, match: { object: 'EventLogFile' } });

  /** Day 1: hourly + daily with the same 3 events. Day 2: hourly only (2 events, one by Ana). */
  function standardOrg(edit?: (o: EventOrg) => void): ReturnType<typeof eventOrg> {
    return eventOrg((o) => {
      const { b, service, ana } = o;
      const d1 = [
        row(service.Id, '2024-05-02T09:10:00Z', { RECORD_ID: '001000000000001' }),
        row(service.Id, '2024-05-02T10:20:00Z', { RECORD_ID: '001000000000002' }),
        row(service.Id, '2024-05-02T10:40:00Z', { ACCESS_ERROR: 'DATA_NOT_AVAILABLE', ENTITY_TYPE: 'Case', RECORD_ID: '500000000000001' }),
      ];
      addLogFile(b, '2024-05-02T09:00:00.000+0000', 'Hourly', d1.slice(0, 1));
      addLogFile(b, '2024-05-02T10:00:00.000+0000', 'Hourly', d1.slice(1));
      addLogFile(b, '2024-05-02T00:00:00.000+0000', 'Daily', d1);
      addLogFile(b, '2024-05-03T11:00:00.000+0000', 'Hourly', [
        row(service.Id, '2024-05-03T11:05:00Z', { USER_ID_DERIVED: '' }),
        row(ana.Id, '2024-05-03T11:06:00Z'),
      ]);
      edit?.(o);
    });
  }

  it('counts the service user\'s errors once (daily file over its hourly files), one call for the list and one per file', async () => {
    const s = await start();
    const result = await run(s);
    expect(downloads(s).sort()).to.deep.equal([D02(s), H11(s)].sort());
    expect(result.apiCalls).to.equal(1 + 2);
    expect(result.apiCalls).to.equal(commandCalls(s));
    const composites = s.requests.filter((r) => /\/composite$/.test(r.path));
    expect(composites).to.have.length(1);
    expect(composites[0].subrequests?.[0].soql).to.match(
      /SELECT Id, LogDate, Interval, Sequence, LogFileLength FROM EventLogFile WHERE EventType = 'InsufficientAccess' AND LogDate >= 2024-05-01T00:00:00.000Z AND LogDate <= 2024-05-07T23:59:59.999Z/
    );
    const serviceId = user(s, 'code42@acme.com');
    expect(result.users).to.deep.equal([{ id: serviceId, username: 'code42@acme.com', name: 'Code42 Service', reasons: ['service user'] }]);
    expect(result.logFiles).to.deep.include({ found: 4, read: 2, skippedCoveredByDaily: 2 });
    expect(result.totals).to.deep.equal({ events: 4, usersWithErrors: 1, byAccessError: { NO_ACCESS: 3, DATA_NOT_AVAILABLE: 1 } });
    const noAccess = result.groups.find((g) => g.accessError === 'NO_ACCESS');
    expect(noAccess).to.deep.include({ userId: serviceId, entityType: 'Account', requestedAccessLevel: 'READ', count: 3, firstTime: '2024-05-02T09:10:00.000Z', lastTime: '2024-05-03T11:05:00.000Z' });
    expect(result.problems).to.deep.equal([]);
    expect(result.explanations.accessErrors.DATA_NOT_AVAILABLE).to.include('moved to the Recycle Bin');
    expect(result.explanations.userIdVersusActualLoggedInUserId).to.include('ACTUAL_LOGGED_IN_USER_ID is the user who initiated the action');
    expect(process.exitCode).to.equal(0);
  });

  it('reports a truncated file by Id and log date and still counts the other files', async () => {
    let cutId = '';
    const s = await start(
      standardOrg(({ b, service }) => {
        const text = logFile([row(service.Id, '2024-05-02T09:10:00Z')]);
        const rows = [row(service.Id, '2024-05-04T01:00:00Z'), row(service.Id, '2024-05-04T02:00:00Z')];
        cutId = addLogFile(b, '2024-05-04T00:00:00.000+0000', 'Daily', rows, { cut: text.length + 40 }).Id as string;
      })
    );
    const result = await run(s);
    expect(result.problems).to.have.length(1);
    expect(result.problems[0]).to.deep.include({ logFileId: cutId, logDate: '2024-05-04T00:00:00.000+0000', interval: 'Daily', kind: 'csv', rowsCounted: 1 });
    expect(result.totals.events).to.equal(5);
    const out = logged();
    expect(out).to.include(`${cutId} (Daily, 2024-05-04T00:00:00.000+0000): The file is damaged`);
  });

  it('filters by --user (username or 15-character Id) and says which users match nothing', async () => {
    const s = await start();
    const result = await run(s, ['--user', 'ana@acme.com', '--user', user(s, 'raj@acme.com').slice(0, 15), '--user', 'gone@acme.com']);
    expect(result.users.map((u) => [u.username, u.reasons])).to.deep.equal([
      ['ana@acme.com', ['requested']],
      ['raj@acme.com', ['requested']],
      ['code42@acme.com', ['service user']],
    ]);
    expect(result.groups.filter((g) => g.username === 'ana@acme.com').map((g) => g.count)).to.deep.equal([1]);
    const unknown = result.findings.find((f) => f.id === 'unknownUsers');
    expect(unknown?.message).to.equal('No user matches: gone@acme.com.');
    expect(unknown?.actions[0]).to.match(/username/);
  });

  it('turns INVALID_TYPE on EventLogFile into a finding with actions, exit code 1 and no download', async () => {
    // EventLogFile is hidden from the admin (no View Event Log Files), and the PermissionSet describe
    // is refused too: nothing tells "no add-on" from "hidden from you".
    const s = await start(standardOrg(({ b }) => b.restrictRunningUser(['ViewEventLogFiles', 'ViewAllData'])), [
      { kind: 'api-error', status: 404, errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', match: { path: '/sobjects/PermissionSet/describe' } },
    ]);
    const result = await run(s);
    expect(s.faultsFired()).to.deep.equal([1]);
    expect(downloads(s)).to.deep.equal([]);
    expect(result.findings.map((f) => [f.id, f.status])).to.deep.equal([['noEventMonitoring', 'fail']]);
    expect(result.findings[0].message).to.match(/no Event Monitoring \(or Shield\) add-on/);
    expect(result.findings[0].actions.join(' ')).to.include('View Event Log Files');
    expect(result.apiCalls).to.equal(1);
    expect(process.exitCode).to.equal(1);
    expect(logged()).to.include('FAIL This org cannot show its Insufficient Access event log files');
  });

  it('INVALID_TYPE on EventLogFile in an org with the add-on (its permission field exists): hidden from you, names View Event Log Files', async () => {
    // The org has the add-on; EventLogFile is hidden from an admin without View Event Log Files (INVALID_TYPE).
    const result = await run(await start(standardOrg(({ b }) => b.restrictRunningUser(['ViewEventLogFiles', 'ViewAllData']))));
    expect(result.findings.map((f) => [f.id, f.status])).to.deep.equal([['eventLogFilesHidden', 'fail']]);
    expect(result.findings[0].message).to.include('PermissionsViewRealTimeEventMonitoringData');
    expect(result.findings[0].actions[0]).to.include('"View Event Log Files"');
    expect(result.apiCalls).to.equal(1);
    expect(process.exitCode).to.equal(1);
  });

  it('INVALID_TYPE on EventLogFile and no such permission field: the org has no add-on', async () => {
    // No add-on: no EventLogFile object (INVALID_TYPE) and no View Real-Time Event Monitoring Data field.
    const result = await run(await start(standardOrg(({ b }) => b.withoutEventMonitoring('Enterprise Edition'))));
    expect(result.findings.map((f) => [f.id, f.status])).to.deep.equal([['noAddOn', 'fail']]);
    expect(result.findings[0].message).to.include('no Event Monitoring or Shield add-on');
    expect(process.exitCode).to.equal(1);
  });

  it('turns INSUFFICIENT_ACCESS (no View Event Log Files) on the file list into a finding with an action', async () => {
    const s = await start(standardOrg(), [logFilesRefused(403, 'INSUFFICIENT_ACCESS', 'insufficient access rights on cross-reference id')]);
    const result = await run(s);
    expect(s.faultsFired()).to.deep.equal([1]);
    expect(result.findings[0]).to.deep.include({ id: 'noViewEventLogFiles', status: 'fail' });
    expect(result.findings[0].actions[0]).to.include('"View Event Log Files"');
    expect(process.exitCode).to.equal(1);
  });

  it('turns INSUFFICIENT_ACCESS on one download into a problem and a finding; the other files still count', async () => {
    const s = await start();
    s.setFaults([{ kind: 'api-error', status: 403, errorCode: 'INSUFFICIENT_ACCESS', message: 'no access', match: { path: `/sobjects/EventLogFile/${H11(s)}/LogFile` } }]);
    const result = await run(s);
    expect(result.problems[0]).to.deep.include({ logFileId: H11(s), kind: 'refused', rowsCounted: 0 });
    expect(result.findings.map((f) => f.id)).to.deep.equal(['noViewEventLogFiles']);
    expect(result.totals.events).to.equal(3);
  });

  it('a download that keeps answering 500 is retried, then listed as not read with a warning; the other files still count (exit 0)', async () => {
    const s = await start();
    s.setFaults([{ kind: 'server-error', match: { path: `/sobjects/EventLogFile/${H11(s)}/LogFile` } }]);
    const result = await run(s);
    expect(result.problems[0]).to.deep.include({ logFileId: H11(s), kind: 'notRead', rowsCounted: 0 });
    expect(result.problems[0].message).to.match(/server error \(HTTP 500, UNKNOWN_EXCEPTION\) 3 times in a row.*tried again/);
    expect(downloads(s).filter((id) => id === H11(s)), 'sent 3 times in all').to.have.length(3);
    expect(result.findings.map((f) => [f.id, f.status])).to.deep.equal([['logFilesNotRead', 'warn']]);
    expect(result.findings[0].message).to.include('1 of the 2 log files');
    expect(result.totals.events, "the daily file's 3 errors count").to.equal(3);
    expect(process.exitCode).to.equal(0);
  });

  it('says so when the window has no log files, and when there is no service user', async () => {
    // No log files, and nobody holds the Code42 permission set.
    const org = eventOrg(({ b, serviceAssignment }) => {
      b.org.objects.PermissionSetAssignment = b.org.objects.PermissionSetAssignment.filter((a) => a !== serviceAssignment);
    });
    const result = await run(await start(org));
    expect(result.findings.map((f) => f.id)).to.deep.equal(['noLogFiles', 'noServiceUser', 'noUsers']);
    expect(result.findings[1].message).to.include('Code42_Service_Account');
    // No files first, with what Salesforce logs and how to turn it on, before any total.
    const out = logged();
    expect(out).to.include('INFO No Insufficient Access log files in this window, which does not mean there were no access errors.');
    expect(out).to.include('The Insufficient Access event type is disabled by default.');
    expect(out.indexOf('No Insufficient Access log files')).to.be.below(out.indexOf('Total: '));
    expect(out).to.include('- To record them, ask Salesforce Customer Support to enable the Insufficient Access event type');
    expect(out).not.to.include('No insufficient access errors for these users in this window.');
    expect(process.exitCode).to.equal(0);
  });

  it('stops the run with an action when the API allowance runs out during a download', async () => {
    const s = await start();
    s.setFaults([{ kind: 'request-limit', match: { path: `/sobjects/EventLogFile/${H11(s)}/LogFile` } }]);
    try {
      await run(s);
      expect.fail('should have thrown');
    } catch (error) {
      const e = error as { name: string; actions?: string[]; message: string };
      // The same error (and action) as any other request of the plugin that hits the limit.
      expect(e.name).to.equal('ApiFatalRequestLimitError');
      expect(e.message).to.include('daily API requests (REQUEST_LIMIT_EXCEEDED)');
      expect(e.actions?.[0]).to.match(/24-hour window/);
    }
  });

  it('refuses a bad --start with an action', async () => {
    try {
      await run(await start(eventOrg()), ['--start', 'last tuesday', '--end', '2024-05-07']);
      expect.fail('should have thrown');
    } catch (error) {
      const e = error as { name: string; actions?: string[] };
      expect(e.name).to.equal('BadStartError');
      expect(e.actions?.[0]).to.include('2024-05-01');
    }
  });

  it('prints one table per user with totals and explanations, and writes the groups as CSV', async () => {
    const s = await start();
    const file = join(tmp, 'errors.csv');
    const result = await run(s, ['--user', 'ana@acme.com', '--output-file', file]);
    const tables = ux.table.getCalls().map((c) => c.args[0] as { title: string; data: Array<Record<string, string>> });
    expect(tables.map((t) => t.title)).to.deep.equal(['ana@acme.com [requested]: 1 errors', 'code42@acme.com [service user]: 4 errors']);
    expect(tables[1].data[0]).to.deep.include({ error: 'NO_ACCESS', object: 'Account', access: 'READ', count: '3', first: '2024-05-02 09:10Z' });
    expect(spinner.start.firstCall.args[0]).to.equal('Reading Insufficient Access event log files');
    expect(spinner.stop.callCount).to.equal(1);
    const out = logged();
    expect(out).to.include('Total: 5 errors for 2 of 2 users. Log files: 4 found, 2 read, 2 hourly files skipped');
    expect(out).to.include('NO_ACCESS: the user doesn\'t have the required access level');
    expect(out).to.include('API calls spent: 3.');
    const csv = readFileSync(file, 'utf8').trim().split('\n');
    expect(csv[0]).to.equal('UserId,Username,AccessError,EntityType,RequestedAccessLevel,Count,FirstTime,LastTime,ExampleRecordIds,StartedByOthers');
    expect(csv).to.have.length(1 + result.groups.length);
    expect(csv).to.include(`${user(s, 'code42@acme.com')},code42@acme.com,NO_ACCESS,Account,READ,3,2024-05-02T09:10:00.000Z,2024-05-03T11:05:00.000Z,001000000000001 001000000000002 001XXXXXXXXXXXX,0`);
    expect(result.outputFile).to.equal(file);
  });
});
