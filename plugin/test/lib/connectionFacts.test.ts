/*
 * The authorization facts as the CLI gathers them (src/facts/connection.ts through the preflight
 * command, over the in-memory fake org): what is read, in which requests, what is never read.
 */
import { expect } from 'chai';
import { FakeOrg, baseState } from '../helpers/fakeOrg.js';
import { check, harness, logged, runWith } from '../helpers/run.js';
import { connectionReads, myDomainOf, profileRestrictions } from '../../src/facts/connection.js';

const SVC = '005000000000SVCAAA';

/** Every SOQL text the run sent, decoded from Composite subrequests and plain queries. */
function soqlSent(fake: FakeOrg): string[] {
  const urls = fake.log.flatMap((r) => [r.url, ...(r.subrequests ?? []).map((s) => s.url)]);
  return urls.map((u) => /[?&]q=([^&]*)/.exec(u)).filter((m): m is RegExpExecArray => Boolean(m)).map((m) => decodeURIComponent(m[1]));
}

describe('connection facts (connected app, OAuth token, licence, login access, My Domain)', () => {
  const h = harness();

  it('never selects, filters or orders by the OauthToken secrets (AccessToken, RequestToken, DeleteToken)', async () => {
    const fake = new FakeOrg();
    await runWith(h, fake, ['--json']);
    const sent = soqlSent(fake);
    expect(sent.some((q) => /FROM OauthToken/.test(q))).to.equal(true);
    for (const q of [...sent, ...connectionReads().map((r) => ('soql' in r ? r.soql : ''))]) {
      expect(q).not.to.match(/AccessToken|RequestToken|DeleteToken/i);
    }
  });

  it('reads the new facts in one extra Composite request and one Profile metadata read', async () => {
    const fake = new FakeOrg();
    const result = await runWith(h, fake, ['--json']);
    const composites = fake.log.filter((r) => /\/composite$/.test(r.url));
    const connection = composites.find((r) => r.subrequests?.some((s) => /OauthToken/.test(decodeURIComponent(s.url))));
    expect(connection?.subrequests?.map((s) => /FROM\+?%20?(\w+)|FROM (\w+)/.exec(decodeURIComponent(s.url).replace(/\+/g, ' '))?.[2])).to.deep.equal([
      'OauthToken',
      'ConnectedApplication',
      'SetupEntityAccess',
      'UserLicense',
    ]);
    const profileReads = fake.log.filter((r) => /<met:type>Profile<\/met:type>/.test(r.body ?? ''));
    expect(profileReads).to.have.length(1);
    expect(profileReads[0].body).to.include('<met:fullNames>Minimum Access - Salesforce</met:fullNames>');
    expect(result.connection).to.deep.include({ approvePermission: null });
    expect((result.connection as Record<string, any>).tokens[0]).to.deep.include({
      appName: 'Code42 for Salesforce',
      userId: SVC,
      createdDate: '2026-01-01T00:00:00.000+0000',
      useCount: 1234,
    });
    expect(JSON.stringify(result)).not.to.match(/accessToken|refresh_token/i);
  });

  it('finds "Approve Uninstalled Connected Apps" and "API Only User" by their describe labels', async () => {
    const state = baseState();
    state.connectedApps = [];
    state.oauthTokens = [];
    state.permissionSetFields.push('PermissionsSomeFutureName');
    state.permissionSetLabels = { PermissionsApiUserOnly: 'API Only User', PermissionsSomeFutureName: 'Approve Uninstalled Connected Apps' };
    state.serviceAssignments[0].PermissionSet.PermissionsSomeFutureName = true;
    const fake = new FakeOrg(state);
    const result = await runWith(h, fake, ['--json']);
    const assignmentQuery = soqlSent(fake).find((q) => /FROM PermissionSetAssignment WHERE AssigneeId IN/.test(q)) ?? '';
    expect(assignmentQuery).to.include('PermissionSet.PermissionsSomeFutureName');
    expect(assignmentQuery).to.include('PermissionSet.PermissionsApiUserOnly');
    const c = check(result, 'connected-app-access');
    expect(c.status).to.equal('pass');
    expect(c.message).to.include('can complete the first authorization');
    expect(check(result, 'code42-authorization').message).to.match(/^Not authorized yet/);
  });

  it('fails connected-app-access before authorization without the app or the permission', async () => {
    const state = baseState();
    state.connectedApps = [];
    state.oauthTokens = [];
    const result = await runWith(h, new FakeOrg(state), ['--json']);
    expect(check(result, 'connected-app-access').status).to.equal('fail');
    expect(process.exitCode).to.equal(1);
  });

  it('warns with the profile\'s login IP ranges and login hours from the Metadata API, and fails API Only User', async () => {
    const state = baseState();
    state.profiles = {
      'Minimum Access - Salesforce': {
        loginIpRanges: [{ startAddress: '192.0.2.0', endAddress: '192.0.2.255', description: 'HQ' }],
        loginHours: { mondayStart: '480', mondayEnd: '1020' },
      },
    };
    let result = await runWith(h, new FakeOrg(state), ['--json']);
    const warn = check(result, 'service-user-login-access');
    expect(warn.status).to.equal('warn');
    expect(warn.message).to.include('192.0.2.0-192.0.2.255');
    expect(warn.message).to.include('monday 480-1020');
    state.serviceAssignments[0].PermissionSet.PermissionsApiUserOnly = true;
    result = await runWith(h, new FakeOrg(state), ['--json']);
    expect(check(result, 'service-user-login-access').status).to.equal('fail');
  });

  it('records why a part could not be read: OauthToken refused, Profile metadata refused', async () => {
    const state = baseState();
    state.failures = { 'FROM OauthToken': { status: 400, errorCode: 'INSUFFICIENT_ACCESS', message: 'no access' } };
    const result = await runWith(h, new FakeOrg(state), ['--json']);
    const c = check(result, 'code42-authorization');
    expect(c.status).to.equal('skip');
    expect(c.message).to.include('INSUFFICIENT_ACCESS');
  });

  it('prints the My Domain to enter in Code42 and puts it in the JSON as org.myDomain', async () => {
    const fake = new FakeOrg();
    const result = await runWith(h, fake);
    expect(result.org.myDomain).to.be.a('string').and.not.equal('');
    expect(logged(h)).to.include(`My Domain to enter in Code42 (Step 3, "Include the suffix"): ${result.org.myDomain}`);
    expect(logged(h)).not.to.include('This is a sandbox');
    const state = baseState();
    state.org.IsSandbox = true;
    await runWith(h, new FakeOrg(state));
    expect(logged(h)).to.include("differs from production's");
  });

  it('reads My Domain from the instance URL and login restrictions from a Profile record', () => {
    expect(myDomainOf('https://acme--uat.sandbox.my.salesforce.com')).to.equal('acme--uat.sandbox.my.salesforce.com');
    expect(myDomainOf('not a url')).to.equal(null);
    expect(profileRestrictions({ loginIpRanges: { startAddress: '1.1.1.1', endAddress: '1.1.1.2' } })).to.deep.equal({
      loginIpRanges: [{ start: '1.1.1.1', end: '1.1.1.2', description: '' }],
      loginHours: {},
    });
    expect(profileRestrictions(undefined)).to.deep.equal({ loginIpRanges: null, loginHours: null });
  });
});
