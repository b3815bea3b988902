import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { AnyJson } from '@salesforce/ts-types';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import AccessErrors, { type AccessErrorsResult } from '../../src/commands/code42/access-errors.js';
import { ANA_18, RAJ_18, SERVICE_18, logFile, row } from './helpers.js';

type Rec = Record<string, any>;
type Fail = { status: number; errorCode: string; message: string };

/** A small org answering the command's Composite request and its LogFile downloads. */
class FakeEventOrg {
  public logFiles: Rec[] = [];
  public bodies: Record<string, string | Fail> = {};
  public users: Rec[] = [
    { Id: SERVICE_18, Username: 'code42@acme.com', Name: 'Code42 Service' },
    { Id: ANA_18, Username: 'ana@acme.com', Name: 'Ana' },
    { Id: RAJ_18, Username: 'raj@acme.com', Name: 'Raj' },
  ];
  public serviceIds = [SERVICE_18];
  public failLogFileQuery?: Fail;
  /** The PermissionSet describe's permission fields (null: the describe is refused, 404). */
  public permissionSetFields: Array<{ name: string; label: string }> | null = [
    { name: 'PermissionsApiEnabled', label: 'API Enabled' },
    { name: 'PermissionsViewRealTimeEventMonitoringData', label: 'View Real-Time Event Monitoring Data' },
  ];
  public requests: Array<{ method: string; url: string; subrequests?: string[] }> = [];
  public downloads: string[] = [];

  public handler() {
    return async (request: AnyJson): Promise<AnyJson> => this.handle(request as Rec) as AnyJson;
  }

  public handle(request: Rec): unknown {
    const url = String(request.url);
    const method = String(request.method ?? 'GET');
    if (!(/\/composite$/.test(url) && method === 'POST')) throw new Error(`unexpected request ${method} ${url}`);
    const body = JSON.parse(String(request.body)) as { compositeRequest: Rec[] };
    this.requests.push({ method, url, subrequests: body.compositeRequest.map((s) => decodeURIComponent(String(s.url))) });
    return {
      compositeResponse: body.compositeRequest.map((s) => {
        if (/\/sobjects\/PermissionSet\/describe$/.test(String(s.url))) {
          return this.permissionSetFields
            ? { body: { name: 'PermissionSet', fields: this.permissionSetFields }, httpStatusCode: 200, referenceId: s.referenceId }
            : { body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }], httpStatusCode: 404, referenceId: s.referenceId };
        }
        const soql = decodeURIComponent(String(s.url).replace(/^.*\?q=/, ''));
        const { status, body: subBody } = this.query(soql);
        return { body: subBody, httpStatusCode: status, referenceId: s.referenceId };
      }),
    };
  }

  public query(soql: string): { status: number; body: unknown } {
    const ok = (records: Rec[]): { status: number; body: unknown } => ({ status: 200, body: { totalSize: records.length, done: true, records } });
    if (/FROM EventLogFile/.test(soql)) {
      if (this.failLogFileQuery) return { status: this.failLogFileQuery.status, body: [{ errorCode: this.failLogFileQuery.errorCode, message: this.failLogFileQuery.message }] };
      return ok(this.logFiles);
    }
    if (/FROM PermissionSetAssignment/.test(soql)) {
      return ok(this.users.filter((u) => this.serviceIds.includes(u.Id)).map((u) => ({ AssigneeId: u.Id, Assignee: { Username: u.Username, Name: u.Name } })));
    }
    if (/FROM User WHERE/.test(soql)) {
      const names = [...soql.matchAll(/'([^']+)'/g)].map((m) => m[1].toLowerCase());
      return ok(this.users.filter((u) => names.includes(u.Username.toLowerCase()) || names.some((n) => u.Id.toLowerCase().startsWith(n.slice(0, 15)))));
    }
    throw new Error(`unexpected query ${soql}`);
  }

  public addFile(Id: string, LogDate: string, Interval: 'Hourly' | 'Daily', rows: Array<Record<string, string | undefined>>, opts: { cut?: number } = {}): void {
    const text = logFile(rows);
    this.logFiles.push({ attributes: { type: 'EventLogFile' }, Id, LogDate, Interval, Sequence: 1, LogFileLength: Buffer.byteLength(text) });
    this.bodies[Id] = opts.cut ? text.slice(0, opts.cut) : text;
  }

  /** The streaming download goes through fetch: answer it from `bodies`. */
  public fetch() {
    return async (input: string | URL | Request): Promise<Response> => {
      const url = String(input);
      const m = /\/sobjects\/EventLogFile\/([A-Za-z0-9]+)\/LogFile$/.exec(url);
      if (!m) throw new Error(`unexpected fetch ${url}`);
      this.downloads.push(m[1]);
      const body = this.bodies[m[1]];
      if (body === undefined) return new Response(JSON.stringify([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]), { status: 404 });
      if (typeof body !== 'string') return new Response(JSON.stringify([{ errorCode: body.errorCode, message: body.message }]), { status: body.status });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/csv' } });
    };
  }
}

