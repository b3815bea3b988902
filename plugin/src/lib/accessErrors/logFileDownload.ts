/**
 * Streaming download of one event log file: `GET /services/data/vNN.0/sobjects/EventLogFile/{id}/LogFile`.
 *
 * Why this is not SalesforceClient.send(): jsforce (under @salesforce/core's Connection)
 * always reads a response body whole into memory, and for `text/csv` also parses it into
 * objects; an event log file can be hundreds of megabytes. So this one request is sent with
 * Node's own fetch and its body is handed on as a stream. Everything else the plugin reads
 * still goes through SalesforceClient, and each download is counted in its `apiCalls`.
 */
import { Readable, Transform, pipeline } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Connection } from '@salesforce/core';
import type { LogFileRecord } from './logFileSelection.js';

export type LogFileOpener = (record: LogFileRecord) => Promise<Readable>;

/** A download Salesforce refused: errorCode as Salesforce said it (NOT_FOUND, INSUFFICIENT_ACCESS...). */
export class LogFileDownloadError extends Error {
  public constructor(public readonly errorCode: string, message: string, public readonly status: number) {
    super(message);
  }
}

export type DownloadOptions = {
  /** Counts every HTTP request sent (the run's apiCalls). */
  countCall: () => void;
  /** The data path, e.g. /services/data/v64.0 */
  dataPath: string;
  /** Abort when no byte arrives for this long (ms). */
  idleTimeoutMs: number;
};

const MAX_ERROR_BODY = 64 * 1024;

async function errorFrom(response: Response): Promise<LogFileDownloadError> {
  let text = '';
  try {
    const reader = response.body?.getReader();
    if (reader) {
      const decoder = new TextDecoder();
      for (;;) {
        // eslint-disable-next-line no-await-in-loop
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        if (text.length > MAX_ERROR_BODY) {
          // eslint-disable-next-line no-await-in-loop
          await reader.cancel();
          break;
        }
      }
    }
  } catch {
    // The status alone will have to do.
  }
  try {
    const body = JSON.parse(text) as unknown;
    const first = (Array.isArray(body) ? body[0] : body) as { errorCode?: unknown; message?: unknown } | undefined;
    if (first && typeof first.errorCode === 'string') {
      return new LogFileDownloadError(first.errorCode, typeof first.message === 'string' ? first.message : '', response.status);
    }
  } catch {
    // not JSON
  }
  return new LogFileDownloadError(`HTTP_${response.status}`, text.slice(0, 200), response.status);
}

export function createLogFileOpener(conn: Connection, options: DownloadOptions): LogFileOpener {
  const base = (conn.instanceUrl ?? '').replace(/\/+$/, '');
  return async (record: LogFileRecord): Promise<Readable> => {
    const url = `${base}${options.dataPath}/sobjects/EventLogFile/${encodeURIComponent(record.Id)}/LogFile`;
    let refreshed = false;
    for (;;) {
      const controller = new AbortController();
      let timer = setTimeout(() => controller.abort(), options.idleTimeoutMs);
      options.countCall();
      let response: Response;
      try {
        // eslint-disable-next-line no-await-in-loop
        response = await fetch(url, {
          method: 'GET',
          headers: { Authorization: `Bearer ${conn.accessToken ?? ''}`, Accept: 'text/csv' },
          signal: controller.signal,
        });
      } catch (error) {
        clearTimeout(timer);
        const e = error as { name?: string; cause?: { code?: string }; message?: string };
        if (e?.name === 'AbortError') throw new LogFileDownloadError('TIMEOUT', `no answer within ${Math.round(options.idleTimeoutMs / 1000)} s`, 0);
        throw new LogFileDownloadError(e?.cause?.code ?? 'NETWORK', e?.message ?? String(error), 0);
      }
      if (response.status === 401 && !refreshed) {
        clearTimeout(timer);
        refreshed = true;
        // eslint-disable-next-line no-await-in-loop
        await response.body?.cancel();
        // An expired access token: let @salesforce/core refresh it once, then try again.
        // eslint-disable-next-line no-await-in-loop
        await conn.refreshAuth();
        continue;
      }
      if (!response.ok || !response.body) {
        clearTimeout(timer);
        // eslint-disable-next-line no-await-in-loop
        throw await errorFrom(response);
      }
      const body = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
      // Idle timeout while reading: every chunk re-arms the timer.
      const guard = new Transform({
        transform(chunk: Buffer, _encoding, callback): void {
          clearTimeout(timer);
          timer = setTimeout(() => controller.abort(), options.idleTimeoutMs);
          callback(null, chunk);
        },
      });
      return pipeline(body, guard, () => clearTimeout(timer));
    }
  };
}
