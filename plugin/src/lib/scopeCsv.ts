/*
 * Reads a Code42 scoping CSV (users or public groups). Code42's exact headers are unknown, so
 * a header row naming the column is accepted, or a single unnamed column. Handles a BOM, CRLF,
 * quoted fields, `;` or `,` delimiters, blank lines. Errors name the file, the row and the fix.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');

export type ScopeKind = 'users' | 'groups';
/** One value from the CSV; `row` is its line number in the file (1-based). */
export type ScopeEntry = { row: number; value: string };
export type ScopeFile = { file: string; entries: ScopeEntry[]; column?: string };

/** Header names accepted for each kind, in order of preference. Compared without case, spaces, _ or -. */
export const SCOPE_HEADERS: Record<ScopeKind, string[]> = {
  users: ['username', 'email', 'emailaddress', 'id', 'userid', 'user', 'login', 'federationidentifier'],
  groups: ['developername', 'apiname', 'name', 'groupname', 'id', 'groupid', 'group', 'label'],
};

/** Exit code for bad flags or files: the sf CLI's code for flag errors, distinct from 1 (a check failed). */
export const USAGE_EXIT_CODE = 2;

const normalizeHeader = (cell: string): string => cell.toLowerCase().replace(/[\s_\-.]/g, '');

/** True when the bytes do not look like text (NUL bytes, or many control characters). */
function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 8192);
  if (sample.includes(0)) return true;
  let control = 0;
  for (const byte of sample) {
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}

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

/** Parse CSV text already read from `file`. */
export function parseScopeCsv(content: Buffer | string, kind: ScopeKind, file: string): ScopeFile {
  const name = basename(file);
  const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (looksBinary(buffer)) {
    throw messages.createError('error.CsvNotText', [name], [kind], USAGE_EXIT_CODE);
  }
  const text = buffer.toString('utf8');
  if (text.replace(/^\uFEFF/, '').trim().length === 0) {
    return { file: name, entries: [] };
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
      relaxColumnCount: true,
      skipEmptyLines: true,
      trim: true,
      info: true,
    }) as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw messages.createError('error.CsvParse', [name, String(e.lines ?? '?'), e.message ?? String(error)], [kind], USAGE_EXIT_CODE);
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
  if (wanted) {
    column = header.indexOf(wanted);
    columnName = rows[0].cells[column];
    dataRows = rows.slice(1);
  } else {
    const width = Math.max(...rows.map((r) => r.cells.filter((c) => c.length > 0).length));
    if (width > 1) {
      throw messages.createError(
        'error.CsvNoColumn',
        [name, String(rows[0].row), rows[0].cells.join(', ')],
        [accepted.join(', ')],
        USAGE_EXIT_CODE
      );
    }
    column = 0;
  }
  const entries: ScopeEntry[] = [];
  for (const r of dataRows) {
    const value = (r.cells[column] ?? r.cells.find((c) => c.length > 0) ?? '').trim();
    if (value.length > 0) entries.push({ row: r.row, value });
  }
  return { file: name, entries, column: columnName };
}

/** Read and parse a scoping CSV from disk; a missing or unreadable file is an actionable error. */
export async function readScopeCsv(path: string, kind: ScopeKind): Promise<ScopeFile> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    throw messages.createError('error.CsvUnreadable', [path, (error as Error).message], [], USAGE_EXIT_CODE);
  }
  return parseScopeCsv(content, kind, path);
}
