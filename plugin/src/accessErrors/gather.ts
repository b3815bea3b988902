/**
 * `sf code42 access-errors`, reading: find the InsufficientAccess event log files of the window,
 * read each once (never a day twice), and count the errors of the users asked for. What it
 * observed goes to findings.ts to be decided; report.ts words it.
 *
 * API calls: one Composite request for the EventLogFile query and the user look-ups together,
 * then one GET per log file read (hourly files of days that have a daily file are not read).
 * --in-scope adds the preflight's own in-scope reads.
 */
import { Messages, SfError } from '@salesforce/core';
import type { ReadOutcome, ReadRequest } from '../salesforce/composite.js';
import type { SfRecord } from '../salesforce/records.js';
import { serviceUserAssignmentsSoql, userLookupSoql } from '../salesforce/soql.js';
import { idMatchKeyIfId, looksLikeId } from '../salesforce/ids.js';
import { REQUIRED_PERMISSIONS, VRTEM_PERMISSION, toId18 } from '@code42-companion/rules';
import { permissionFields } from '../facts/permissions.js';
import { AccessErrorAggregator, type AccessErrorGroup, type WatchedUser } from './aggregate.js';
import { LogFileDownloadError, type LogFileOpener } from './logFiles/download.js';
import { parseLogFileStream, type Damage } from './logFiles/parse.js';
import { intervalOf, logDateMs, selectLogFiles, type LogFileRecord } from './logFiles/select.js';
import { soqlDateTime, startOfDay, type TimeWindow } from './window.js';
import type { AccessErrorsObservations } from './findings.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.access-errors');

const DEFAULT_CONCURRENCY = 3;

/**
 * Errors of one download that leave the other files readable: a timeout, a server error that
 * persisted through the client's retries, a broken connection, an answer that is not a file.
 * Anything else (the session, the daily API limit, an untrusted certificate) stops the run.
 */
const PER_FILE_ERRORS = new Set([
  'RequestTimeoutError',
  'DownloadTimeoutError',
  'ServerError',
  'ServerErrorPersistentError',
  'RetryAfterTooLongError',
  'NetworkError',
  'MalformedResponseError',
]);

/**
 * What went wrong with one log file, as read (no wording: report.ts words it). `detail` is what
 * the parser or the download said; a refused download also has Salesforce's error code.
 */
export type LogFileTrouble = {
  logFileId: string;
  logDate: string;
  interval: 'Daily' | 'Hourly';
  /** Complete rows read from this file before the damage; they are counted. */
  rowsCounted: number;
} & ({ kind: Damage['kind']; detail: string } | { kind: 'refused'; errorCode: string; detail: string } | { kind: 'notRead'; detail: string });

export type AccessErrorsReading = {
  window: { start: string; end: string };
  users: Array<{ id: string; username: string | null; name: string | null; reasons: string[] }>;
  logFiles: {
    found: number;
    read: number;
    /** Hourly files not read because the daily file of the same day holds the same events. */
    skippedCoveredByDaily: number;
    rowsRead: number;
    bytesRead: number;
  };
  groups: AccessErrorGroup[];
  totals: { events: number; usersWithErrors: number; byAccessError: Record<string, number> };
  /** The log files that could not be read, or not to the end (worded by report.ts). */
  problems: LogFileTrouble[];
  /** What findings.ts decides from; not part of the JSON result. */
  observations: AccessErrorsObservations;
};

export type UserRequest = {
  /** --user values: usernames (or 15/18-character Ids). */
  users: string[];
  /** --service-user: replaces the automatic service-user look-up. */
  serviceUser?: string;
};

export type AccessErrorsDeps = {
  /** SalesforceClient.readAll: reads batched into Composite requests. */
  readAll: (reads: ReadRequest[]) => Promise<Map<string, ReadOutcome>>;
  openLogFile: LogFileOpener;
  /** Everyone in scope (the preflight's list), only called for --in-scope. */
  inScopeUsers?: () => Promise<Array<{ id: string; username?: string | null; name?: string | null }>>;
  onProgress?: (done: number, total: number) => void;
  concurrency?: number;
};

const userQuery = (values: string[]): string => userLookupSoql('Id, Username, Name', values);

