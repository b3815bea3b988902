/*
 * Reads a Code42 scoping CSV (users or public groups). Code42's exact headers are unknown, so
 * a header row naming the column is accepted, or a single unnamed column. Handles a BOM (UTF-8,
 * or UTF-16 which is decoded), CRLF, quoted fields, `;` / `,` / tab delimiters, Excel's `sep=`
 * first line, blank lines. Text that is not UTF-8 (Excel's "CSV (Comma delimited)" on Windows
 * writes Windows-1252) is refused, not guessed. Values longer than Salesforce allows are refused.
 * Errors name the file, the row and the fix, with exit code 2. Which file to read, from the
 * scoping flags, is shared/scopeFlags.ts.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Messages } from '@salesforce/core';
import { USAGE_EXIT_CODE } from '../shared/exitCodes.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');

export type ScopeKind = 'users' | 'groups';
/** One value from the CSV; `row` is its line number in the file (1-based). */
export type ScopeEntry = { row: number; value: string };
/** A row naming the same user or group as an earlier row (Code42 still counts it toward its limit). */
export type DuplicateEntry = ScopeEntry & { firstRow: number };
export type ScopeFile = {
  file: string;
  entries: ScopeEntry[];
  /** The header of the column read (none for a single unnamed column). */
  column?: string;
  /** Other accepted headers present in the file and not read (for example Email when Username is read). */
  unusedColumns?: string[];
  duplicates?: DuplicateEntry[];
};

/** Header names accepted for each kind, in order of preference. Compared without case, spaces, _ or -. */
export const SCOPE_HEADERS: Record<ScopeKind, string[]> = {
  users: ['username', 'email', 'emailaddress', 'id', 'userid', 'user', 'login', 'federationidentifier'],
  groups: ['developername', 'apiname', 'name', 'groupname', 'id', 'groupid', 'group', 'label'],
};

/**
 * The longest value Salesforce can store for what a row names (Salesforce Field Reference, "Name"
 * and "Group" objects): User.Username and User.Email are 80 characters, Ids 18; Group.Name is 40
 * and Group.DeveloperName 80. User.FederationIdentifier is 512.
 */
export const MAX_VALUE_LENGTH: Record<ScopeKind, number> = { users: 80, groups: 80 };
const FEDERATION_ID_MAX = 512;

/** What one row holds, in the singular, for the messages ("one user per row"). */
const ROW_NOUN: Record<ScopeKind, string> = { users: 'user (username, email or Id)', groups: 'public group (Name, DeveloperName or Id)' };

const normalizeHeader = (cell: string): string => cell.toLowerCase().replace(/[\s_\-.]/g, '');

/** True when the bytes do not look like text (NUL bytes, or many control characters). */
function looksBinary(sample: Buffer | string): boolean {
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = typeof sample === 'string' ? sample.charCodeAt(i) : sample[i];
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}

const shorten = (value: string, max = 60): string => (value.length > max ? `${value.slice(0, max)}…` : value);

/**
 * The file's text. UTF-8 (with or without BOM) is read as is; UTF-16 with a BOM is decoded;
 * anything else that is not valid UTF-8 is refused with the row, how Windows-1252 would read
 * it, and how to save the file as CSV UTF-8.
 */
function decodeText(buffer: Buffer, kind: ScopeKind, name: string): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  if (looksBinary(buffer.subarray(0, 8192))) {
    throw messages.createError('error.CsvNotText', [name], [ROW_NOUN[kind]], USAGE_EXIT_CODE);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    // Find the first line that is not UTF-8, to name it.
    const strict = new TextDecoder('utf-8', { fatal: true });
    let start = 0;
    for (let line = 1; start <= buffer.length; line++) {
      let end = buffer.indexOf(0x0a, start);
      if (end < 0) end = buffer.length;
      const bytes = buffer.subarray(start, end);
      try {
        strict.decode(bytes);
      } catch {
        const asCp1252 = new TextDecoder('windows-1252').decode(bytes).replace(/\r$/, '');
        throw messages.createError('error.CsvNotUtf8', [name, String(line), shorten(asCp1252)], [ROW_NOUN[kind]], USAGE_EXIT_CODE);
      }
      start = end + 1;
    }
    throw messages.createError('error.CsvNotUtf8', [name, '?', ''], [ROW_NOUN[kind]], USAGE_EXIT_CODE);
  }
}

/** Excel's `sep=;` first line names the delimiter (and is not a row of data). */
const SEP_LINE = /^"?sep=(.)"?\s*$/i;

/** Pick `;` when the first line has more semicolons than commas outside quotes. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim().length > 0) ?? '';
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === ',') commas++;
    else if (!inQuotes && ch === ';') semicolons++;
    else if (!inQuotes && ch === '\t') tabs++;
  }
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

/** A key that makes two rows the same entry: Ids exactly (15-character Ids are case-sensitive), names without case. */
const duplicateKey = (value: string): string => (/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value) ? value.slice(0, 15) : value.toLowerCase());

