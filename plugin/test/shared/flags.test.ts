/*
 * Flags both commands take are defined once: the same help, the same bounds, no drift.
 */
import { expect } from 'chai';
import AccessErrors from '../../src/commands/code42/access-errors.js';
import Preflight from '../../src/commands/code42/preflight.js';
import WatchStatus from '../../src/commands/code42/watch/status.js';

describe('shared flags', () => {
  it('--service-user has one help text in both commands, naming Ids as well as usernames', () => {
    expect(AccessErrors.flags['service-user']).to.equal(Preflight.flags['service-user']);
    expect(Preflight.flags['service-user'].summary).to.equal('Username or 15/18-character Id of the Code42 service account user.');
    expect(Preflight.flags['service-user'].description).to.contain('Code42_Service_Account permission set');
  });

  it('--scope offers the same three choices and --request-timeout the same bounds everywhere', () => {
    expect(AccessErrors.flags.scope.options).to.deep.equal(['all', 'users', 'groups']);
    expect(Preflight.flags.scope.options).to.deep.equal(['all', 'users', 'groups']);
    for (const command of [Preflight, AccessErrors, WatchStatus]) {
      const flag = command.flags['request-timeout'] as unknown as { default: number; min: number; max: number };
      expect([flag.default, flag.min, flag.max]).to.deep.equal([Preflight.flags['request-timeout'].default, 1, 3600]);
    }
  });
});