export function logFileQuery(window: TimeWindow, withInterval = true): string {
  const fields = withInterval ? 'Id, LogDate, Interval, Sequence, LogFileLength' : 'Id, LogDate, LogFileLength';
  // Daily files carry the day's midnight as LogDate: start at the first day's midnight; rows
  // outside the exact window are dropped while reading.
  return (
    `SELECT ${fields} FROM EventLogFile WHERE EventType = 'InsufficientAccess'` +
    ` AND LogDate >= ${soqlDateTime(startOfDay(window.start))} AND LogDate <= ${soqlDateTime(window.end)} ORDER BY LogDate`
  );
}

/**
 * The View Real-Time Event Monitoring Data permission field in the PermissionSet describe (found by
 * its label): present only in orgs with the Event Monitoring / Shield add-on, whatever the running
 * user's own grants. undefined: the describe could not be read, so nobody can tell.
 */
function addOnEvidence(describe: ReadOutcome | undefined): { field: string | null } | undefined {
  const fields = permissionFields(describe, REQUIRED_PERMISSIONS as Array<{ name: string; label: string; confidence: string; findByLabel?: boolean }>);
  if (!fields) return undefined;
  return { field: fields.get((VRTEM_PERMISSION as { name: string }).name) ?? null };
}

type Resolved = { users: Map<string, WatchedUser>; unknown: string[] };

function addUser(into: Map<string, WatchedUser>, row: { id: string; username?: string | null; name?: string | null }, reason: string): void {
  const key = idMatchKeyIfId(row.id);
  if (!key) return;
  const existing = into.get(key);
  if (existing) {
    if (!existing.reasons.includes(reason)) existing.reasons.push(reason);
    return;
  }
  into.set(key, { id: row.id, username: row.username ?? undefined, name: row.name ?? undefined, reasons: [reason] });
}

function fromLookup(outcome: ReadOutcome | undefined, asked: string[], reason: string, into: Resolved): void {
  if (!outcome) return;
  if (!outcome.ok) throw messages.createError('error.UserLookup', [outcome.errorCode, outcome.message]);
  const rows = outcome.records ?? [];
  for (const r of rows) addUser(into.users, { id: String(r.Id), username: r.Username as string, name: r.Name as string }, reason);
  for (const value of asked) {
    const found = rows.some((r: SfRecord) =>
      looksLikeId(value, '005') ? idMatchKeyIfId(String(r.Id)) === idMatchKeyIfId(value) : String(r.Username).toLowerCase() === value.toLowerCase()
    );
    if (!found) into.unknown.push(value);
  }
}

async function runPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      // eslint-disable-next-line no-await-in-loop
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

