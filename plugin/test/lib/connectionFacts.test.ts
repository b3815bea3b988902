/*
 * The authorization facts as the CLI gathers them (src/facts/connection.ts through the preflight
 * command, against the org simulator, which evaluates the SOQL): what is read, in which requests, what is never read.
 */
import { expect } from 'chai';
import { check, harness, logged, runWith } from '../helpers/run.js';
import { soqlReceived, startSimulatedOrg, type SimOrg, type Simulator } from '../helpers/simulatedOrg.js';
import { connectionReads, myDomainOf, profileRestrictions } from '../../src/facts/connection.js';

type Row = Record<string, any>;
const rows = (sim: Simulator, name: string): Row[] => (sim.org.objects[name] ?? []) as Row[];
const meta = (o: SimOrg): Row => o.meta as Row;
/** The permission set the service user's profile owns (where the scenario grants its permissions). */
const serviceProfilePs = (o: SimOrg): Row => {
  const svc = (o.objects.User as Row[]).find((u) => u.Id === meta(o).serviceUserId);
  return (o.objects.PermissionSet as Row[]).find((p) => p.ProfileId === svc?.ProfileId) as Row;
};

describe('connection facts (connected app, OAuth token, licence, login access, My Domain)', () => {
  const h = harness();
  let sim: Simulator | undefined;
  afterEach(async () => sim?.stop());
  async function org(options: { scenario?: string; edit?: (o: SimOrg) => void } = {}): Promise<Simulator> {
    await sim?.stop();
    sim = await startSimulatedOrg({ scenario: options.scenario });
    options.edit?.(sim.org);
    return sim;
  }

  it('never selects, filters or orders by the OauthToken secrets (AccessToken, RequestToken, DeleteToken)', async () => {
    const fake = await org();
    await runWith(h, fake, ['--json']);
    const sent = soqlReceived(fake);
    expect(sent.some((q) => /FROM OauthToken/.test(q))).to.equal(true);
    for (const q of [...sent, ...connectionReads().map((r) => ('soql' in r ? r.soql : ''))]) {
      expect(q).not.to.match(/AccessToken|RequestToken|DeleteToken/i);
    }
  });

  it('reads the new facts in one extra Composite request and one Profile metadata read', async () => {
    const fake = await org();
    const result = await runWith(h, fake, ['--json']);
    const composites = fake.requests.filter((r) => /\/composite$/.test(r.path));
    const connection = composites.find((r) => r.subrequests?.some((s) => /FROM OauthToken/.test(s.soql ?? '')));
    expect(connection?.subrequests?.map((s) => /FROM (\w+)/.exec(s.soql ?? '')?.[1])).to.deep.equal([
      'OauthToken',
      'ConnectedApplication',
      'SetupEntityAccess',
      'UserLicense',
    ]);
    const profileReads = h.sent.filter((r) => /<met:type>Profile<\/met:type>/.test(r.body ?? ''));
    expect(profileReads).to.have.length(1);
    const svc = rows(fake, 'User').find((u) => u.Id === (fake.org.meta as Row).serviceUserId);
    const profile = rows(fake, 'Profile').find((p) => p.Id === svc?.ProfileId);
    expect(profileReads[0].body).to.include(`<met:fullNames>${profile?.Name}</met:fullNames>`);
    // Found by its describe label (the simulator's schema has the field, as Salesforce's does).
    expect(result.connection).to.deep.include({
      approvePermission: { field: 'PermissionsApproveUninstalledConnectedApps', label: 'Approve Uninstalled Connected Apps' },
    });
    const token = rows(fake, 'OauthToken')[0];
    expect((result.connection as Record<string, any>).tokens[0]).to.deep.include({
      appName: token.AppName,
      userId: svc?.Id,
      createdDate: token.CreatedDate,
      useCount: token.UseCount,
    });
    expect(token.UseCount).to.be.a('number').and.greaterThan(0);
    expect(JSON.stringify(result)).not.to.match(/accessToken|refresh_token/i);
  });

  it('finds "Approve Uninstalled Connected Apps" and "API Only User" by their describe labels', async () => {
    // The permission under another API name: the documented one hidden, a field with its label declared.
    const fake = await org({
      scenario: 'app-not-installed',
      edit: (o) => {
        (o.noAccess as Row)['PermissionSet.PermissionsApproveUninstalledConnectedApps'] = 'INVALID_FIELD';
        (o.extraFields as Row).PermissionSet.PermissionsSomeFutureName = { type: 'boolean', label: 'Approve Uninstalled Connected Apps' };
        for (const ps of o.objects.PermissionSet as Row[]) ps.PermissionsSomeFutureName = false;
        serviceProfilePs(o).PermissionsSomeFutureName = true;
      },
    });
    const result = await runWith(h, fake, ['--json']);
    const assignmentQuery = soqlReceived(fake).find((q) => /FROM PermissionSetAssignment WHERE AssigneeId IN/.test(q)) ?? '';
    expect(assignmentQuery).to.include('PermissionSet.PermissionsSomeFutureName');
    expect(assignmentQuery).to.include('PermissionSet.PermissionsApiUserOnly');
    const c = check(result, 'connected-app-access');
    expect(c.status).to.equal('pass');
    expect(c.message).to.include('can complete the first authorization');
    expect(check(result, 'code42-authorization').message).to.match(/^Not authorized yet/);
  });

  it('fails connected-app-access before authorization without the app or the permission', async () => {
    const result = await runWith(h, await org({ scenario: 'app-not-installed' }), ['--json']);
    expect(check(result, 'connected-app-access').status).to.equal('fail');
    expect(process.exitCode).to.equal(1);
  });

  it('warns with the profile\'s login IP ranges and login hours from the Metadata API, and fails API Only User', async () => {
    const restrict = (o: SimOrg): void => {
      const svc = (o.objects.User as Row[]).find((u) => u.Id === meta(o).serviceUserId);
      const profile = (o.objects.Profile as Row[]).find((p) => p.Id === svc?.ProfileId) as Row;
      o.profileLogin = {
        [profile.Name]: {
          loginIpRanges: [{ startAddress: '192.0.2.0', endAddress: '192.0.2.255', description: 'HQ' }],
          loginHours: { mondayStart: '480', mondayEnd: '1020' },
        },
      };
    };
    let result = await runWith(h, await org({ edit: restrict }), ['--json']);
    const warn = check(result, 'service-user-login-access');
    expect(warn.status).to.equal('warn');
    expect(warn.message).to.include('192.0.2.0-192.0.2.255');
    expect(warn.message).to.include('monday 480-1020');
    result = await runWith(h, await org({ scenario: 'api-only', edit: restrict }), ['--json']);
    expect(check(result, 'service-user-login-access').status).to.equal('fail');
  });

  it('records why a part could not be read: OauthToken refused, Profile metadata refused', async () => {
    const fake = await org({ edit: (o) => ((o.noAccess as Row).OauthToken = 'INSUFFICIENT_ACCESS') });
    const result = await runWith(h, fake, ['--json']);
    const c = check(result, 'code42-authorization');
    expect(c.status).to.equal('skip');
    expect(c.message).to.include('INSUFFICIENT_ACCESS');
  });

  it('prints the My Domain to enter in Code42 and puts it in the JSON as org.myDomain', async () => {
    const result = await runWith(h, await org());
    expect(result.org.myDomain).to.be.a('string').and.not.equal('');
    expect(logged(h)).to.include(`My Domain to enter in Code42 (Step 3, "Include the suffix"): ${result.org.myDomain}`);
    expect(logged(h)).not.to.include('This is a sandbox');
    await runWith(h, await org({ edit: (o) => ((o.objects.Organization[0] as Row).IsSandbox = true) }));
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