/** Parse CSV text already read from `file`. */
export function parseScopeCsv(content: Buffer | string, kind: ScopeKind, file: string): ScopeFile {
  const name = basename(file);
  const text = (typeof content === 'string' ? content : decodeText(content, kind, name)).replace(/^\uFEFF/, '');
  if (typeof content === 'string' && looksBinary(text.slice(0, 8192))) {
    throw messages.createError('error.CsvNotText', [name], [ROW_NOUN[kind]], USAGE_EXIT_CODE);
  }
  if (text.trim().length === 0) {
    return { file: name, entries: [] };
  }
  const firstLineEnd = text.search(/\r?\n|$/);
  const sepLine = SEP_LINE.exec(text.slice(0, firstLineEnd));
  let delimiter: string;
  let fromLine = 1;
  if (sepLine) {
    delimiter = sepLine[1];
    fromLine = 2;
  } else {
    delimiter = detectDelimiter(text);
  }
  if (sepLine && text.slice(firstLineEnd).trim().length === 0) return { file: name, entries: [] };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      fromLine,
      relaxColumnCount: true,
      skipEmptyLines: true,
      trim: true,
      info: true,
    }) as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw messages.createError(
      'error.CsvParse',
      [name, String(e.lines ?? '?'), shorten(e.message ?? String(error), 200)],
      [ROW_NOUN[kind]],
      USAGE_EXIT_CODE
    );
  }
  const rows = records
    .map(({ record, info }) => ({ cells: record, row: info.lines }))
    .filter((r) => r.cells.some((c) => c.length > 0));
  if (rows.length === 0) return { file: name, entries: [] };

  const header = rows[0].cells.map(normalizeHeader);
  const accepted = SCOPE_HEADERS[kind];
  const wanted = accepted.find((h) => header.includes(h));
  let column = 0;
  let dataRows = rows;
  let columnName: string | undefined;
  let unusedColumns: string[] = [];
  if (wanted) {
    column = header.indexOf(wanted);
    columnName = rows[0].cells[column];
    unusedColumns = rows[0].cells.filter((cell, i) => i !== column && accepted.includes(normalizeHeader(cell)));
    dataRows = rows.slice(1);
  } else {
    const width = Math.max(...rows.map((r) => r.cells.filter((c) => c.length > 0).length));
    if (width > 1) {
      throw messages.createError(
        'error.CsvNoColumn',
        [name, String(rows[0].row), shorten(rows[0].cells.join(', '), 200)],
        [accepted.join(', ')],
        USAGE_EXIT_CODE
      );
    }
    column = 0;
  }
  const maxLength = wanted === 'federationidentifier' ? FEDERATION_ID_MAX : MAX_VALUE_LENGTH[kind];
  const entries: ScopeEntry[] = [];
  const duplicates: DuplicateEntry[] = [];
  const firstRows = new Map<string, number>();
  for (const r of dataRows) {
    const value = (r.cells[column] ?? r.cells.find((c) => c.length > 0) ?? '').trim();
    if (value.length === 0) continue;
    if (value.length > maxLength) {
      throw messages.createError(
        'error.CsvValueTooLong',
        [name, String(r.row), value.length.toLocaleString('en-US'), shorten(value, 40), String(maxLength)],
        [ROW_NOUN[kind]],
        USAGE_EXIT_CODE
      );
    }
    const key = duplicateKey(value);
    const firstRow = firstRows.get(key);
    if (firstRow === undefined) firstRows.set(key, r.row);
    else duplicates.push({ row: r.row, value, firstRow });
    entries.push({ row: r.row, value });
  }
  return {
    file: name,
    entries,
    column: columnName,
    ...(unusedColumns.length ? { unusedColumns } : {}),
    ...(duplicates.length ? { duplicates } : {}),
  };
}

/** Read and parse a scoping CSV from disk; a missing or unreadable file is an actionable error (exit 2). */
export async function readScopeCsv(path: string, kind: ScopeKind): Promise<ScopeFile> {
  const fail = (error: unknown): never => {
    const e = error as { code?: string; message?: string };
    throw messages.createError('error.CsvUnreadable', [path, e.code ?? e.message ?? String(error)], [], USAGE_EXIT_CODE);
  };
  const info = await stat(path).catch(fail);
  if (info.isDirectory()) throw messages.createError('error.CsvIsFolder', [path], [path.replace(/[\\/]+$/, '')], USAGE_EXIT_CODE);
  const content = await readFile(path).catch(fail);
  return parseScopeCsv(content, kind, path);
}
