/*
 * The authorization block of the shared rules (issue 12): connected-app-access,
 * code42-authorization, service-user-licence and service-user-login-access, each in every status
 * it can answer, with the words an admin reads.
 */
import { expect } from 'chai';
import { describe, it } from 'node:test';
import { CHECKS, FACTS_VERSION, THRESHOLDS, evaluateChecks } from '../src/index.js';
import { NOW, SVC, healthyConnection } from './fixtures.js';
function facts(connection = healthyConnection(), extra = {}) {
  return {
    factsVersion: FACTS_VERSION,
    source: 'cli',
    collectedAt: NOW,
    org: {
      id: '00D',
      name: 'Acme',
      edition: 'Enterprise Edition',
      isSandbox: false,
      instanceUrl: 'https://acme.my.salesforce.com',
      myDomain: 'acme.my.salesforce.com',
    },
    serviceUserSelection: {},
    serviceUsers: [{ id: SVC, username: 'svc@acme.com', isActive: true, profileName: 'Code42 Service Account', licenseName: 'Salesforce' }],
    scope: { mode: 'all', entries: 0, unmatched: [] },
    connection,
    unavailable: {},
    ...extra,
  };
}
const check = (f, id) => evaluateChecks(f).find((c) => c.id === id);
describe('code42Rules: authorization checks (issue 12)', () => {
  it('lists the four new ids in the catalogue, with remediation and a Setup page', () => {
    for (const id of ['connected-app-access', 'code42-authorization', 'service-user-licence', 'service-user-login-access']) {
      const def = CHECKS.find((c) => c.id === id);
      expect(def, id).to.not.equal(undefined);
      expect(def?.remediation.length, id).to.be.greaterThan(0);
      expect(def?.setupLink, id).to.be.a('string');
    }
    expect(THRESHOLDS.oauthTokenUnusedDays).to.be.a('number');
  });
  describe('connected-app-access', () => {
    it('passes when the installed app admits the service user through a permission set', () => {
      const r = check(facts(), 'connected-app-access');
      expect(r.status).to.equal('pass');
      expect(r.message).to.include('"Code42" is installed and admits the service account user');
    });
    it('passes when the app is installed for "All users may self-authorize"', () => {
      const c = healthyConnection({ apps: [{ id: '0H4', name: 'Code42', adminApprovedOnly: false, admitted: [] }] });
      expect(check(facts(c), 'connected-app-access').message).to.include('lets every user self-authorize');
    });
    it('passes by the profile too', () => {
      const c = healthyConnection({
        apps: [{ id: '0H4', name: 'Code42', adminApprovedOnly: true, admitted: [{ type: 'profile', name: 'Code42 Service Account' }] }],
      });
      expect(check(facts(c), 'connected-app-access').status).to.equal('pass');
    });
    it('fails before authorization when the app is not installed and the permission is missing, with both ways out in order', () => {
      const c = healthyConnection({ apps: [], tokens: [] });
      const r = check(facts(c), 'connected-app-access');
      expect(r.status).to.equal('fail');
      expect(r.message).to.include('not installed');
      expect(r.message).to.include('OAUTH_APPROVAL_ERROR_GENERIC ("app must be installed into org")');
      expect(r.message).to.include('grant "Approve Uninstalled Connected Apps"');
      const steps = r.remediation.join('\n');
      expect(steps.indexOf('Step 1')).to.be.lessThan(steps.indexOf('Step 3: in Setup > Apps > Connected Apps > Connected Apps OAuth Usage'));
      expect(steps).to.include('only apps that have been used');
      expect(steps).to.include('005228838');
      expect(r.setupLink.label).to.include('Connected Apps OAuth Usage');
    });
    it('fails when the installed app does not admit the service user', () => {
      const c = healthyConnection({
        apps: [{ id: '0H4', name: 'Code42', adminApprovedOnly: true, admitted: [{ type: 'permissionSet', name: 'Other' }] }],
      });
      const r = check(facts(c), 'connected-app-access');
      expect(r.status).to.equal('fail');
      expect(r.message).to.include('is installed but does not admit svc@acme.com');
    });
    it('passes the first authorization through the permission, and warns to finish the steps once authorized', () => {
      const before = healthyConnection({ apps: [], tokens: [] }, { approveUninstalled: true });
      const r1 = check(facts(before), 'connected-app-access');
      expect(r1.status).to.equal('pass');
      expect(r1.message).to.include('can complete the first authorization');
      const after = healthyConnection({ apps: [] }, { approveUninstalled: true });
      const r2 = check(facts(after), 'connected-app-access');
      expect(r2.status).to.equal('warn');
      expect(r2.message).to.include('remove "Approve Uninstalled Connected Apps"');
    });
    it('warns to remove "Approve Uninstalled Connected Apps" once the installed app admits the service user (step 5)', () => {
      const r = check(facts(healthyConnection({}, { approveUninstalled: true })), 'connected-app-access');
      expect(r.status).to.equal('warn');
      expect(r.message).to.include('Remove the permission');
    });
    it('warns (not fails) when Code42 is already authorized although the app is not installed', () => {
      const r = check(facts(healthyConnection({ apps: [] })), 'connected-app-access');
      expect(r.status).to.equal('warn');
      expect(r.message).to.include('made before the restriction');
    });
    it('says so when this org exposes no "Approve Uninstalled Connected Apps" permission', () => {
      const c = healthyConnection({ apps: [], tokens: [], approvePermission: null }, { approveUninstalled: null });
      const r = check(facts(c), 'connected-app-access');
      expect(r.status).to.equal('fail');
      expect(r.message).to.include('exposes no "Approve Uninstalled Connected Apps" permission');
    });
    it('skips with the reason when the installed apps cannot be read', () => {
      const c = healthyConnection({ apps: null }, { approveUninstalled: false });
      const r = check(
        facts(c, { unavailable: { connectedApps: 'ConnectedApplication could not be read: INSUFFICIENT_ACCESS' } }),
        'connected-app-access',
      );
      expect(r.status).to.equal('skip');
      expect(r.message).to.include('INSUFFICIENT_ACCESS');
    });
    it('skips without a service user', () => {
      expect(check(facts(healthyConnection(), { serviceUsers: [] }), 'connected-app-access').status).to.equal('skip');
    });
  });
  describe('code42-authorization', () => {
    it('passes with who authorized, when, last use and use count', () => {
      const r = check(facts(), 'code42-authorization');
      expect(r.status).to.equal('pass');
      expect(r.message).to.equal('svc@acme.com authorized "Code42" on 2026-05-01; last used 2026-06-01, 420 uses.');
      expect(r).to.deep.include({ authorizedBy: 'svc@acme.com', useCount: 420, lastUsedDate: '2026-06-01T11:00:00.000Z' });
    });
    it(`warns when the token is unused for more than ${THRESHOLDS.oauthTokenUnusedDays} days`, () => {
      const old = new Date(Date.parse(NOW) - (THRESHOLDS.oauthTokenUnusedDays + 2) * 86400000).toISOString();
      const c = healthyConnection({ tokens: [{ appName: 'Code42', userId: SVC, createdDate: '2026-01-01', lastUsedDate: old, useCount: 10 }] });
      const r = check(facts(c), 'code42-authorization');
      expect(r.status).to.equal('warn');
      expect(r.message).to.include(`Unused for ${THRESHOLDS.oauthTokenUnusedDays + 2} days`);
      expect(r.message).to.include('may have stopped or lost access');
    });
    it('is skip "not authorized yet" before the authorization', () => {
      const r = check(facts(healthyConnection({ tokens: [] })), 'code42-authorization');
      expect(r.status).to.equal('skip');
      expect(r.message).to.match(/^Not authorized yet/);
    });
    it('warns when another user authorized Code42', () => {
      const c = healthyConnection({
        tokens: [{ appName: 'Code42', userId: '005000000000OTHAAA', createdDate: null, lastUsedDate: NOW, useCount: 1 }],
      });
      const r = check(facts(c), 'code42-authorization');
      expect(r.status).to.equal('warn');
      expect(r.message).to.include('authorized by another user (005000000000OTHAAA)');
    });
    it("skips with the reason when OauthToken cannot be read, and ignores other apps' tokens", () => {
      const r = check(
        facts(healthyConnection({ tokens: null }), { unavailable: { oauthTokens: 'OauthToken: INSUFFICIENT_ACCESS' } }),
        'code42-authorization',
      );
      expect(r).to.deep.include({ status: 'skip', message: 'OauthToken: INSUFFICIENT_ACCESS' });
      const other = healthyConnection({ tokens: [{ appName: 'Data Loader', userId: SVC, lastUsedDate: NOW, useCount: 3 }] });
      expect(check(facts(other), 'code42-authorization').message).to.match(/^Not authorized yet/);
    });
  });
  describe('service-user-licence', () => {
    it('passes when the service user holds the Salesforce licence', () => {
      expect(check(facts(), 'service-user-licence').status).to.equal('pass');
    });
    it('fails for the API-only Salesforce Integration licence', () => {
      const f = facts(healthyConnection(), { serviceUsers: [{ id: SVC, username: 'svc@acme.com', licenseName: 'Salesforce Integration' }] });
      const r = check(f, 'service-user-licence');
      expect(r.status).to.equal('fail');
      expect(r.message).to.include('API-only');
    });
    it('warns for another licence', () => {
      const f = facts(healthyConnection(), { serviceUsers: [{ id: SVC, username: 'svc@acme.com', licenseName: 'Salesforce Platform' }] });
      expect(check(f, 'service-user-licence').status).to.equal('warn');
    });
    it("without a service user: passes with free seats, warns with Code42's words when none is free, skips when unread", () => {
      const none = (lic, unavailable = {}) =>
        check(facts(healthyConnection({ salesforceLicence: lic }), { serviceUsers: [], unavailable }), 'service-user-licence');
      expect(none({ name: 'Salesforce', total: 50, used: 40 }).message).to.include('10 Salesforce licences are free');
      const full = none({ name: 'Salesforce', total: 50, used: 50 });
      expect(full.status).to.equal('warn');
      expect(full.message).to.include(
        'Code42 connects to your environment using a service account that requires one of your Salesforce user licenses.',
      );
      expect(full.message).to.include(
        'To free up a Salesforce license, you may need to reassign a user to a profile that uses a different license, or contact Salesforce to increase your license count.',
      );
      expect(none(null, { userLicense: 'UserLicense: INSUFFICIENT_ACCESS' })).to.deep.include({
        status: 'skip',
        message: 'UserLicense: INSUFFICIENT_ACCESS',
      });
    });
  });
  describe('service-user-login-access', () => {
    it('passes without API Only User, IP ranges or login hours', () => {
      expect(check(facts(), 'service-user-login-access').status).to.equal('pass');
    });
    it('fails with API Only User', () => {
      const r = check(facts(healthyConnection({}, { apiOnly: true })), 'service-user-login-access');
      expect(r.status).to.equal('fail');
      expect(r.message).to.include('"API Only User"');
    });
    it('warns and lists the login IP ranges and login hours', () => {
      const c = healthyConnection(
        {},
        { loginIpRanges: [{ start: '10.0.0.0', end: '10.0.0.255', description: 'Office' }], loginHours: { monday: { start: '480', end: '1080' } } },
      );
      const r = check(facts(c), 'service-user-login-access');
      expect(r.status).to.equal('warn');
      expect(r.message).to.include('10.0.0.0-10.0.0.255');
      expect(r.message).to.include('monday 480-1080');
      expect(r.setupLink.label).to.equal('Setup > Users > Profiles');
    });
    it('skips when nothing could be read', () => {
      const c = healthyConnection({}, { apiOnly: null, loginIpRanges: null, loginHours: null });
      const r = check(facts(c, { unavailable: { loginAccess: 'Profile (Metadata API): INSUFFICIENT_ACCESS' } }), 'service-user-login-access');
      expect(r).to.deep.include({ status: 'skip', message: 'Profile (Metadata API): INSUFFICIENT_ACCESS' });
    });
  });
});
