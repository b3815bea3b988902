/**
 * Streaming reader of one InsufficientAccess log file.
 *
 * Log files can hold tens of thousands of rows, so the body is never collected into one
 * string: bytes flow from the download through a byte counter into csv-parse, and each row
 * is handed to `onRow` as it is read (back-pressure included: the download waits while rows
 * are being processed).
 *
 * A damaged file does not stop the run. Rows read before the damage are kept (they were
 * complete rows) and the outcome says what went wrong:
 *   - 'csv'        csv-parse rejected the text (unclosed quote, wrong number of columns...)
 *   - 'truncated'  the file parsed but is shorter than the LogFileLength Salesforce recorded
 *   - 'notALogFile' the header is not an InsufficientAccess header (e.g. an HTML error page)
 *   - 'download'   the connection broke off while reading
 */
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { EventRow } from '../aggregate.js';

export type Damage = { kind: 'csv' | 'truncated' | 'notALogFile' | 'download'; detail: string; line?: number };

export type ParseOutcome = { rows: number; bytes: number; damage?: Damage };

export type ParseOptions = {
  /** LogFileLength of the EventLogFile record, in bytes. */
  expectedLength?: number | null;
  onRow: (row: EventRow) => void;
};

const USER_COLUMNS = ['USER_ID', 'USER_ID_DERIVED'];

class NotALogFileError extends Error {}
/** A failure of our own row handler: a bug, not a damaged file, so it is thrown again. */
class RowHandlerError extends Error {
  public constructor(public readonly original: unknown) {
    super('row handler failed');
  }
}

export async function parseLogFileStream(source: Readable | AsyncIterable<Uint8Array>, options: ParseOptions): Promise<ParseOutcome> {
  let bytes = 0;
  let rows = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback): void {
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    columns: (header: string[]) => {
      const names = header.map((h) => String(h).trim());
      if (!names.includes('EVENT_TYPE') || !USER_COLUMNS.some((c) => names.includes(c))) {
        throw new NotALogFileError(names.slice(0, 4).join(',').slice(0, 80));
      }
      return names;
    },
  });
  const sink = new Writable({
    objectMode: true,
    write(row: EventRow, _encoding, callback): void {
      rows++;
      try {
        options.onRow(row);
        callback();
      } catch (error) {
        callback(new RowHandlerError(error));
      }
    },
  });

  try {
    await pipeline(source instanceof Readable ? source : Readable.from(source), counter, parser, sink);
  } catch (error) {
    if (error instanceof RowHandlerError) throw error.original;
    return { rows, bytes, damage: describe(error) };
  }
  if (rows === 0 && bytes === 0) {
    // An empty body: Salesforce never writes a log file without its header.
    if (options.expectedLength) return { rows, bytes, damage: { kind: 'truncated', detail: `0 of ${options.expectedLength} bytes` } };
    return { rows, bytes, damage: { kind: 'notALogFile', detail: 'empty file' } };
  }
  if (typeof options.expectedLength === 'number' && options.expectedLength > 0 && bytes < options.expectedLength) {
    return { rows, bytes, damage: { kind: 'truncated', detail: `${bytes} of ${options.expectedLength} bytes` } };
  }
  return { rows, bytes };
}

function describe(error: unknown): Damage {
  if (error instanceof NotALogFileError) return { kind: 'notALogFile', detail: `header starts with: ${error.message}` };
  const e = error as { code?: string; message?: string; lines?: number };
  if (typeof e?.code === 'string' && e.code.startsWith('CSV_')) {
    return { kind: 'csv', detail: `${e.code}: ${(e.message ?? '').split('\n')[0]}`, line: typeof e.lines === 'number' ? e.lines : undefined };
  }
  // Our own deadlines (idle and total download time) say what happened in their message.
  if (error instanceof Error && /TimeoutError$/.test(error.name)) return { kind: 'download', detail: error.message.replace(/\.$/, '') };
  return { kind: 'download', detail: e?.code ? `${e.code}: ${e.message ?? ''}` : e?.message ?? String(error) };
}
