/*
 * `sf code42 access-errors`, deciding: what the reading means, as findings. Pure: no reads, no
 * wording. Each decision is a finding id, a status and the values its text needs; report.ts words
 * it (message and actions, the public JSON shape `{ id, status, message, actions }`).
 *
 * Vocabulary, mapped to the checks' one: `status` info/warn/fail (a finding has no pass or skip:
 * nothing is reported when all is well), `message` is the check's reason, `actions` its remediation.
 */
import { SERVICE_PERMISSION_SET, SERVICE_PROFILE } from '@code42-companion/rules';

export type FindingStatus = 'info' | 'warn' | 'fail';

export type FindingDecision = { id: string; status: FindingStatus; tokens: string[] };

/** What the reading observed, as the decisions below need it. */
export type AccessErrorsObservations = {
  /** --service-user was given (so no service-user look-up by permission set or profile). */
  serviceUserGiven: boolean;
  /** A user was found through the Code42 permission set, the profile or --service-user. */
  serviceUserFound: boolean;
  /** --user / --service-user values that matched no user. */
  unknownUsers: string[];
  /** Users whose errors are counted. */
  users: number;
  /** The EventLogFile query: the files found, or Salesforce's refusal. */
  logFiles: { ok: true; found: number } | { ok: false; errorCode: string; message: string };
  /**
   * The View Real-Time Event Monitoring Data permission field in the PermissionSet describe:
   * present only with the Event Monitoring add-on, whatever the running user's own grants.
   * undefined: the describe could not be read, so nobody can tell.
   */
  addOnEvidence: { field: string | null } | undefined;
  /** Files chosen to read, and how many of them could not be downloaded after the retries. */
  toRead: number;
  notRead: number;
  /** A download was refused with INSUFFICIENT_ACCESS. */
  refusedForAccess: boolean;
};

const decide = (id: string, status: FindingStatus, tokens: string[] = []): FindingDecision => ({ id, status, tokens });

/**
 * A refused EventLogFile read. Salesforce answers INVALID_TYPE both in an org without the add-on
 * and to a user who may not see EventLogFile, so the add-on evidence tells the two apart: hidden
 * from you (name the permission), no add-on, or cannot tell.
 */
export function logFilesUnavailable(
  failure: { errorCode: string; message: string },
  evidence: { field: string | null } | undefined
): FindingDecision {
  if (failure.errorCode === 'INSUFFICIENT_ACCESS' || failure.errorCode === 'INSUFFICIENT_ACCESS_OR_READONLY') {
    return decide('noViewEventLogFiles', 'fail', [failure.message]);
  }
  if (failure.errorCode === 'INVALID_TYPE' || failure.errorCode === 'NOT_FOUND') {
    if (evidence?.field) return decide('eventLogFilesHidden', 'fail', [failure.errorCode, evidence.field]);
    if (evidence) return decide('noAddOn', 'fail', [failure.errorCode]);
    return decide('noEventMonitoring', 'fail', [failure.message]);
  }
  return decide('logFilesUnreadable', 'fail', [failure.errorCode, failure.message]);
}

/** The findings of one run, in the order the report lists them. */
export function decideFindings(seen: AccessErrorsObservations): FindingDecision[] {
  const findings: FindingDecision[] = [];
  // First of all findings: without files, nothing else the command says can be read as "no errors".
  if (seen.logFiles.ok && seen.logFiles.found === 0) findings.push(decide('noLogFiles', 'info'));
  if (!seen.serviceUserGiven && !seen.serviceUserFound) {
    findings.push(decide('noServiceUser', 'warn', [SERVICE_PERMISSION_SET, SERVICE_PROFILE]));
  }
  if (seen.unknownUsers.length) findings.push(decide('unknownUsers', 'warn', [seen.unknownUsers.join(', ')]));
  if (!seen.logFiles.ok) findings.push(logFilesUnavailable(seen.logFiles, seen.addOnEvidence));
  if (seen.users === 0) findings.push(decide('noUsers', 'warn'));
  if (seen.notRead > 0) {
    // None read: the counts say nothing (fail). Some read: the counts are a lower bound (warn).
    findings.push(decide('logFilesNotRead', seen.notRead === seen.toRead ? 'fail' : 'warn', [String(seen.notRead), String(seen.toRead)]));
  }
  if (seen.refusedForAccess && !findings.some((f) => f.id === 'noViewEventLogFiles')) {
    findings.push(decide('noViewEventLogFiles', 'fail', ['INSUFFICIENT_ACCESS']));
  }
  return findings;
}
