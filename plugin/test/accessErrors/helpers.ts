import { Readable } from 'node:stream';

export const COLUMNS = [
  'EVENT_TYPE',
  'TIMESTAMP',
  'REQUEST_ID',
  'ORGANIZATION_ID',
  'USER_ID',
  'ACTUAL_LOGGED_IN_USER_ID',
  'ACCESS_ERROR',
  'ENTITY_TYPE',
  'RECORD_ID',
  'REQUESTED_ACCESS_LEVEL',
  'ERROR_DESCRIPTION',
  'ERROR_TIMESTAMP',
  'TIMESTAMP_DERIVED',
  'USER_ID_DERIVED',
];

export type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

// Valid Ids (suffix computed as Salesforce does).
export const ORG_15 = '00D5g000000AbCd';
export const SERVICE_18 = '0055g000004XyZqAAK';
export const ANA_18 = '0055g000004AnaBAAS';
export const RAJ_18 = '0055g000004RajCAAS';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
export function logTs(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** One event row with sensible defaults. */
export function row(user18: string, iso: string, extra: Row = {}): Row {
  const ms = Date.parse(iso);
  return {
    EVENT_TYPE: 'InsufficientAccess',
    TIMESTAMP: logTs(ms),
    REQUEST_ID: '3nWgxWbDKWWDIk0FKfF5DV',
    ORGANIZATION_ID: ORG_15,
    USER_ID: user18.slice(0, 15),
    ACTUAL_LOGGED_IN_USER_ID: user18.slice(0, 15),
    ACCESS_ERROR: 'NO_ACCESS',
    ENTITY_TYPE: 'Account',
    RECORD_ID: '001XXXXXXXXXXXX',
    REQUESTED_ACCESS_LEVEL: 'READ',
    ERROR_DESCRIPTION: `User ${user18.slice(0, 15)} doesn't have read access for the record 001XXXXXXXXXXXX.`,
    ERROR_TIMESTAMP: logTs(ms),
    TIMESTAMP_DERIVED: new Date(ms).toISOString(),
    USER_ID_DERIVED: user18,
    ...extra,
  };
}

const q = (v: string | undefined): string => `"${(v ?? '').replace(/"/g, '""')}"`;

export function csvLine(r: Row, columns = COLUMNS): string {
  return columns.map((c) => q(r[c])).join(',');
}

/** A whole log file in Salesforce's format. */
export function logFile(rows: Row[], columns = COLUMNS): string {
  return [columns.map((c) => q(c)).join(','), ...rows.map((r) => csvLine(r, columns))].join('\n') + '\n';
}

/**
 * A log file of `count` rows produced lazily, a chunk of rows at a time: the text never
 * exists whole. `produced()` says how many rows the consumer has pulled so far.
 */
export function lazyLogFile(count: number, makeRow: (i: number) => Row): { stream: Readable; produced: () => number; bytes: () => number } {
  let produced = 0;
  let bytes = 0;
  function* chunks(): Generator<Buffer> {
    const header = Buffer.from(COLUMNS.map((c) => q(c)).join(',') + '\n');
    bytes += header.length;
    yield header;
    for (let i = 0; i < count; i += 100) {
      const lines: string[] = [];
      for (let j = i; j < Math.min(count, i + 100); j++) lines.push(csvLine(makeRow(j)) + '\n');
      produced = Math.min(count, i + 100);
      const buf = Buffer.from(lines.join(''));
      bytes += buf.length;
      yield buf;
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false, highWaterMark: 16 * 1024 }), produced: () => produced, bytes: () => bytes };
}
