import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { toId18 } from '@code42-companion/rules';
import { holderRow } from '../helpers/assignmentRows.js';
import { FakeOrg, baseState } from '../helpers/fakeOrg.js';
import { check, harness, logged, runWith } from '../helpers/run.js';
import { startSimulatedOrg } from '../helpers/simulatedOrg.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'c42-preflight-'));

describe('sf code42 preflight', () => {
  const h = harness();

  describe('a healthy small org', () => {
    it('passes every check, lists the holders and spends at most 6 API calls', async () => {
      const fake = new FakeOrg();
      const result = await runWith(h, fake);
      const byStatus = Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
      expect(byStatus).to.deep.include({
        'org-edition': 'pass',
        'event-monitoring-addon': 'pass',
        'stream-login-event': 'pass',
        'stream-logout-event': 'pass',
        'stream-report-event': 'pass',
        'service-user': 'pass',
        'service-user-active': 'pass',
        'service-user-not-frozen': 'pass',
        'service-user-login-rate': 'pass',
        'service-user-permissions': 'pass',
        'report-export-holders': 'pass',
        'scope-entries': 'skip',
        'active-sessions': 'pass',
        'api-limits': 'pass',
        'connected-app-access': 'pass',
        'code42-authorization': 'pass',
        'service-user-licence': 'pass',
        'service-user-login-access': 'pass',
      });
      expect(result.summary).to.deep.equal({ pass: 17, warn: 0, fail: 0, skip: 1 });
      expect(result.org).to.deep.include({ id: '00D000000000001EAA', name: 'Acme', edition: 'Enterprise Edition', isSandbox: false });
      expect(result.inScopeUsers.map((u) => u.username)).to.deep.equal(['alice@acme.com', 'bob@acme.com']);
      expect(result.inScopeUsers[0]).to.deep.equal({
        id: '005000000000AAAAAA',
        username: 'alice@acme.com',
        name: 'alice',
        email: 'alice@acme.com',
        grantedBy: ['profile:System Administrator'],
      });
      expect(result.apiCalls).to.equal(fake.callsAfterAuth);
      // A, the streams' metadata read, the connection Composite, B, the profile's metadata read, /limits
      expect(result.apiCalls).to.be.at.most(6);
      expect(result.scope).to.deep.include({ mode: 'all', entries: 0, unmatched: [] });
      expect(result.connectionStatus.state).to.equal('Monitoring');
      expect(process.exitCode).to.equal(0);
    });

    it('makes no write request: only GET subrequests in Composite, a metadata read and GETs', async () => {
      const sim = await startSimulatedOrg();
      try {
        await runWith(h, sim);
        expect(sim.writeRequests()).to.deep.equal([]);
        expect(sim.apiCalls()).to.be.greaterThan(0);
      } finally {
        await sim.stop();
      }
      expect(h.sent.some((r) => r.method === 'POST' && /\/composite$/.test(r.url))).to.equal(true);
      for (const req of h.sent) {
        if (req.method === 'GET') continue;
        const isComposite = /\/composite$/.test(req.url);
        const isMetadataRead = /\/services\/Soap\/m\//.test(req.url) && /<met:readMetadata>/.test(req.body ?? '');
        expect(isComposite || isMetadataRead, `${req.method} ${req.url}`).to.equal(true);
        if (isComposite) {
          const subrequests = (JSON.parse(req.body ?? '{}') as { compositeRequest: Array<{ method: string }> }).compositeRequest;
          expect(subrequests.every((s) => s.method === 'GET')).to.equal(true);
        }
      }
    });

    it('prints the org line, the checks table, the in-scope count and the API calls in human mode', async () => {
      const fake = new FakeOrg();
      await runWith(h, fake);
      const out = logged(h);
      expect(out).to.match(/Org: Acme \(00D000000000001EAA\), Enterprise Edition/);
      expect(out).to.include('In scope: 2 users will be monitored');
      expect(out).to.match(/API calls spent by this run: \d/);
      expect(out).to.include('14,000 of 15,000');
      const table = h.ux().table.firstCall.args[0] as { data: Array<{ status: string }> };
      expect(table.data).to.have.length(18);
      expect(table.data.every((r) => ['PASS', 'SKIP'].includes(r.status))).to.equal(true);
      expect(out).not.to.include('accessToken');
    });

    it('pages holders past 2,000 records through nextRecordsUrl (batched in Composite)', async () => {
      const state = baseState();
      state.pageSize = 2000;
      state.holders = Array.from({ length: 4500 }, (_, i) =>
        holderRow(`005000000${String(i).padStart(6, '0')}AAA`, `user${String(i).padStart(5, '0')}@acme.com`, { permissionSet: 'Exporters' })
      );
      const fake = new FakeOrg(state);
      const result = await runWith(h, fake);
      expect(result.inScopeUsers).to.have.length(4500);
      expect(check(result, 'report-export-holders').message).to.include('4,500');
      // A + metadata + connection Composite + B + profile metadata + two more pages (+ /limits as the fake sends no Sforce-Limit-Info)
      expect(result.apiCalls).to.equal(fake.callsAfterAuth);
      expect(result.apiCalls).to.equal(8);
    });
  });

  describe('checks that fail', () => {
    it('org-edition fails for Professional Edition and event-monitoring-addon fails without ReportEvent', async () => {
      const state = baseState();
      state.org.OrganizationType = 'Professional Edition';
      state.eventEntities = [];
      // Without the add-on the View Real-Time Event Monitoring Data permission field is absent too.
      state.permissionSetFields = state.permissionSetFields.filter((f) => f !== 'PermissionsViewRealTimeEventMonitoringData');
      const result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'org-edition').status).to.equal('fail');
      expect(check(result, 'event-monitoring-addon').status).to.equal('fail');
      expect(check(result, 'event-monitoring-addon').message).to.include('ReportEvent (NOT_FOUND)');
      expect(check(result, 'event-monitoring-addon').message).to.include('no permission field labelled "View Real-Time Event Monitoring Data"');
      expect(check(result, 'org-edition').remediation.length).to.be.greaterThan(0);
      expect(process.exitCode).to.equal(1);
    });

    it('event-monitoring-addon is skipped, naming the permission, when the event objects are hidden but the add-on field exists', async () => {
      const state = baseState();
      state.eventEntities = [];
      const result = await runWith(h, new FakeOrg(state));
      const c = check(result, 'event-monitoring-addon');
      expect(c.status).to.equal('skip');
      expect(c.message).to.include('hidden from the user running this check');
      expect(c.message).to.include('"View Real-Time Event Monitoring Data"');
      expect(c.message).to.include('PermissionsViewRealTimeEventMonitoringData');
      expect(process.exitCode ?? 0).to.equal(0);
    });

    it('each stream check fails when its stream is off, and all fail when the settings record is absent', async () => {
      const state = baseState();
      state.streams = { LoginEventStream: true, LogoutEventStream: false };
      let result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'stream-login-event').status).to.equal('pass');
      expect(check(result, 'stream-logout-event').status).to.equal('fail');
      expect(check(result, 'stream-report-event').status).to.equal('fail');
      state.streams = null;
      result = await runWith(h, new FakeOrg(state));
      expect(['stream-login-event', 'stream-logout-event', 'stream-report-event'].map((id) => check(result, id).status)).to.deep.equal([
        'fail',
        'fail',
        'fail',
      ]);
    });

    it('streams are skipped with the permission reason when readMetadata is refused (INSUFFICIENT_ACCESS)', async () => {
      const state = baseState();
      state.soapFault = { code: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on cross-reference id' };
      const result = await runWith(h, new FakeOrg(state));
      const c = check(result, 'stream-report-event');
      expect(c.status).to.equal('skip');
      expect(c.message).to.include('"Modify All Data" or "Modify Metadata Through Metadata API Functions"');
    });

    it('service-user fails when no user has the permission set or profile, and dependent checks skip', async () => {
      const state = baseState();
      state.serviceUsers = [];
      const result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'service-user').status).to.equal('fail');
      expect(check(result, 'service-user').remediation.join(' ')).to.include('--service-user');
      expect(check(result, 'service-user-active').status).to.equal('skip');
    });

    it('--service-user naming a user that does not exist fails service-user', async () => {
      const result = await runWith(h, new FakeOrg(), ['--service-user', 'nobody@acme.com']);
      expect(check(result, 'service-user').status).to.equal('fail');
      expect(check(result, 'service-user').message).to.include('nobody@acme.com');
    });

    it('service-user-active fails with Code42\'s words for a deactivated user', async () => {
      const state = baseState();
      state.serviceUsers[0].IsActive = false;
      const result = await runWith(h, new FakeOrg(state), ['--service-user', 'code42@acme.com']);
      const c = check(result, 'service-user-active');
      expect(c.status).to.equal('fail');
      expect(c.message).to.include('has been deactivated');
      expect(result.connectionStatus.state).to.equal('Error');
    });

    it('service-user-not-frozen fails for a frozen user and for a password-locked user', async () => {
      const state = baseState();
      state.userLogins[0].IsFrozen = true;
      let result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'service-user-not-frozen').status).to.equal('fail');
      expect(check(result, 'service-user-not-frozen').message).to.include('has been frozen');
      state.userLogins[0] = { UserId: '005000000000SVCAAA', IsFrozen: false, IsPasswordLocked: true };
      result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'service-user-not-frozen').status).to.equal('fail');
      expect(check(result, 'service-user-not-frozen').message).to.include('locked out');
    });

    it('service-user-login-rate: warn near 3,600, fail at LOGIN_RATE_EXCEEDED (any case)', async () => {
      const state = baseState();
      state.loginHistory = [{ UserId: '005000000000SVCAAA', Status: 'Success', logins: 3000 }];
      let result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'service-user-login-rate').status).to.equal('warn');
      state.loginHistory = [
        { UserId: '005000000000SVCAAA', Status: 'Success', logins: 10 },
        { UserId: '005000000000SVCAAA', Status: 'Login rate exceeded', logins: 1 },
      ];
      result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'service-user-login-rate').status).to.equal('fail');
    });

    it('service-user-permissions fails listing a missing confirmed permission; an expired assignment grants nothing', async () => {
      const state = baseState();
      state.serviceAssignments[0].PermissionSet.PermissionsApiEnabled = false;
      let result = await runWith(h, new FakeOrg(state));
      let c = check(result, 'service-user-permissions');
      expect(c.status).to.equal('fail');
      expect(c.message).to.include('API Enabled (ApiEnabled)');
      state.serviceAssignments[0].PermissionSet.PermissionsApiEnabled = true;
      state.serviceAssignments[0].ExpirationDate = '2000-01-01T00:00:00.000+0000';
      result = await runWith(h, new FakeOrg(state));
      c = check(result, 'service-user-permissions');
      expect(c.status).to.equal('fail');
      expect(c.message).to.include('Customize Application');
    });

    it('a permission the org does not expose is unknown (never selected), not missing', async () => {
      const state = baseState();
      state.permissionSetFields = state.permissionSetFields.filter((f) => f !== 'PermissionsManagePvtRptsAndDashbds');
      const fake = new FakeOrg(state);
      const result = await runWith(h, fake);
      expect(check(result, 'service-user-permissions').status).to.equal('pass');
      const soql = fake.log.flatMap((r) => r.subrequests ?? []).map((s) => decodeURIComponent(s.url)).join('\n');
      expect(soql).not.to.include('PermissionsManagePvtRptsAndDashbds');
      expect(result.serviceUsers[0].unknownPermissions).to.include('ManagePvtRptsAndDashbds');
    });

    it('report-export-holders fails when nobody holds Export Reports', async () => {
      const state = baseState();
      state.holders = [];
      const result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'report-export-holders').status).to.equal('fail');
      expect(result.inScopeUsers).to.deep.equal([]);
    });

    it('active-sessions warns with the number of in-scope users logged in now', async () => {
      const state = baseState();
      state.sessions = [{ UsersId: '005000000000AAAAAA' }, { UsersId: '005000000000AAAAAA' }, { UsersId: '005000000000ZZZAAA' }];
      const result = await runWith(h, new FakeOrg(state));
      const c = check(result, 'active-sessions');
      expect(c.status).to.equal('warn');
      expect(c.message).to.match(/^1 in-scope user is logged in/);
      expect(c.remediation.join(' ')).to.include('Session Management');
    });

    it('api-limits warns under 10% and fails under 100 remaining', async () => {
      const state = baseState();
      state.limits = { Max: 15000, Remaining: 1000 };
      let result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'api-limits').status).to.equal('warn');
      state.limits = { Max: 15000, Remaining: 50 };
      result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'api-limits').status).to.equal('fail');
    });
  });

  describe('objects, fields and permissions the org does not have', () => {
    it('INVALID_TYPE / INVALID_FIELD / INSUFFICIENT_ACCESS on one read become skip with the reason, never a crash', async () => {
      const state = baseState();
      state.failures = {
        'FROM UserLogin': { status: 403, errorCode: 'INSUFFICIENT_ACCESS', message: 'no Manage Users' },
        'FROM AuthSession': { status: 400, errorCode: 'INVALID_TYPE', message: "sObject type 'AuthSession' is not supported." },
        'FROM LoginHistory': { status: 400, errorCode: 'INVALID_FIELD', message: "No such column 'Status'" },
      };
      const result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'service-user-not-frozen').status).to.equal('skip');
      expect(check(result, 'service-user-not-frozen').message).to.include('INSUFFICIENT_ACCESS');
      expect(check(result, 'active-sessions').status).to.equal('skip');
      expect(check(result, 'active-sessions').message).to.include('INVALID_TYPE');
      expect(check(result, 'service-user-login-rate').status).to.equal('skip');
      expect(check(result, 'service-user-login-rate').message).to.include('INVALID_FIELD');
    });

    it('permissions are skipped (not reported missing) when the assignments cannot be read', async () => {
      const state = baseState();
      state.failures = { 'WHERE AssigneeId IN': { status: 400, errorCode: 'INVALID_FIELD', message: 'bad field' } };
      const result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'service-user-permissions').status).to.equal('skip');
    });

    it('holders unreadable -> report-export-holders skip and in-scope count unknown', async () => {
      const state = baseState();
      state.failures = { 'PermissionsExportReport = true AND': { status: 400, errorCode: 'INVALID_FIELD', message: 'x' } };
      const result = await runWith(h, new FakeOrg(state));
      expect(check(result, 'report-export-holders').status).to.equal('skip');
      expect(result.holdersTotal).to.equal(null);
    });
  });

  describe('errors that stop the run', () => {
    const expectError = async (run: Promise<unknown>, name: RegExp, action: RegExp): Promise<void> => {
      try {
        await run;
        expect.fail('expected an error');
      } catch (error) {
        const e = error as { name: string; actions?: string[] };
        expect(e.name).to.match(name);
        expect((e.actions ?? []).join(' ')).to.match(action);
      }
    };

    it('INVALID_SESSION_ID -> log in again', async () => {
      const state = baseState();
      const err = Object.assign(new Error('Session expired or invalid'), { errorCode: 'INVALID_SESSION_ID', name: 'INVALID_SESSION_ID' });
      state.throwFor = { match: /composite/, error: err };
      await expectError(runWith(h, new FakeOrg(state)), /ApiFatalSession/, /sf org login/);
    });

    it('REQUEST_LIMIT_EXCEEDED -> wait or raise the limit', async () => {
      const state = baseState();
      const err = Object.assign(new Error('TotalRequests Limit exceeded.'), { errorCode: 'REQUEST_LIMIT_EXCEEDED', name: 'REQUEST_LIMIT_EXCEEDED' });
      state.throwFor = { match: /composite/, error: err };
      await expectError(runWith(h, new FakeOrg(state)), /ApiFatalRequestLimit/, /System Overview/);
    });

    it('a request that never answers times out after --request-timeout seconds', async () => {
      const fake = new FakeOrg();
      // core's own org check answers; every request of the preflight hangs forever
      h.$$.fakeConnectionRequest = (request) =>
        String((request as { url: string }).url).startsWith('/') ? new Promise(() => {}) : (fake.handler()(request) as never);
      const started = Date.now();
      await expectError(
        (await import('../../src/commands/code42/preflight.js')).default.run([
          '--target-org',
          h.testOrg.username,
          '--api-version',
          '62.0',
          '--request-timeout',
          '1',
        ]),
        /RequestTimeout/,
        /--request-timeout/
      );
      expect(Date.now() - started).to.be.below(5000);
    });

    it('HTTP 5xx -> server error with an action', async () => {
      const state = baseState();
      state.throwFor = { match: /composite/, error: Object.assign(new Error('Service Unavailable'), { errorCode: 'ERROR_HTTP_503', name: 'ERROR_HTTP_503' }) };
      await expectError(runWith(h, new FakeOrg(state)), /ServerError/, /status\.salesforce\.com/);
    });

    it('a malformed Composite body -> malformed response error', async () => {
      h.$$.fakeConnectionRequest = (request) => Promise.resolve(/composite/.test(String((request as { url: string }).url)) ? ({ nope: true } as never) : ('' as never));
      await expectError(
        (await import('../../src/commands/code42/preflight.js')).default.run(['--target-org', h.testOrg.username, '--api-version', '62.0']),
        /MalformedResponse/,
        /instance URL/
      );
    });
  });

  describe('scope', () => {
    it('users scope: matches by username, email and 15-char Id; tells inactive/no-permission rows from unmatched ones', async () => {
      const state = baseState();
      const bobId = toId18('005000000000BBB') as string;
      state.holders[1] = holderRow(bobId, 'bob@acme.com', { permissionSet: 'Report_Exporters' });
      state.users = [
        { Id: '005000000000CCCAAA', Username: 'carol@acme.com', Email: 'carol@acme.com', IsActive: false },
        { Id: '005000000000DDDAAA', Username: 'dave@acme.com', Email: 'dave@acme.com', IsActive: true },
      ];
      const dir = tmp();
      const file = join(dir, 'users.csv');
      writeFileSync(file, '\uFEFFUsername\r\nALICE@acme.com\r\n005000000000BBB\r\ncarol@acme.com\r\ndave@acme.com\r\nghost@acme.com\r\n');
      const fake = new FakeOrg(state);
      const result = await runWith(h, fake, ['--scope', 'users', '--users-file', file]);
      expect(result.inScopeUsers.map((u) => u.username)).to.deep.equal(['alice@acme.com', 'bob@acme.com']);
      expect(result.scope.entries).to.equal(5);
      expect(result.scope.unmatched).to.deep.equal([{ row: 6, value: 'ghost@acme.com' }]);
      expect(result.scope.notMonitored.map((n) => [n.value, n.reason])).to.deep.equal([
        ['carol@acme.com', 'inactive'],
        ['dave@acme.com', 'noExportReports'],
      ]);
      expect(check(result, 'scope-entries').status).to.equal('warn');
      expect(check(result, 'scope-entries').message).to.include('row 6: ghost@acme.com');
      expect(result.apiCalls).to.be.at.most(7); // 6 + one lookup for the rows that matched no holder
    });

    it('users scope with more than 1,000 entries fails scope-entries', async () => {
      const dir = tmp();
      const file = join(dir, 'many.csv');
      writeFileSync(file, ['email', ...Array.from({ length: 1001 }, (_, i) => `u${i}@acme.com`)].join('\n'));
      const state = baseState();
      const result = await runWith(h, new FakeOrg(state), ['--scope', 'users', '--users-file', file]);
      expect(check(result, 'scope-entries').status).to.equal('fail');
      expect(check(result, 'scope-entries').message).to.include('1,001');
    });

    it('groups scope: nested groups, roles and subordinates, cycles; unmatched group rows', async () => {
      const state = baseState();
      state.holders = [
        holderRow('005000000000AAAAAA', 'alice@acme.com', { profile: 'Standard User' }),
        holderRow('005000000000BBBAAA', 'bob@acme.com', { profile: 'Standard User' }, { Assignee: { UserRoleId: '00E000000000002AAA' } }),
        holderRow('005000000000CCCAAA', 'carol@acme.com', { profile: 'Standard User' }, { Assignee: { UserRoleId: '00E000000000009AAA' } }),
        holderRow('005000000000EEEAAA', 'erin@acme.com', { profile: 'Standard User' }),
      ];
      state.groups = [
        { Id: '00G000000000001AAA', Name: 'Sales', DeveloperName: 'Sales', Type: 'Regular' },
        { Id: '00G000000000002AAA', Name: 'Sales EMEA', DeveloperName: 'Sales_EMEA', Type: 'Regular' },
        { Id: '00G000000000003AAA', Name: null, DeveloperName: 'R1', Type: 'RoleAndSubordinates', RelatedId: '00E000000000001AAA' },
      ];
      state.groupMembers = [
        { GroupId: '00G000000000001AAA', UserOrGroupId: '00G000000000002AAA' },
        { GroupId: '00G000000000002AAA', UserOrGroupId: '00G000000000001AAA' }, // cycle
        { GroupId: '00G000000000002AAA', UserOrGroupId: '005000000000AAAAAA' },
        { GroupId: '00G000000000002AAA', UserOrGroupId: '00G000000000003AAA' },
      ];
      state.roles = [
        { Id: '00E000000000001AAA', ParentRoleId: null, PortalType: 'None' },
        { Id: '00E000000000002AAA', ParentRoleId: '00E000000000001AAA', PortalType: 'None' },
      ];
      const dir = tmp();
      const file = join(dir, 'groups.csv');
      writeFileSync(file, 'Name;Description\n"Sales";top\nNo Such Group;x\n');
      const fake = new FakeOrg(state);
      const result = await runWith(h, fake, ['--scope', 'groups', '--groups-file', file]);
      expect(result.inScopeUsers.map((u) => u.username)).to.deep.equal(['alice@acme.com', 'bob@acme.com']);
      expect(result.scope.unmatched).to.deep.equal([{ row: 3, value: 'No Such Group' }]);
      expect(check(result, 'report-export-holders').message).to.include('2 users');
      expect(result.apiCalls).to.equal(fake.callsAfterAuth);
    });
  });

  describe('output', () => {
    it('--output-file writes Id, Username, Name, Email, GrantedBy', async () => {
      const state = baseState();
      state.holders.push(holderRow('005000000000AAAAAA', 'alice@acme.com', { group: 'Sales_Bundle' }));
      const file = join(tmp(), 'out.csv');
      await runWith(h, new FakeOrg(state), ['--output-file', file]);
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0]).to.equal('Id,Username,Name,Email,GrantedBy');
      expect(text).to.include('005000000000AAAAAA,alice@acme.com,alice,alice@acme.com,profile:System Administrator; permissionSetGroup:Sales_Bundle');
      expect(text).to.include('005000000000BBBAAA,bob@acme.com,bob,bob@acme.com,permissionSet:Report_Exporters');
    });

    it('--json: the result only, no human output, exit status 1 when a check fails', async () => {
      const state = baseState();
      state.holders = [];
      const result = await runWith(h, new FakeOrg(state), ['--json']);
      expect(h.ux().log.called).to.equal(false);
      expect(h.ux().table.called).to.equal(false);
      expect(Object.keys(result)).to.include.members(['org', 'checks', 'scope', 'inScopeUsers', 'summary', 'apiCalls']);
      expect(process.exitCode).to.equal(1);
    });

    it('--fail-on warn turns a warning into exit code 1; the default does not', async () => {
      const state = baseState();
      state.sessions = [{ UsersId: '005000000000AAAAAA' }];
      await runWith(h, new FakeOrg(state));
      expect(process.exitCode).to.equal(0);
      await runWith(h, new FakeOrg(state), ['--fail-on', 'warn']);
      expect(process.exitCode).to.equal(1);
    });
  });

  describe('--save-result (the only write)', () => {
    it('creates one Code42_Preflight_Result__c record with status, summary and the JSON', async () => {
      const fake = new FakeOrg();
      const result = await runWith(h, fake, ['--save-result']);
      const writes = fake.log.filter((r) => /\/sobjects\/Code42_Preflight_Result__c$/.test(r.url));
      expect(writes).to.have.length(1);
      const body = JSON.parse(writes[0].body as string) as Record<string, string>;
      expect(body.Status__c).to.equal('pass');
      expect(body.Summary__c).to.equal('17 pass, 0 warn, 0 fail, 1 skip');
      expect(JSON.parse(body.Result_JSON__c).org.name).to.equal('Acme');
      expect(result.savedResultId).to.equal('a00000000000001AAA');
    });

    it('says to deploy force-app first when the object is missing', async () => {
      const state = baseState();
      state.createError = { status: 404, errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' };
      try {
        await runWith(h, new FakeOrg(state), ['--save-result']);
        expect.fail('expected an error');
      } catch (error) {
        expect((error as { actions: string[] }).actions.join(' ')).to.include('Deploy force-app first');
      }
    });
  });

  describe('flags', () => {
    it('--scope users without --users-file is a clear error', async () => {
      try {
        await runWith(h, new FakeOrg(), ['--scope', 'users']);
        expect.fail('expected an error');
      } catch (error) {
        expect((error as Error).message).to.include('--scope users needs --users-file');
      }
    });
    it('--groups-file without --scope groups is a clear error', async () => {
      const file = join(tmp(), 'g.csv');
      writeFileSync(file, 'Sales\n');
      try {
        await runWith(h, new FakeOrg(), ['--groups-file', file]);
        expect.fail('expected an error');
      } catch (error) {
        expect((error as Error).message).to.include('--groups-file is only used with --scope groups');
      }
    });
  });
});
