/*
 * What the health dashboard shows beside the checks, decided and worded by the rules: the
 * Insufficient Access count, the service user's flags and logins, and the org facts' lines. The
 * dashboard only maps each state to its look, so these are the sentences an admin reads there.
 */
import { expect } from 'chai';
import { describe, it } from 'node:test';
import {
  FACTS_VERSION,
  INSUFFICIENT_ACCESS_EVENT,
  REQUIRED_PERMISSIONS,
  apiRequestsSummary,
  holdersSummary,
  insufficientAccessSummary,
  orgSummary,
  servicePermissionRows,
  serviceUserFlags,
  serviceUserLogins,
  serviceUsersState,
  userLoginUnknownReason,
} from '../src/index.js';

const svc = (username, extra = {}) => ({ id: `005${username}`, username, ...extra });
const facts = (extra = {}) => ({ factsVersion: FACTS_VERSION, source: 'org', serviceUsers: [svc('svc@acme.example')], unavailable: {}, ...extra });
const COVERAGE = `${INSUFFICIENT_ACCESS_EVENT.disabledByDefault} ${INSUFFICIENT_ACCESS_EVENT.covers}`;

describe('insufficientAccessSummary', () => {
  it('counts the log files and names the service user whose access errors they may hold', () => {
    expect(insufficientAccessSummary(facts({ insufficientAccess: { logFilesLast7Days: 1234 } }))).to.deep.equal({
      state: 'files',
      files: 1234,
      text: '1,234 Insufficient Access event log files from the last 7 days may hold access errors of the service user svc@acme.example. The dashboard only counts the files; to see each error (user, object, record, requested access and why), run:',
      coverage: COVERAGE,
    });
  });

  it('says "file" for one and names several service users', () => {
    const r = insufficientAccessSummary(
      facts({ insufficientAccess: { logFilesLast7Days: 1 }, serviceUsers: [svc('a@x.com'), svc('b@x.com')] }),
    );
    expect(r.state).to.equal('files');
    expect(r.text).to.match(/^1 Insufficient Access event log file from the last 7 days may hold access errors of the service users a@x\.com, b@x\.com\./);
  });

  it('without log files, says that is no proof of no access errors and how to record them', () => {
    const r = insufficientAccessSummary(facts({ insufficientAccess: { logFilesLast7Days: 0 } }));
    expect(r).to.deep.equal({
      state: 'none',
      files: 0,
      text: `No Insufficient Access event log files in the last 7 days, which does not mean that the service user svc@acme.example had no access errors. ${INSUFFICIENT_ACCESS_EVENT.action}`,
      coverage: COVERAGE,
    });
  });

  it('speaks of the Code42 service user when none is known, and of no files when the count is missing', () => {
    const r = insufficientAccessSummary(facts({ insufficientAccess: {}, serviceUsers: null }));
    expect(r.state).to.equal('none');
    expect(r.files).to.equal(0);
    expect(r.text).to.include('does not mean that the Code42 service user had no access errors');
  });

  it('is unknown with the reason the count could not be read, and says nothing of coverage', () => {
    const reason = 'EventLogFile is not available in this org (Event Monitoring add-on).';
    expect(insufficientAccessSummary(facts({ insufficientAccess: null, unavailable: { insufficientAccess: reason } }))).to.deep.equal({
      state: 'unknown',
      files: null,
      text: reason,
      coverage: null,
    });
    expect(insufficientAccessSummary(facts()).text).to.equal('Not readable.');
  });
});

describe('serviceUserFlags', () => {
  it('words each flag and marks the value that stops Code42 as bad', () => {
    expect(serviceUserFlags({ isActive: true, isFrozen: false, isPasswordLocked: false })).to.deep.equal({
      active: { label: 'Active', state: 'good' },
      frozen: { label: 'Not frozen', state: 'good' },
      locked: { label: 'Not locked', state: 'good' },
    });
    expect(serviceUserFlags({ isActive: false, isFrozen: true, isPasswordLocked: true })).to.deep.equal({
      active: { label: 'Deactivated', state: 'bad' },
      frozen: { label: 'Frozen', state: 'bad' },
      locked: { label: 'Password-locked', state: 'bad' },
    });
  });

  it('says Unknown for a flag that could not be read (null or missing), never good or bad', () => {
    const flags = serviceUserFlags({ isActive: true, isFrozen: null });
    expect(flags.frozen).to.deep.equal({ label: 'Unknown', state: 'unknown' });
    expect(flags.locked).to.deep.equal({ label: 'Unknown', state: 'unknown' });
    expect(flags.active.state).to.equal('good');
  });

  it('gives the reason the frozen and locked state is unknown, and none when it is known', () => {
    const why = 'Frozen and locked state could not be read: Insufficient privileges.';
    expect(userLoginUnknownReason({ isFrozen: null }, facts({ unavailable: { userLogin: why } }))).to.equal(why);
    expect(userLoginUnknownReason({}, facts())).to.equal('Not readable (UserLogin needs Manage Users).');
    expect(userLoginUnknownReason({ isFrozen: false }, facts({ unavailable: { userLogin: why } }))).to.equal(null);
  });
});

