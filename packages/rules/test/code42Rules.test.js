/*
 * The rules package, as the CLI and (bundled) the dashboard run it: every
 * status branch of every check, so the CLI side proves the words and decisions it prints.
 */
import { expect } from 'chai';
import {
  CHECKS,
  FACTS_VERSION,
  REQUIRED_PERMISSIONS,
  THRESHOLDS,
  VENDOR_MESSAGES,
  connectionStatus,
  evaluateChecks,
  loginRateState,
  permissionStatus,
  summarize,
  toId18,
} from '../src/index.js';
import { describe, it } from 'node:test';
import { healthyConnection } from './fixtures.js';
function allGranted() {
  return Object.fromEntries(REQUIRED_PERMISSIONS.map((p) => [p.name, [{ type: 'permissionSet', name: 'Code42_Service_Account' }]]));
}
function user(extra = {}) {
  return {
    id: '005000000000001AAA',
    username: 'svc@x.com',
    licenseName: 'Salesforce',
    isActive: true,
    isFrozen: false,
    isPasswordLocked: false,
    loginsLastHour: 5,
    loginRateExceeded: false,
    permissionGrants: allGranted(),
    unknownPermissions: [],
    ...extra,
  };
}
function healthy(extra = {}) {
  return {
    factsVersion: FACTS_VERSION,
    source: 'cli',
    org: { id: '00D', name: 'Acme', edition: 'Enterprise Edition', isSandbox: false, instanceUrl: 'https://x' },
    eventMonitoring: { available: true, evidence: 'ReportEvent present' },
    streams: { LoginEventStream: true, LogoutEventStream: true, ReportEventStream: true },
    serviceUserSelection: {},
    serviceUsers: [user()],
    holders: { totalCount: 10, inScopeCount: 4 },
    scope: { mode: 'all', entries: 0, unmatched: [] },
    sessions: { inScopeUsersWithSessions: 0 },
    limits: { dailyApiRequests: { max: 15000, remaining: 14000 } },
    connection: healthyConnection({
      tokens: [{ appName: 'Code42', userId: '005000000000001AAA', lastUsedDate: new Date().toISOString(), useCount: 1 }],
    }),
    unavailable: {},
    ...extra,
  };
}
const statusOf = (facts, id) => {
  const r = evaluateChecks(facts).find((c) => c.id === id);
  if (!r) throw new Error(`no ${id}`);
  return r;
};
describe('code42Rules (copied into the plugin)', () => {
  it('a healthy org passes every check but the scope check, which skips for "all users"', () => {
    const results = evaluateChecks(healthy());
    expect(results.map((r) => r.id)).to.deep.equal(CHECKS.map((c) => c.id));
    expect(summarize(results)).to.deep.equal({ pass: 17, warn: 0, fail: 0, skip: 1 });
    expect(connectionStatus(results).state).to.equal('Monitoring');
  });
  it('refuses an unknown facts version', () => {
    expect(() => evaluateChecks({ factsVersion: 99 })).to.throw(/not supported/);
  });
  it('remediation is given for warn and fail only', () => {
    expect(statusOf(healthy(), 'org-edition').remediation).to.deep.equal([]);
    expect(statusOf(healthy({ org: { edition: 'Group Edition' } }), 'org-edition').remediation.length).to.be.greaterThan(0);
  });
  const table = [
    ['org-edition', 'pass', healthy()],
    ['org-edition', 'fail', healthy({ org: { edition: 'Professional Edition' } }), /cannot have Real-Time Event Monitoring/],
    ['org-edition', 'skip', healthy({ org: null, unavailable: { org: 'no access' } }), /no access/],
    ['event-monitoring-addon', 'pass', healthy()],
    [
      'event-monitoring-addon',
      'fail',
      healthy({ eventMonitoring: { available: false, evidence: 'ReportEvent (NOT_FOUND)' } }),
      /no Event Monitoring/,
    ],
    ['event-monitoring-addon', 'skip', healthy({ eventMonitoring: null })],
    ['stream-login-event', 'pass', healthy()],
    ['stream-login-event', 'fail', healthy({ streams: { LoginEventStream: false, LogoutEventStream: true, ReportEventStream: true } })],
    ['stream-login-event', 'skip', healthy({ streams: null, unavailable: { streams: 'needs Customize Application' } }), /Customize Application/],
    ['stream-logout-event', 'pass', healthy()],
    ['stream-logout-event', 'fail', healthy({ streams: { LoginEventStream: true, LogoutEventStream: false, ReportEventStream: true } })],
    ['stream-logout-event', 'skip', healthy({ streams: {} })],
    ['stream-report-event', 'pass', healthy()],
    [
      'stream-report-event',
      'fail',
      healthy({ streams: { LoginEventStream: true, LogoutEventStream: true, ReportEventStream: false } }),
      /Event Manager/,
    ],
    ['stream-report-event', 'skip', healthy({ streams: null })],
    ['service-user', 'pass', healthy()],
    ['service-user', 'warn', healthy({ serviceUsers: [user(), user({ id: '005000000000002AAA', username: 'other@x.com' })] }), /2 users look like/],
    ['service-user', 'fail', healthy({ serviceUsers: [] }), /Code42_Service_Account/],
    ['service-user', 'fail', healthy({ serviceUsers: [], serviceUserSelection: { requested: 'nobody@x.com' } }), /nobody@x\.com/],
    ['service-user', 'skip', healthy({ serviceUsers: null, unavailable: { serviceUsers: 'User not readable' } }), /User not readable/],
    ['service-user-active', 'pass', healthy()],
    ['service-user-active', 'fail', healthy({ serviceUsers: [user({ isActive: false })] }), /has been deactivated/],
    ['service-user-active', 'skip', healthy({ serviceUsers: [] })],
    ['service-user-not-frozen', 'pass', healthy()],
    ['service-user-not-frozen', 'fail', healthy({ serviceUsers: [user({ isFrozen: true })] }), /has been frozen/],
    ['service-user-not-frozen', 'fail', healthy({ serviceUsers: [user({ isPasswordLocked: true })] }), /locked out/],
    [
      'service-user-not-frozen',
      'skip',
      healthy({ serviceUsers: [user({ isFrozen: null })], unavailable: { userLogin: 'needs Manage Users' } }),
      /Manage Users/,
    ],
    ['service-user-login-rate', 'pass', healthy()],
    [
      'service-user-login-rate',
      'warn',
      healthy({ serviceUsers: [user({ loginsLastHour: Math.ceil(THRESHOLDS.loginsPerHourLimit * THRESHOLDS.loginsPerHourWarnRatio) })] }),
      /close to/,
    ],
    ['service-user-login-rate', 'fail', healthy({ serviceUsers: [user({ loginsLastHour: THRESHOLDS.loginsPerHourLimit })] }), /LOGIN_RATE_EXCEEDED/],
    ['service-user-login-rate', 'fail', healthy({ serviceUsers: [user({ loginsLastHour: 3, loginRateExceeded: true })] })],
    ['service-user-login-rate', 'skip', healthy({ serviceUsers: [user({ loginsLastHour: null })] })],
    ['service-user-permissions', 'pass', healthy()],
    [
      'service-user-permissions',
      'fail',
      healthy({ serviceUsers: [user({ permissionGrants: { ...allGranted(), ApiEnabled: [] } })] }),
      /API Enabled \(ApiEnabled\)/,
    ],
    [
      'service-user-permissions',
      'warn',
      healthy({ serviceUsers: [user({ permissionGrants: { ...allGranted(), ManagePvtRptsAndDashbds: [] } })] }),
      /not confirmed/,
    ],
    // View Real-Time Event Monitoring Data is required (Code42 and Salesforce both say so), found by its label.
    [
      'service-user-permissions',
      'fail',
      healthy({
        serviceUsers: [user({ permissionGrants: { ...allGranted(), ViewRealTimeEventMonitoringData: [] } })],
        permissionApiNames: { ViewRealTimeEventMonitoringData: 'PermissionsViewRealTimeEventData' },
      }),
      /View Real-Time Event Monitoring Data \(API name PermissionsViewRealTimeEventData, found by its label\)/,
    ],
    [
      'service-user-permissions',
      'pass',
      healthy({ permissionApiNames: { ViewRealTimeEventMonitoringData: 'PermissionsX' } }),
      /View Real-Time Event Monitoring Data: PermissionsX, found by its label/,
    ],
    // Not exposed by the org's describe: never a pass for a required permission.
    [
      'service-user-permissions',
      'warn',
      healthy({
        serviceUsers: [
          user({
            permissionGrants: { ...allGranted(), ViewRealTimeEventMonitoringData: [] },
            unknownPermissions: ['ViewRealTimeEventMonitoringData'],
          }),
        ],
      }),
      /Could not check View Real-Time Event Monitoring Data \(no permission field with this label in this org\)/,
    ],
    [
      'service-user-permissions',
      'skip',
      healthy({ serviceUsers: [user({ permissionGrants: null })], unavailable: { permissions: 'PSA unreadable' } }),
      /PSA unreadable/,
    ],
    ['report-export-holders', 'pass', healthy(), /4 users/],
    ['report-export-holders', 'fail', healthy({ holders: { totalCount: 3, inScopeCount: 0 } }), /monitor nobody/],
    [
      'report-export-holders',
      'fail',
      healthy({ holders: { totalCount: 3, inScopeCount: 0 }, scope: { mode: 'users', entries: 2, unmatched: [] } }),
      /users scope/,
    ],
    ['report-export-holders', 'skip', healthy({ holders: null })],
    ['scope-entries', 'skip', healthy()],
    ['scope-entries', 'pass', healthy({ scope: { mode: 'groups', entries: 3, unmatched: [] } }), /public group/],
    ['scope-entries', 'warn', healthy({ scope: { mode: 'users', entries: 3, unmatched: [{ row: 2, value: 'x@y' }] } }), /row 2: x@y/],
    ['scope-entries', 'fail', healthy({ scope: { mode: 'users', entries: THRESHOLDS.maxScopeEntries + 1, unmatched: [] } }), /at most 1,000/],
    ['scope-entries', 'fail', healthy({ scope: { mode: 'groups', entries: 0, unmatched: [] } }), /no entries/],
    ['active-sessions', 'pass', healthy()],
    ['active-sessions', 'warn', healthy({ sessions: { inScopeUsersWithSessions: 3 } }), /3 in-scope users are logged in/],
    ['active-sessions', 'skip', healthy({ sessions: null })],
    ['api-limits', 'pass', healthy()],
    ['api-limits', 'warn', healthy({ limits: { dailyApiRequests: { max: 15000, remaining: 1000 } } })],
    ['api-limits', 'fail', healthy({ limits: { dailyApiRequests: { max: 15000, remaining: 99 } } }), /REQUEST_LIMIT_EXCEEDED/],
    ['api-limits', 'skip', healthy({ limits: null })],
  ];
  for (const [id, status, facts, message] of table) {
    it(`${id}: ${status}${message ? ` (${message.source})` : ''}`, () => {
      const r = statusOf(facts, id);
      expect(r.status).to.equal(status);
      if (message) expect(r.message).to.match(message);
      expect(r.remediation.length > 0).to.equal(status === 'warn' || status === 'fail');
    });
  }
  it('connection status: Error with the vendor message of the first cause, Warning otherwise', () => {
    const error = connectionStatus(evaluateChecks(healthy({ serviceUsers: [user({ isActive: false })] })));
    expect(error.state).to.equal('Error');
    expect(error.message).to.include('deactivated');
    const warning = connectionStatus(evaluateChecks(healthy({ sessions: { inScopeUsersWithSessions: 1 } })));
    expect(warning.state).to.equal('Warning');
  });
  it('with several service users, the vendor message names the deactivated or frozen one', () => {
    const two = healthy({
      serviceUsers: [user({ username: 'old@x.com', isActive: false }), user({ id: '005000000000002AAA', username: 'new@x.com', isFrozen: true })],
    });
    expect(statusOf(two, 'service-user-active').message).to.match(/has been deactivated\..*\(old@x\.com\)$/);
    expect(statusOf(two, 'service-user-not-frozen').message).to.match(/has been frozen\..*\(new@x\.com\)$/);
    expect(statusOf(healthy({ serviceUsers: [user({ isActive: false })] }), 'service-user-active').message).not.to.include('(svc@x.com)');
  });
  it('loginRateState: the one place the hourly login thresholds are applied (CLI check and dashboard badge)', () => {
    const limit = THRESHOLDS.loginsPerHourLimit;
    const warnAt = Math.ceil(limit * THRESHOLDS.loginsPerHourWarnRatio);
    expect(loginRateState(user({ loginsLastHour: null }))).to.equal('unknown');
    expect(loginRateState(user({ loginsLastHour: warnAt - 1 }))).to.equal('ok');
    expect(loginRateState(user({ loginsLastHour: warnAt }))).to.equal('near');
    expect(loginRateState(user({ loginsLastHour: limit }))).to.equal('exceeded');
    expect(loginRateState(user({ loginsLastHour: 3, loginRateExceeded: true }))).to.equal('exceeded');
  });
  it('permissionStatus tells granted, missing and unknown apart', () => {
    const states = permissionStatus(user({ permissionGrants: { ApiEnabled: [{ type: 'profile', name: 'P' }] }, unknownPermissions: ['ViewSetup'] }))
      .filter((p) => ['ApiEnabled', 'ViewSetup', 'ViewRoles'].includes(p.name))
      .map((p) => [p.name, p.state]);
    expect(states).to.deep.equal([
      ['ApiEnabled', 'granted'],
      ['ViewSetup', 'unknown'],
      ['ViewRoles', 'missing'],
    ]);
  });
  it("Code42's quoted recheck time is the threshold the rules use", () => {
    // The sentences are Code42's words, so their number is literal; this keeps the two together.
    const quoted = [VENDOR_MESSAGES.clearsWithin, ...CHECKS.flatMap((c) => c.remediation ?? [])]
      .map((text) => /Monitoring status within (\d+) minutes/.exec(text))
      .filter(Boolean)
      .map((m) => Number(m[1]));
    expect(quoted.length).to.be.greaterThan(1);
    expect(new Set(quoted)).to.deep.equal(new Set([THRESHOLDS.code42RecheckMinutes]));
  });
  it('toId18 adds the case-safe suffix', () => {
    expect(toId18('001A0000006Vm9r')).to.equal('001A0000006Vm9rIAC');
  });
});