describe('sf code42 access-errors', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let spinner: ReturnType<typeof stubSpinner>;
  let tmp: string;

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    ux = stubSfCommandUx($$.SANDBOX);
    spinner = stubSpinner($$.SANDBOX);
    process.exitCode = undefined;
    tmp = mkdtempSync(join(tmpdir(), 'c42-access-errors-'));
  });
  afterEach(() => {
    $$.restore();
    process.exitCode = undefined;
  });

  const run = async (fake: FakeEventOrg, args: string[] = []): Promise<AccessErrorsResult> => {
    $$.fakeConnectionRequest = fake.handler();
    $$.SANDBOX.stub(globalThis, 'fetch').callsFake(fake.fetch() as typeof fetch);
    const window = args.includes('--start') ? [] : ['--start', '2024-05-01', '--end', '2024-05-07'];
    return AccessErrors.run(['--target-org', testOrg.username, '--api-version', '62.0', ...window, ...args]);
  };
  const logged = (): string => ux.log.getCalls().flatMap((c) => c.args).join('\n');

  /** Day 1: hourly + daily with the same 3 events. Day 2: hourly only (2 events, one by Ana). */
  function standardOrg(): FakeEventOrg {
    const fake = new FakeEventOrg();
    const d1 = [
      row(SERVICE_18, '2024-05-02T09:10:00Z', { RECORD_ID: '001000000000001' }),
      row(SERVICE_18, '2024-05-02T10:20:00Z', { RECORD_ID: '001000000000002' }),
      row(SERVICE_18, '2024-05-02T10:40:00Z', { ACCESS_ERROR: 'DATA_NOT_AVAILABLE', ENTITY_TYPE: 'Case', RECORD_ID: '500000000000001' }),
    ];
    fake.addFile('0AT000000000H09AAA', '2024-05-02T09:00:00.000+0000', 'Hourly', d1.slice(0, 1));
    fake.addFile('0AT000000000H10AAA', '2024-05-02T10:00:00.000+0000', 'Hourly', d1.slice(1));
    fake.addFile('0AT000000000D02AAA', '2024-05-02T00:00:00.000+0000', 'Daily', d1);
    fake.addFile('0AT000000000H11AAA', '2024-05-03T11:00:00.000+0000', 'Hourly', [
      row(SERVICE_18, '2024-05-03T11:05:00Z', { USER_ID_DERIVED: '' }),
      row(ANA_18, '2024-05-03T11:06:00Z'),
    ]);
    return fake;
  }

  it('counts the service user\'s errors once (daily file over its hourly files), one call for the list and one per file', async () => {
    const fake = standardOrg();
    const result = await run(fake);
    expect(fake.downloads.sort()).to.deep.equal(['0AT000000000D02AAA', '0AT000000000H11AAA']);
    expect(result.apiCalls).to.equal(1 + 2);
    expect(fake.requests).to.have.length(1);
    expect(fake.requests[0].subrequests?.[0]).to.match(
      /SELECT Id, LogDate, Interval, Sequence, LogFileLength FROM EventLogFile WHERE EventType = 'InsufficientAccess' AND LogDate >= 2024-05-01T00:00:00.000Z AND LogDate <= 2024-05-07T23:59:59.999Z/
    );
    expect(result.users).to.deep.equal([{ id: SERVICE_18, username: 'code42@acme.com', name: 'Code42 Service', reasons: ['service user'] }]);
    expect(result.logFiles).to.deep.include({ found: 4, read: 2, skippedCoveredByDaily: 2 });
    expect(result.totals).to.deep.equal({ events: 4, usersWithErrors: 1, byAccessError: { NO_ACCESS: 3, DATA_NOT_AVAILABLE: 1 } });
    const noAccess = result.groups.find((g) => g.accessError === 'NO_ACCESS');
    expect(noAccess).to.deep.include({ userId: SERVICE_18, entityType: 'Account', requestedAccessLevel: 'READ', count: 3, firstTime: '2024-05-02T09:10:00.000Z', lastTime: '2024-05-03T11:05:00.000Z' });
    expect(result.problems).to.deep.equal([]);
    expect(result.explanations.accessErrors.DATA_NOT_AVAILABLE).to.include('moved to the Recycle Bin');
    expect(result.explanations.userIdVersusActualLoggedInUserId).to.include('ACTUAL_LOGGED_IN_USER_ID is the user who initiated the action');
    expect(process.exitCode).to.equal(0);
  });

  it('reports a truncated file by Id and log date and still counts the other files', async () => {
    const fake = standardOrg();
    const text = logFile([row(SERVICE_18, '2024-05-02T09:10:00Z')]);
    fake.addFile('0AT000000000D04AAA', '2024-05-04T00:00:00.000+0000', 'Daily', [row(SERVICE_18, '2024-05-04T01:00:00Z'), row(SERVICE_18, '2024-05-04T02:00:00Z')], {
      cut: text.length + 40,
    });
    const result = await run(fake);
    expect(result.problems).to.have.length(1);
    expect(result.problems[0]).to.deep.include({ logFileId: '0AT000000000D04AAA', logDate: '2024-05-04T00:00:00.000+0000', interval: 'Daily', kind: 'csv', rowsCounted: 1 });
    expect(result.totals.events).to.equal(5);
    const out = logged();
    expect(out).to.include('0AT000000000D04AAA (Daily, 2024-05-04T00:00:00.000+0000): The file is damaged');
  });

  it('filters by --user (username or 15-character Id) and says which users match nothing', async () => {
    const fake = standardOrg();
    const result = await run(fake, ['--user', 'ana@acme.com', '--user', RAJ_18.slice(0, 15), '--user', 'gone@acme.com']);
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
    const fake = standardOrg();
    fake.failLogFileQuery = { status: 400, errorCode: 'INVALID_TYPE', message: "sObject type 'EventLogFile' is not supported." };
    fake.permissionSetFields = null; // nothing tells "no add-on" from "hidden from you"
    const result = await run(fake);
    expect(fake.downloads).to.deep.equal([]);
    expect(result.findings.map((f) => [f.id, f.status])).to.deep.equal([['noEventMonitoring', 'fail']]);
    expect(result.findings[0].message).to.match(/no Event Monitoring \(or Shield\) add-on/);
    expect(result.findings[0].actions.join(' ')).to.include('View Event Log Files');
    expect(result.apiCalls).to.equal(1);
    expect(process.exitCode).to.equal(1);
    expect(logged()).to.include('FAIL This org cannot show its Insufficient Access event log files');
  });

  it('INVALID_TYPE on EventLogFile in an org with the add-on (its permission field exists): hidden from you, names View Event Log Files', async () => {
    const fake = standardOrg();
    fake.failLogFileQuery = { status: 400, errorCode: 'INVALID_TYPE', message: "sObject type 'EventLogFile' is not supported." };
    const result = await run(fake);
    expect(result.findings.map((f) => [f.id, f.status])).to.deep.equal([['eventLogFilesHidden', 'fail']]);
    expect(result.findings[0].message).to.include('PermissionsViewRealTimeEventMonitoringData');
    expect(result.findings[0].actions[0]).to.include('"View Event Log Files"');
    expect(result.apiCalls).to.equal(1);
    expect(process.exitCode).to.equal(1);
  });

  it('INVALID_TYPE on EventLogFile and no such permission field: the org has no add-on', async () => {
    const fake = standardOrg();
    fake.failLogFileQuery = { status: 400, errorCode: 'INVALID_TYPE', message: "sObject type 'EventLogFile' is not supported." };
    fake.permissionSetFields = [{ name: 'PermissionsApiEnabled', label: 'API Enabled' }];
    const result = await run(fake);
    expect(result.findings.map((f) => [f.id, f.status])).to.deep.equal([['noAddOn', 'fail']]);
    expect(result.findings[0].message).to.include('no Event Monitoring or Shield add-on');
    expect(process.exitCode).to.equal(1);
  });

  it('turns INSUFFICIENT_ACCESS (no View Event Log Files) on the file list into a finding with an action', async () => {
    const fake = standardOrg();
    fake.failLogFileQuery = { status: 403, errorCode: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on cross-reference id' };
    const result = await run(fake);
    expect(result.findings[0]).to.deep.include({ id: 'noViewEventLogFiles', status: 'fail' });
    expect(result.findings[0].actions[0]).to.include('"View Event Log Files"');
    expect(process.exitCode).to.equal(1);
  });

  it('turns INSUFFICIENT_ACCESS on one download into a problem and a finding; the other files still count', async () => {
    const fake = standardOrg();
    fake.bodies['0AT000000000H11AAA'] = { status: 403, errorCode: 'INSUFFICIENT_ACCESS', message: 'no access' };
    const result = await run(fake);
    expect(result.problems[0]).to.deep.include({ logFileId: '0AT000000000H11AAA', kind: 'refused', rowsCounted: 0 });
    expect(result.findings.map((f) => f.id)).to.deep.equal(['noViewEventLogFiles']);
    expect(result.totals.events).to.equal(3);
  });

  it('a download that keeps answering 500 is retried, then listed as not read with a warning; the other files still count (exit 0)', async () => {
    const fake = standardOrg();
    fake.bodies['0AT000000000H11AAA'] = { status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' };
    const result = await run(fake);
    expect(result.problems[0]).to.deep.include({ logFileId: '0AT000000000H11AAA', kind: 'notRead', rowsCounted: 0 });
    expect(result.problems[0].message).to.match(/server error \(HTTP 500, UNKNOWN_EXCEPTION\) 3 times in a row.*tried again/);
    expect(fake.downloads.filter((id) => id === '0AT000000000H11AAA'), 'sent 3 times in all').to.have.length(3);
    expect(result.findings.map((f) => [f.id, f.status])).to.deep.equal([['logFilesNotRead', 'warn']]);
    expect(result.findings[0].message).to.include('1 of the 2 log files');
    expect(result.totals.events, "the daily file's 3 errors count").to.equal(3);
    expect(process.exitCode).to.equal(0);
  });

  it('says so when the window has no log files, and when there is no service user', async () => {
    const fake = new FakeEventOrg();
    fake.serviceIds = [];
    const result = await run(fake);
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
    const fake = standardOrg();
    fake.bodies['0AT000000000H11AAA'] = { status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' };
    try {
      await run(fake);
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
      await run(new FakeEventOrg(), ['--start', 'last tuesday', '--end', '2024-05-07']);
      expect.fail('should have thrown');
    } catch (error) {
      const e = error as { name: string; actions?: string[] };
      expect(e.name).to.equal('BadStartError');
      expect(e.actions?.[0]).to.include('2024-05-01');
    }
  });

  it('prints one table per user with totals and explanations, and writes the groups as CSV', async () => {
    const fake = standardOrg();
    const file = join(tmp, 'errors.csv');
    const result = await run(fake, ['--user', 'ana@acme.com', '--output-file', file]);
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
    expect(csv).to.include(`${SERVICE_18},code42@acme.com,NO_ACCESS,Account,READ,3,2024-05-02T09:10:00.000Z,2024-05-03T11:05:00.000Z,001000000000001 001000000000002 001XXXXXXXXXXXX,0`);
    expect(result.outputFile).to.equal(file);
  });
});
