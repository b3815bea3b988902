/**
 * Opening one event log file for reading: `GET .../sobjects/EventLogFile/{id}/LogFile`,
 * streamed through SalesforceClient.openStream (counted in the run's apiCalls, bounded by
 * --request-timeout, session/limit/server errors mapped as for every other request).
 */
import type { Readable } from 'node:stream';
import type { SalesforceClient } from '../salesforceClient.js';
import type { LogFileRecord } from './logFileSelection.js';

export type LogFileOpener = (record: LogFileRecord) => Promise<Readable>;

/** A download Salesforce refused for this file only: errorCode as Salesforce said it (NOT_FOUND, INSUFFICIENT_ACCESS...). */
export class LogFileDownloadError extends Error {
  public constructor(public readonly errorCode: string, message: string, public readonly status: number) {
    super(message);
  }
}

export const logFilePath = (id: string): string => `/sobjects/EventLogFile/${encodeURIComponent(id)}/LogFile`;

/**
 * Fatal errors (session, API limit, timeout, network, server) are thrown as the client's
 * SfError and stop the run; a refusal of one file becomes a LogFileDownloadError.
 */
export function createLogFileOpener(client: Pick<SalesforceClient, 'openStream'>): LogFileOpener {
  return async (record: LogFileRecord): Promise<Readable> => {
    const outcome = await client.openStream(logFilePath(record.Id), { accept: 'text/csv' });
    if (!outcome.ok) throw new LogFileDownloadError(outcome.errorCode, outcome.message, outcome.httpStatusCode);
    return outcome.stream;
  };
}
