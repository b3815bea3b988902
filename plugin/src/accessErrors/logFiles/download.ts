/**
 * Opening one event log file for reading: `GET .../sobjects/EventLogFile/{id}/LogFile`,
 * streamed through SalesforceClient.openStream (counted in the run's apiCalls, bounded by
 * --request-timeout until the answer and, in total, by --request-timeout plus one second per MB
 * of LogFileLength; session/limit/server errors mapped as for every other request; a 5xx, a
 * closed connection or a hang before the answer tried again by the client).
 */
import type { Readable } from 'node:stream';
import type { SalesforceClient } from '../../salesforce/client.js';
import type { LogFileRecord } from './select.js';

export type LogFileOpener = (record: LogFileRecord) => Promise<Readable>;

/** A download Salesforce refused for this file only: errorCode as Salesforce said it (NOT_FOUND, INSUFFICIENT_ACCESS...). */
export class LogFileDownloadError extends Error {
  public constructor(public readonly errorCode: string, message: string, public readonly status: number) {
    super(message);
  }
}

export const logFilePath = (id: string): string => `/sobjects/EventLogFile/${encodeURIComponent(id)}/LogFile`;

/**
 * Errors are thrown as the client's SfError (the caller decides: session and API limit stop the
 * run, a failure of this one download is reported per file); a refusal of one file becomes a
 * LogFileDownloadError.
 */
export function createLogFileOpener(client: Pick<SalesforceClient, 'openStream'>): LogFileOpener {
  return async (record: LogFileRecord): Promise<Readable> => {
    // LogFileLength sets the download's total deadline (--request-timeout plus a second per MB).
    const expectedBytes = typeof record.LogFileLength === 'number' ? record.LogFileLength : undefined;
    const outcome = await client.openStream(logFilePath(record.Id), { accept: 'text/csv', expectedBytes });
    if (!outcome.ok) throw new LogFileDownloadError(outcome.errorCode, outcome.message, outcome.httpStatusCode);
    return outcome.stream;
  };
}
