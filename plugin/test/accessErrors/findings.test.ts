/*
 * access-errors' decisions, without reads or wording: which finding, which status, in which order.
 */
import { expect } from 'chai';
import { decideFindings, type AccessErrorsObservations } from '../../src/accessErrors/findings.js';
import { wordFinding } from '../../src/accessErrors/report.js';

const healthy: AccessErrorsObservations = {
  serviceUserGiven: false,
  serviceUserFound: true,
  unknownUsers: [],
  users: 1,
  logFiles: { ok: true, found: 2 },
  addOnEvidence: undefined,
  toRead: 2,
  notRead: 0,
  refusedForAccess: false,
};
const ids = (seen: Partial<AccessErrorsObservations>): string[] =>
  decideFindings({ ...healthy, ...seen }).map((f) => `${f.id}:${f.status}`);

describe('access-errors findings', () => {
  it('a run that read its files says nothing', () => {
    expect(ids({})).to.deep.equal([]);
  });

  it('no files comes first (info), before the warnings about users', () => {
    expect(ids({ logFiles: { ok: true, found: 0 }, serviceUserFound: false, unknownUsers: ['x@example.com'], users: 0 })).to.deep.equal([
      'noLogFiles:info',
      'noServiceUser:warn',
      'unknownUsers:warn',
      'noUsers:warn',
    ]);
  });

  it('--service-user given: no warning about the service-user look-up', () => {
    expect(ids({ serviceUserGiven: true, serviceUserFound: false })).to.deep.equal([]);
  });

  it('a refused EventLogFile query: the add-on evidence tells hidden from missing from unknown', () => {
    const refused = { ok: false as const, errorCode: 'INVALID_TYPE', message: "sObject type 'EventLogFile' is not supported." };
    expect(ids({ logFiles: refused, addOnEvidence: { field: 'PermissionsViewRealTimeEventMonitoringData' } })).to.deep.equal(['eventLogFilesHidden:fail']);
    expect(ids({ logFiles: refused, addOnEvidence: { field: null } })).to.deep.equal(['noAddOn:fail']);
    expect(ids({ logFiles: refused, addOnEvidence: undefined })).to.deep.equal(['noEventMonitoring:fail']);
    expect(ids({ logFiles: { ...refused, errorCode: 'INSUFFICIENT_ACCESS' } })).to.deep.equal(['noViewEventLogFiles:fail']);
    expect(ids({ logFiles: { ...refused, errorCode: 'REQUEST_LIMIT_EXCEEDED' } })).to.deep.equal(['logFilesUnreadable:fail']);
  });

  it('downloads that failed: all of them fail, some of them warn; a refused download names the permission once', () => {
    expect(ids({ notRead: 2 })).to.deep.equal(['logFilesNotRead:fail']);
    expect(ids({ notRead: 1 })).to.deep.equal(['logFilesNotRead:warn']);
    expect(ids({ refusedForAccess: true })).to.deep.equal(['noViewEventLogFiles:fail']);
  });

  it('worded: the message carries the values and the actions say what to do', () => {
    const [finding] = decideFindings({ ...healthy, notRead: 1 }).map(wordFinding);
    expect(finding.id).to.equal('logFilesNotRead');
    expect(finding.message).to.contain('1').and.contain('2');
    expect(finding.actions.length).to.be.greaterThan(0);
  });
});
