/*
 * sf code42 preflight when Salesforce refuses: one read refused (skip with the reason, never a
 * crash) and whole requests refused (the run stops with an error that carries an action).
 */
import { expect } from 'chai';
import { check, harness, runWith } from '../../helpers/run.js';
import { simulatedOrgs } from './acme.js';

describe('sf code42 preflight: objects, fields and permissions the org does not have', () => {
  const h = harness();
  const orgs = simulatedOrgs();

  it('INVALID_TYPE / INVALID_FIELD / INSUFFICIENT_ACCESS on one read become skip with the reason, never a crash', async () => {
    const sim = await orgs.acme(({ b }) => {
      b.org.noAccess.UserLogin = 'INSUFFICIENT_ACCESS';
      b.org.noAccess.AuthSession = 'INVALID_TYPE';
      b.org.noAccess['LoginHistory.Status'] = 'INVALID_FIELD';
    });
    const result = await runWith(h, sim);
    expect(check(result, 'service-user-not-frozen').status).to.equal('skip');
    expect(check(result, 'service-user-not-frozen').message).to.include('INSUFFICIENT_ACCESS');
    expect(check(result, 'active-sessions').status).to.equal('skip');
    expect(check(result, 'active-sessions').message).to.include('INVALID_TYPE');
    expect(check(result, 'service-user-login-rate').status).to.equal('skip');
    expect(check(result, 'service-user-login-rate').message).to.include('INVALID_FIELD');
  });

  it('permissions are skipped (not reported missing) when the assignments cannot be read', async () => {
    const sim = await orgs.acme();
    sim.setFaults([{ kind: 'api-error', errorCode: 'INVALID_FIELD', message: 'bad field', match: { object: 'PermissionSetAssignment', where: 'AssigneeId' } }]);
    const result = await runWith(h, sim);
    expect(sim.faultsFired()).to.deep.equal([1]);
    expect(check(result, 'service-user').status).to.equal('pass');
    expect(check(result, 'service-user-permissions').status).to.equal('skip');
  });

  it('holders unreadable -> report-export-holders skip and in-scope count unknown', async () => {
    const sim = await orgs.acme();
    sim.setFaults([{ kind: 'api-error', errorCode: 'INVALID_FIELD', message: 'x', match: { object: 'PermissionSetAssignment', where: 'PermissionSet.PermissionsExportReport' } }]);
    const result = await runWith(h, sim);
    expect(sim.faultsFired()).to.deep.equal([1]);
    expect(check(result, 'report-export-holders').status).to.equal('skip');
    expect(result.holdersTotal).to.equal(null);
  });
});

describe('sf code42 preflight: errors that stop the run', () => {
  const h = harness();
  const orgs = simulatedOrgs();
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
  const composite = { path: /\/composite$/ };

  it('INVALID_SESSION_ID -> log in again', async () => {
    const sim = await orgs.acme();
    sim.setFaults([{ kind: 'invalid-session', match: composite }]);
    await expectError(runWith(h, sim), /ApiFatalSession/, /sf org login/);
  });

  it('REQUEST_LIMIT_EXCEEDED -> wait or raise the limit', async () => {
    const sim = await orgs.acme();
    sim.setFaults([{ kind: 'request-limit', match: composite }]);
    await expectError(runWith(h, sim), /ApiFatalRequestLimit/, /System Overview/);
  });

  it('a request that never answers times out after --request-timeout seconds', async () => {
    // core's own org check answers; every Composite request of the preflight hangs forever
    const sim = await orgs.acme();
    sim.setFaults([{ kind: 'hang', match: composite }]);
    const started = Date.now();
    await expectError(runWith(h, sim, ['--request-timeout', '1']), /RequestTimeout/, /--request-timeout/);
    expect(Date.now() - started).to.be.below(5000);
  });

  it('HTTP 5xx -> server error with an action', async () => {
    const sim = await orgs.acme();
    sim.setFaults([{ kind: 'server-error', status: 503, match: composite }]);
    await expectError(runWith(h, sim), /ServerError/, /status\.salesforce\.com/);
  });

  it('a malformed Composite body -> malformed response error', async () => {
    const sim = await orgs.acme();
    sim.setFaults([{ kind: 'malformed', match: composite }]);
    await expectError(runWith(h, sim), /MalformedResponse/, /instance URL/);
  });
});
