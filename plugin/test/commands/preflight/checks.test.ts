/* sf code42 preflight: each check that fails, warns or skips, on the Acme org changed in one place. */
import { expect } from 'chai';
import { check, harness, runWith } from '../../helpers/run.js';
import { soqlReceived, type Simulator } from '../../helpers/simulatedOrg.js';
import { rows, simulatedOrgs, userNamed, type Acme } from './acme.js';

describe('sf code42 preflight: checks that fail', () => {
  const h = harness();
  const orgs = simulatedOrgs();

  it('org-edition fails for Professional Edition and event-monitoring-addon fails without ReportEvent', async () => {
    // No add-on: no event objects, and no View Real-Time Event Monitoring Data permission field either.
    const sim = await orgs.acme(({ b }) => b.withoutEventMonitoring('Professional Edition'));
    const result = await runWith(h, sim);
    expect(check(result, 'org-edition').status).to.equal('fail');
    expect(check(result, 'event-monitoring-addon').status).to.equal('fail');
    expect(check(result, 'event-monitoring-addon').message).to.include('ReportEvent (NOT_FOUND)');
    expect(check(result, 'event-monitoring-addon').message).to.include('no permission field labelled "View Real-Time Event Monitoring Data"');
    expect(check(result, 'org-edition').remediation.length).to.be.greaterThan(0);
    expect(process.exitCode).to.equal(1);
  });

  it('event-monitoring-addon is skipped, naming the permission, when the event objects are hidden but the add-on field exists', async () => {
    // The org has the add-on; the admin running the preflight lacks View Real-Time Event Monitoring Data.
    const sim = await orgs.acme(({ b }) => b.restrictRunningUser(['ViewRealTimeEventMonitoringData']));
    const result = await runWith(h, sim);
    const c = check(result, 'event-monitoring-addon');
    expect(c.status).to.equal('skip');
    expect(c.message).to.include('hidden from the user running this check');
    expect(c.message).to.include('"View Real-Time Event Monitoring Data"');
    expect(c.message).to.include('PermissionsViewRealTimeEventMonitoringData');
    expect(process.exitCode ?? 0).to.equal(0);
  });

  it('each stream check fails when its stream is off, and all fail when the settings record is absent', async () => {
    const sim = await orgs.acme();
    sim.org.settings = { RealTimeEventSettings: { LoginEventStream: true, LogoutEventStream: false } };
    let result = await runWith(h, sim);
    expect(check(result, 'stream-login-event').status).to.equal('pass');
    expect(check(result, 'stream-logout-event').status).to.equal('fail');
    expect(check(result, 'stream-report-event').status).to.equal('fail');
    sim.org.settings = {};
    result = await runWith(h, sim);
    expect(['stream-login-event', 'stream-logout-event', 'stream-report-event'].map((id) => check(result, id).status)).to.deep.equal([
      'fail',
      'fail',
      'fail',
    ]);
  });

  it('streams are skipped with the permission reason when readMetadata is refused (INSUFFICIENT_ACCESS)', async () => {
    // The admin lacks Modify All Data and Modify Metadata: readMetadata answers sf:INSUFFICIENT_ACCESS.
    const sim = await orgs.acme(({ b }) => b.restrictRunningUser(['ModifyAllData', 'ModifyMetadata']));
    const result = await runWith(h, sim);
    const c = check(result, 'stream-report-event');
    expect(c.status).to.equal('skip');
    expect(c.message).to.include('"Modify All Data" or "Modify Metadata Through Metadata API Functions"');
  });

  it('service-user fails when no user has the permission set or profile, and dependent checks skip', async () => {
    const sim = await orgs.acme(({ b, serviceAssignment }) => {
      b.org.objects.PermissionSetAssignment = b.org.objects.PermissionSetAssignment.filter((a) => a !== serviceAssignment);
    });
    const result = await runWith(h, sim);
    expect(check(result, 'service-user').status).to.equal('fail');
    expect(check(result, 'service-user').remediation.join(' ')).to.include('--service-user');
    expect(check(result, 'service-user-active').status).to.equal('skip');
  });

  it('--service-user naming a user that does not exist fails service-user', async () => {
    const result = await runWith(h, await orgs.acme(), ['--service-user', 'nobody@acme.com']);
    expect(check(result, 'service-user').status).to.equal('fail');
    expect(check(result, 'service-user').message).to.include('nobody@acme.com');
  });

  it("service-user-active fails with Code42's words for a deactivated user", async () => {
    const sim = await orgs.acme(({ service }) => (service.IsActive = false));
    const result = await runWith(h, sim, ['--service-user', 'code42@acme.com']);
    const c = check(result, 'service-user-active');
    expect(c.status).to.equal('fail');
    expect(c.message).to.include('has been deactivated');
    expect(result.connectionStatus.state).to.equal('Error');
  });

  it('service-user-not-frozen fails for a frozen user and for a password-locked user', async () => {
    const sim = await orgs.acme();
    const login = rows(sim, 'UserLogin').find((l) => l.UserId === userNamed(sim, 'code42@acme.com').Id) as Record<string, unknown>;
    login.IsFrozen = true;
    let result = await runWith(h, sim);
    expect(check(result, 'service-user-not-frozen').status).to.equal('fail');
    expect(check(result, 'service-user-not-frozen').message).to.include('has been frozen');
    Object.assign(login, { IsFrozen: false, IsPasswordLocked: true });
    result = await runWith(h, sim);
    expect(check(result, 'service-user-not-frozen').status).to.equal('fail');
    expect(check(result, 'service-user-not-frozen').message).to.include('locked out');
  });

  it('service-user-login-rate: warn near 3,600, fail at LOGIN_RATE_EXCEEDED (any case)', async () => {
    const onlyLogins = (edit: (acme: Acme) => void): Promise<Simulator> =>
      orgs.acme((acme) => {
        acme.b.org.objects.LoginHistory = [];
        edit(acme);
      });
    let sim = await onlyLogins(({ b, service }) => {
      for (let i = 0; i < 3000; i++) b.login(service, { minutesAgo: (i * 50) / 3000 });
    });
    let result = await runWith(h, sim);
    expect(check(result, 'service-user-login-rate').status).to.equal('warn');
    sim = await onlyLogins(({ b, service }) => {
      for (let i = 0; i < 10; i++) b.login(service, { minutesAgo: 5 + i });
      b.login(service, { minutesAgo: 2, status: 'Login rate exceeded' });
    });
    result = await runWith(h, sim);
    expect(check(result, 'service-user-login-rate').status).to.equal('fail');
  });

  it('service-user-permissions fails listing a missing confirmed permission; an expired assignment grants nothing', async () => {
    const sim = await orgs.acme();
    const servicePs = rows(sim, 'PermissionSet').find((p) => p.Name === 'Code42_Service_Account') as Record<string, unknown>;
    servicePs.PermissionsApiEnabled = false;
    let result = await runWith(h, sim);
    let c = check(result, 'service-user-permissions');
    expect(c.status).to.equal('fail');
    expect(c.message).to.include('API Enabled (ApiEnabled)');
    servicePs.PermissionsApiEnabled = true;
    const assignment = rows(sim, 'PermissionSetAssignment').find((a) => a.PermissionSetId === servicePs.Id) as Record<string, unknown>;
    assignment.ExpirationDate = '2000-01-01T00:00:00.000+0000';
    result = await runWith(h, sim);
    c = check(result, 'service-user-permissions');
    expect(c.status).to.equal('fail');
    expect(c.message).to.include('Customize Application');
  });

  it('a permission the org does not expose is unknown (never selected), not missing', async () => {
    // Not on PermissionSet's describe, as Salesforce answers a field the org does not have.
    const sim = await orgs.acme(({ b }) => (b.org.noAccess['PermissionSet.PermissionsManagePvtRptsAndDashbds'] = 'INVALID_FIELD'));
    const result = await runWith(h, sim);
    expect(check(result, 'service-user-permissions').status).to.equal('pass');
    expect(soqlReceived(sim).some((q) => /FROM PermissionSetAssignment WHERE AssigneeId IN/.test(q))).to.equal(true);
    expect(soqlReceived(sim).join('\n')).not.to.include('PermissionsManagePvtRptsAndDashbds');
    expect(result.serviceUsers[0].unknownPermissions).to.include('ManagePvtRptsAndDashbds');
  });

  it('report-export-holders fails when nobody holds Export Reports', async () => {
    const sim = await orgs.acme(({ b }) => {
      for (const ps of b.org.objects.PermissionSet) delete ps.PermissionsExportReport;
    });
    const result = await runWith(h, sim);
    expect(check(result, 'report-export-holders').status).to.equal('fail');
    expect(result.inScopeUsers).to.deep.equal([]);
  });

  it('active-sessions warns with the number of in-scope users logged in now', async () => {
    // Two sessions of Alice (a holder), one of the service user (not in scope).
    const sim = await orgs.acme(({ b, alice, service }) => {
      b.session(alice, { minutesAgo: 5 });
      b.session(alice, { minutesAgo: 50 });
      b.session(service, { minutesAgo: 3 });
    });
    const result = await runWith(h, sim);
    const c = check(result, 'active-sessions');
    expect(c.status).to.equal('warn');
    expect(c.message).to.match(/^1 in-scope user is logged in/);
    expect(c.remediation.join(' ')).to.include('Session Management');
  });

  it('api-limits warns under 10% and fails under 100 remaining', async () => {
    const sim = await orgs.acme();
    sim.org.limits = { DailyApiRequests: { Max: 15000, Remaining: 1000 } };
    let result = await runWith(h, sim);
    expect(check(result, 'api-limits').status).to.equal('warn');
    sim.org.limits = { DailyApiRequests: { Max: 15000, Remaining: 50 } };
    result = await runWith(h, sim);
    expect(check(result, 'api-limits').status).to.equal('fail');
  });
});