export async function gatherAccessErrors(
  deps: AccessErrorsDeps,
  options: { window: TimeWindow; request: UserRequest; inScope: boolean }
): Promise<AccessErrorsReading> {
  const { window, request } = options;
  const problems: LogFileTrouble[] = [];

  // 1. One Composite request: the log files and every user look-up.
  // The PermissionSet describe rides along (same Composite call): it tells "no add-on" from
  // "EventLogFile is hidden from you" when the log file query is refused.
  const reads: ReadRequest[] = [
    { id: 'logFiles', soql: logFileQuery(window) },
    { id: 'describePermissionSet', path: '/sobjects/PermissionSet/describe' },
  ];
  if (request.users.length) reads.push({ id: 'users', soql: userQuery(request.users) });
  if (request.serviceUser) {
    reads.push({ id: 'serviceUser', soql: userQuery([request.serviceUser]) });
  } else {
    // The same query as `sf code42 preflight`: our permission set, or our profile.
    reads.push({ id: 'serviceUsers', soql: serviceUserAssignmentsSoql() });
  }
  const outcomes = await deps.readAll(reads);

  const resolved: Resolved = { users: new Map(), unknown: [] };
  fromLookup(outcomes.get('users'), request.users, 'requested', resolved);
  fromLookup(outcomes.get('serviceUser'), request.serviceUser ? [request.serviceUser] : [], 'service user', resolved);
  const serviceOutcome = outcomes.get('serviceUsers');
  if (serviceOutcome?.ok) {
    for (const r of serviceOutcome.records ?? []) {
      const assignee = (r.Assignee ?? {}) as SfRecord;
      addUser(resolved.users, { id: String(r.AssigneeId), username: assignee.Username as string, name: assignee.Name as string }, 'service user');
    }
  }
  const serviceUserFound = [...resolved.users.values()].some((u) => u.reasons.includes('service user'));
  if (options.inScope && deps.inScopeUsers) {
    for (const u of await deps.inScopeUsers()) addUser(resolved.users, u, 'in scope');
  }
  const users = [...resolved.users.values()];

  // 2. The log files (again without Interval/Sequence for API versions that lack them).
  let fileOutcome = outcomes.get('logFiles');
  if (fileOutcome && !fileOutcome.ok && fileOutcome.errorCode === 'INVALID_FIELD') {
    fileOutcome = (await deps.readAll([{ id: 'logFiles', soql: logFileQuery(window, false) }])).get('logFiles');
  }
  let records: LogFileRecord[] = [];
  let logFilesSeen: AccessErrorsObservations['logFiles'];
  if (!fileOutcome || !fileOutcome.ok) {
    const failure = fileOutcome && !fileOutcome.ok ? fileOutcome : { errorCode: 'UNKNOWN', message: '' };
    logFilesSeen = { ok: false, errorCode: failure.errorCode, message: failure.message };
  } else {
    records = (fileOutcome.records ?? []) as LogFileRecord[];
    logFilesSeen = { ok: true, found: records.length };
  }

  // 3. Read each chosen file once, as a stream, a few at a time.
  const { selected, skipped } = selectLogFiles(records);
  const toRead = users.length ? selected : [];
  const aggregator = new AccessErrorAggregator(users, window);
  let rowsRead = 0;
  let bytesRead = 0;
  let done = 0;
  let refusedForAccess = false;
  let notRead = 0;
  await runPool(toRead, deps.concurrency ?? DEFAULT_CONCURRENCY, async (record) => {
    const base = { logFileId: record.Id, logDate: record.LogDate, interval: intervalOf(record) };
    try {
      const stream = await deps.openLogFile(record);
      const outcome = await parseLogFileStream(stream, {
        expectedLength: record.LogFileLength,
        onRow: (row) => aggregator.add(row),
      });
      rowsRead += outcome.rows;
      bytesRead += outcome.bytes;
      if (outcome.damage) problems.push({ ...base, rowsCounted: outcome.rows, kind: outcome.damage.kind, detail: outcome.damage.detail });
    } catch (error) {
      // Session and API limit errors (SfError from the client) stop the run with their action.
      // A download that failed after the client's retries (timeout, server error, broken
      // connection) is reported as not read, and the files already read still count.
      if (error instanceof SfError) {
        if (!PER_FILE_ERRORS.has(error.name)) throw error;
        notRead++;
        problems.push({ ...base, rowsCounted: 0, kind: 'notRead', detail: error.message });
        return;
      }
      const e = error instanceof LogFileDownloadError ? error : new LogFileDownloadError('UNKNOWN', String(error), 0);
      if (e.errorCode === 'INSUFFICIENT_ACCESS') refusedForAccess = true;
      problems.push({ ...base, rowsCounted: 0, kind: 'refused', errorCode: e.errorCode, detail: e.message });
    } finally {
      deps.onProgress?.(++done, toRead.length);
    }
  });
  problems.sort((a, b) => logDateMs(a.logDate) - logDateMs(b.logDate));

  const groups = aggregator.result();
  const byAccessError: Record<string, number> = {};
  for (const g of groups) byAccessError[g.accessError] = (byAccessError[g.accessError] ?? 0) + g.count;
  return {
    window: { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() },
    users: users.map((u) => ({ id: toId18(u.id) as string, username: u.username ?? null, name: u.name ?? null, reasons: u.reasons })),
    logFiles: { found: records.length, read: toRead.length, skippedCoveredByDaily: skipped.length, rowsRead, bytesRead },
    groups,
    totals: { events: aggregator.counted, usersWithErrors: new Set(groups.map((g) => g.userId)).size, byAccessError },
    problems,
    observations: {
      serviceUserGiven: Boolean(request.serviceUser),
      serviceUserFound,
      unknownUsers: resolved.unknown,
      users: users.length,
      logFiles: logFilesSeen,
      addOnEvidence: logFilesSeen.ok ? undefined : addOnEvidence(outcomes.get('describePermissionSet')),
      toRead: toRead.length,
      notRead,
      refusedForAccess,
    },
  };
}
