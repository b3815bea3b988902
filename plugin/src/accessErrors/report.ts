/**
 * `sf code42 access-errors`, wording: the findings' and explanations' texts of the JSON result,
 * the human output and the CSV file (the command only prints them).
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Messages } from '@salesforce/core';
import { stringify } from 'csv-stringify';
import { formatCount } from '@code42-companion/rules';
import type { AccessErrorGroup } from './aggregate.js';
import type { AccessErrorsReading, LogFileTrouble } from './gather.js';
import type { FindingDecision } from './findings.js';
import { SAFE_CSV_OPTIONS } from '../shared/csvOutput.js';
import { outputWriteError } from '../shared/outputTarget.js';
import { boundCell, boundRow } from '../shared/tableCells.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.access-errors');

// A finding as the JSON result carries it (public contract: schemas/code42-access__errors.json;
// spelled out, not through FindingStatus, so the generated schema stays as it was).
export type Finding = { id: string; status: 'info' | 'warn' | 'fail'; message: string; actions: string[] };

/** The AccessError values Salesforce logs (Object Reference: InsufficientAccessEventLog). */
const ACCESS_ERROR_VALUES = ['DATA_NOT_AVAILABLE', 'INVALID_TYPE', 'NO_ACCESS'] as const;

// A log file that could not be read, or not to the end, as the JSON result carries it (public
// contract; a line comment, not JSDoc, so the generated schema stays as it was).
export type LogFileProblem = {
  logFileId: string;
  logDate: string;
  interval: 'Daily' | 'Hourly';
  kind: LogFileTrouble['kind'];
  message: string;
  /** Complete rows read from this file before the damage; they are counted. */
  rowsCounted: number;
};

/** The JSON result's report: what was read, the findings decided from it, in words. */
export type AccessErrorsReport = Omit<AccessErrorsReading, 'observations' | 'problems'> & {
  problems: LogFileProblem[];
  findings: Finding[];
  explanations: { accessErrors: Record<string, string>; userIdVersusActualLoggedInUserId: string; coverage: string };
};

export type AccessErrorsResult = AccessErrorsReport & {
  /** API calls this run spent: Composite requests, pages and one per log file downloaded. */
  apiCalls: number;
  apiVersion: string;
  outputFile?: string;
};

/** A decision in words: its message (the reason) and actions (the remediation). */
export function wordFinding(decision: FindingDecision): Finding {
  const { id, status, tokens } = decision;
  return { id, status, message: messages.getMessage(`finding.${id}`, tokens), actions: messages.getMessages(`finding.${id}.actions`, tokens) };
}

/** A log file's trouble in words: what happened and what of it is counted. */
export function wordProblem(trouble: LogFileTrouble): LogFileProblem {
  const { logFileId, logDate, interval, kind, rowsCounted } = trouble;
  let message: string;
  if (trouble.kind === 'refused') message = messages.getMessage('problem.refused', [trouble.errorCode, trouble.detail]);
  else if (trouble.kind === 'notRead' || trouble.kind === 'notALogFile') message = messages.getMessage(`problem.${trouble.kind}`, [trouble.detail]);
  else message = messages.getMessage(`problem.${trouble.kind}`, [trouble.detail, String(rowsCounted)]);
  return { logFileId, logDate, interval, kind, message, rowsCounted };
}

/** The reading, decided and in words: what the JSON result carries besides the run's own numbers. */
export function wordReport(reading: Omit<AccessErrorsReading, 'observations'>, decisions: FindingDecision[]): AccessErrorsReport {
  return { ...reading, problems: reading.problems.map(wordProblem), findings: decisions.map(wordFinding), explanations: explanations() };
}

export function explanations(): AccessErrorsReport['explanations'] {
  return {
    accessErrors: Object.fromEntries(ACCESS_ERROR_VALUES.map((v) => [v, messages.getMessage(`explain.${v}`)])),
    userIdVersusActualLoggedInUserId: messages.getMessage('explain.userIds'),
    // What Salesforce logs at all: "0 errors" is not "no access problems".
    coverage: messages.getMessage('explain.coverage'),
  };
}

export type TableRow = {
  error: string;
  object: string;
  access: string;
  count: string;
  first: string;
  last: string;
  records: string;
  startedByOthers: string;
};

export type UserTable = { title: string; rows: TableRow[] };

/** The columns of each user's table, in order, with their headings from the messages. */
export function tableColumns(): Array<{ key: keyof TableRow; name: string }> {
  const keys: Array<keyof TableRow> = ['error', 'object', 'access', 'count', 'first', 'last', 'records', 'startedByOthers'];
  return keys.map((key) => ({ key, name: messages.getMessage(`table.${key}`) }));
}

const shortTime = (iso: string): string => iso.replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, 'Z');
const count = (n: number): string => formatCount(n) as string;