describe('serviceUserLogins', () => {
  it('counts logins as a lower bound against the hourly limit, with the login-rate state', () => {
    expect(serviceUserLogins({ loginsLastHour: 12 }, facts())).to.deep.equal({ state: 'ok', text: 'At least 12 of 3,600', reason: null });
    expect(serviceUserLogins({ loginsLastHour: 3012 }, facts()).state).to.equal('near');
    expect(serviceUserLogins({ loginsLastHour: 3600, loginRateExceeded: true }, facts())).to.deep.include({
      state: 'exceeded',
      text: 'At least 3,600 of 3,600',
    });
  });

  it('is Unknown with the reason when Login History could not be read', () => {
    expect(serviceUserLogins({ loginsLastHour: null }, facts({ unavailable: { loginHistory: 'no access' } }))).to.deep.equal({
      state: 'unknown',
      text: 'Unknown',
      reason: 'no access',
    });
    expect(serviceUserLogins({}, facts()).reason).to.equal('Login History could not be read.');
  });
});

describe('servicePermissionRows', () => {
  it('says why a permission is unknown: unreadable assignments or not exposed by the org', () => {
    const names = REQUIRED_PERMISSIONS.map((p) => p.name);
    const unreadable = servicePermissionRows({ permissionGrants: null, unknownPermissions: names, grantsUnavailable: 'denied' });
    expect(unreadable.map((p) => [p.state, p.unknownReason])).to.deep.equal(names.map(() => ['unknown', 'denied']));
    const rows = servicePermissionRows({ permissionGrants: { ApiEnabled: [{ type: 'profile', name: 'P' }] }, unknownPermissions: [names[1]] });
    expect(rows[0]).to.deep.include({ name: 'ApiEnabled', state: 'granted', unknownReason: null });
    expect(rows[1]).to.deep.include({ state: 'unknown', unknownReason: 'Not exposed by this org' });
    expect(rows[2]).to.deep.include({ state: 'missing', unknownReason: null });
  });
});

describe('serviceUsersState', () => {
  it('tells unreadable, none, one and several apart', () => {
    expect(serviceUsersState(facts({ serviceUsers: null, unavailable: { serviceUsers: 'User: denied' } }))).to.deep.equal({
      state: 'unknown',
      reason: 'User: denied',
      text: null,
    });
    expect(serviceUsersState(facts({ serviceUsers: null })).reason).to.equal('The service account user could not be read.');
    expect(serviceUsersState(facts({ serviceUsers: [] })).state).to.equal('none');
    expect(serviceUsersState(facts()).state).to.equal('one');
    expect(serviceUsersState(facts({ serviceUsers: [svc('a'), svc('b')] }))).to.deep.equal({
      state: 'several',
      reason: null,
      text: '2 users look like the Code42 service account. Code42 uses the one that authorized the connection: keep only that one assigned.',
    });
  });
});

describe('org facts lines', () => {
  it('words the org, or why it could not be read', () => {
    expect(orgSummary(facts({ org: { name: 'Acme', edition: 'Enterprise Edition', isSandbox: true } }))).to.equal('Acme · Enterprise Edition · Sandbox');
    expect(orgSummary(facts({ org: { name: 'Acme', edition: 'Developer Edition', isSandbox: false } }))).to.equal('Acme · Developer Edition');
    expect(orgSummary(facts({ org: null }))).to.equal('The org could not be read.');
    expect(orgSummary(facts({ org: null, unavailable: { org: 'Organization: denied' } }))).to.equal('Organization: denied');
  });

  it('counts the Export Reports holders, saying when muted users may be included', () => {
    expect(holdersSummary(facts({ holders: { totalCount: 61250 } }))).to.deep.equal({ known: true, text: '61,250' });
    expect(holdersSummary(facts({ holders: { totalCount: 5 }, unavailable: { holdersMuting: 'muting unreadable' } })).text).to.equal(
      '5 (muting unreadable)',
    );
    expect(holdersSummary(facts({ holders: null }))).to.deep.equal({ known: false, text: 'Export Reports holders could not be counted.' });
  });

  it('words the daily API requests left, or why they could not be read', () => {
    expect(apiRequestsSummary(facts({ limits: { dailyApiRequests: { max: 1000000, remaining: 912345 } } }))).to.equal(
      '912,345 of 1,000,000 remain today',
    );
    expect(apiRequestsSummary(facts({ limits: {} }))).to.equal('Not readable.');
    expect(apiRequestsSummary(facts({ limits: null, unavailable: { limits: 'Limits: denied' } }))).to.equal('Limits: denied');
  });
});