export function headerLine(result: AccessErrorsResult): string {
  const names = result.users.map((u) => u.username ?? u.id);
  const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  return messages.getMessage('output.header', [
    shortTime(result.window.start),
    shortTime(result.window.end),
    `${count(result.users.length)} ${result.users.length === 1 ? 'user' : 'users'}${shown ? ` (${shown})` : ''}`,
  ]);
}

/** One table per user who hit errors. */
export function userTables(result: AccessErrorsResult): UserTable[] {
  const byUser = new Map<string, AccessErrorGroup[]>();
  for (const g of result.groups) {
    const list = byUser.get(g.userId) ?? [];
    list.push(g);
    byUser.set(g.userId, list);
  }
  const usersById = new Map(result.users.map((u) => [u.id, u]));
  return [...byUser.values()].map((groups) => {
    const user = usersById.get(groups[0].userId);
    const label = `${groups[0].username ?? groups[0].userId}${user?.reasons.length ? ` [${user.reasons.join(', ')}]` : ''}`;
    const total = groups.reduce((n, g) => n + g.count, 0);
    return {
      title: boundCell(messages.getMessage('output.userTable', [label, count(total)])),
      rows: groups.map((g) => boundRow({
        error: g.accessError,
        object: g.entityType,
        access: g.requestedAccessLevel,
        count: count(g.count),
        first: shortTime(g.firstTime),
        last: shortTime(g.lastTime),
        // Three examples keep the table readable; JSON and the CSV have up to five.
        records: g.exampleRecordIds.slice(0, 3).join(' ') + (g.exampleRecordIds.length > 3 ? ' …' : ''),
        startedByOthers: g.initiatedByOthers ? count(g.initiatedByOthers) : '',
      })),
    };
  });
}

export function footerLines(result: AccessErrorsResult): string[] {
  const lines: string[] = [];
  // No log files: say that first, with its action, before any total that could read as "no errors".
  const noFiles = result.findings.find((x) => x.id === 'noLogFiles');
  if (noFiles) {
    lines.push(`${noFiles.status.toUpperCase()} ${noFiles.message}`);
    for (const action of noFiles.actions) lines.push(`  - ${action}`);
    lines.push('');
  } else if (result.groups.length === 0) lines.push(messages.getMessage('output.noErrors'));
  const f = result.logFiles;
  lines.push(
    messages.getMessage('output.totals', [
      count(result.totals.events),
      count(result.totals.usersWithErrors),
      count(result.users.length),
      count(f.found),
      count(f.read),
      count(f.skippedCoveredByDaily),
      count(f.rowsRead),
    ])
  );
  if (result.problems.length) {
    lines.push('', messages.getMessage('output.problems'));
    for (const p of result.problems) lines.push(`  ${p.logFileId} (${p.interval}, ${p.logDate}): ${p.message}`);
  }
  const otherFindings = result.findings.filter((x) => x !== noFiles);
  if (otherFindings.length) {
    lines.push('', messages.getMessage('output.findings'));
    for (const finding of otherFindings) {
      lines.push(`  ${finding.status.toUpperCase()} ${finding.message}`);
      for (const action of finding.actions) lines.push(`    - ${action}`);
    }
  }
  lines.push('', messages.getMessage('output.explanations'));
  const seen = new Set(result.groups.map((g) => g.accessError));
  for (const [value, text] of Object.entries(result.explanations.accessErrors)) {
    lines.push(`  ${seen.size === 0 || seen.has(value) ? '*' : ' '} ${text}`);
  }
  lines.push(`    ${result.explanations.userIdVersusActualLoggedInUserId}`);
  if (!noFiles) lines.push(`    ${result.explanations.coverage}`);
  lines.push('', messages.getMessage('output.apiCalls', [count(result.apiCalls)]));
  return lines;
}

export const CSV_COLUMNS = [
  'UserId',
  'Username',
  'AccessError',
  'EntityType',
  'RequestedAccessLevel',
  'Count',
  'FirstTime',
  'LastTime',
  'ExampleRecordIds',
  'StartedByOthers',
] as const;

/** The groups as CSV, one row per user / error / object / access level; formula-like cells neutralized. */
export async function writeAccessErrorsCsv(file: string, groups: AccessErrorGroup[]): Promise<void> {
  const rows = groups.map((g) => [
    g.userId,
    g.username ?? '',
    g.accessError,
    g.entityType,
    g.requestedAccessLevel,
    g.count,
    g.firstTime,
    g.lastTime,
    g.exampleRecordIds.join(' '),
    g.initiatedByOthers,
  ]);
  try {
    await pipeline(Readable.from(rows), stringify({ ...SAFE_CSV_OPTIONS, header: true, columns: [...CSV_COLUMNS] }), createWriteStream(file));
  } catch (error) {
    throw outputWriteError(file, error);
  }
}
