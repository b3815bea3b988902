/*
 * One streamed GET of a REST resource under /services/data/vXX.X (one API call; a refresh
 * after an expired session makes it two), for bodies too large to hold in memory, e.g. an
 * event log file (`/sobjects/EventLogFile/{id}/LogFile`).
 *
 * Why not Transport.send(): jsforce (under @salesforce/core's Connection) always reads a
 * response body whole, and parses text/csv into objects. So this request goes out with Node's
 * fetch, with the connection's instance URL and access token (sent only in the Authorization
 * header, never logged), and errors are mapped exactly as for every other request (errors.ts):
 *   - 401 INVALID_SESSION_ID: the session is refreshed once (as jsforce does), then the
 *     request is sent again; a second 401 (or a failed refresh) is the fatal session error.
 *   - 403 REQUEST_LIMIT_EXCEEDED and the other fatal codes: the fatal SfError with its action.
 *   - 5xx, network errors: the same SfErrors as send().
 *   - any other refusal (404 NOT_FOUND, INSUFFICIENT_ACCESS...): a ReadFailure for this read.
 *   - --request-timeout: no response headers within timeoutMs is the RequestTimeout SfError
 *     (tried once more: a hang on one file should not cost the run); once the body flows, no
 *     byte for timeoutMs destroys the stream with that same error, and the whole download
 *     must end within 2 x timeoutMs plus one second per MB of `expectedBytes` (LogFileLength)
 *     or Content-Length (DownloadTimeout): a body that drips a byte a second never ends otherwise.
 *   - 5xx (503 with Retry-After honoured up to RETRY.maxRetryAfterMs) and a connection closed
 *     before the answer: sent again (RETRY), then the persistent error.
 */
import { Readable, Transform, pipeline } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Messages, SfError } from '@salesforce/core';
import { fatal, firstApiError, markTransient, refusal, type ReadFailure } from './errors.js';
import type { Transport } from './transport.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const errors = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.errors');

/** Downloads get twice --request-timeout plus this much time per byte of the file, in total. */
export const DOWNLOAD_MS_PER_BYTE = 1000 / (1024 * 1024);

/** How much of a refused stream's error body is read to find its errorCode. */
const MAX_ERROR_BODY = 64 * 1024;

/** A streamed GET: the body as a Node stream (never held whole in memory), or why it was refused. */
export type StreamOutcome = { ok: true; stream: Readable; contentLength?: number } | ReadFailure;

export type StreamOptions = { timeoutMs?: number; accept?: string; expectedBytes?: number };

export async function openStream(transport: Transport, path: string, options: StreamOptions = {}): Promise<StreamOutcome> {
  const timeoutMs = options.timeoutMs ?? transport.options.timeoutMs;
  // Headers within timeoutMs; a hang is tried once more (a download is a read), then fails.
  let timeouts = 0;
  return transport.retry(async () => {
    try {
      return await openStreamOnce(transport, path, { ...options, timeoutMs });
    } catch (error) {
      if (error instanceof SfError && error.name === 'RequestTimeoutError' && timeouts++ === 0) {
        throw markTransient(error, { final: () => error });
      }
      throw error;
    }
  });
}

/** The body, with an idle timeout (re-armed by every chunk) and a total deadline. */
function guarded(
  body: Readable,
  controller: AbortController,
  timer: { current: NodeJS.Timeout },
  timeoutMs: number,
  totalMs: number,
  idleError: SfError
): Readable {
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback): void {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => guard.destroy(idleError), timeoutMs);
      callback(null, chunk);
    },
  });
  clearTimeout(timer.current);
  timer.current = setTimeout(() => guard.destroy(idleError), timeoutMs);
  const total = setTimeout(
    () => guard.destroy(errors.createError('error.DownloadTimeout', [String(Math.round(totalMs / 1000))])),
    totalMs
  );
  return pipeline(body, guard, () => {
    clearTimeout(timer.current);
    clearTimeout(total);
    controller.abort();
  });
}

async function openStreamOnce(
  transport: Transport,
  path: string,
  options: { timeoutMs: number; accept?: string; expectedBytes?: number }
): Promise<StreamOutcome> {
  const { conn } = transport;
  const timeoutMs = options.timeoutMs;
  let refreshed = false;
  for (;;) {
    const url = `${(conn.instanceUrl ?? '').replace(/\/+$/, '')}${transport.dataPath}${path}`;
    const controller = new AbortController();
    let timedOut = false;
    const timer = {
      current: setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs),
    };
    transport.apiCalls++;
    let response: Response;
    try {
      // eslint-disable-next-line no-await-in-loop
      response = await fetch(url, {
        method: 'GET',
        headers: { Authorization: `Bearer ${conn.accessToken ?? ''}`, Accept: options.accept ?? '*/*' },
        signal: controller.signal,
        redirect: 'follow',
      });
    } catch (error) {
      clearTimeout(timer.current);
      if (timedOut) throw transport.timeoutError(timeoutMs);
      const cause = (error as { cause?: { code?: string } })?.cause;
      throw transport.mapError(cause?.code ? cause : error);
    }

    if (response.status >= 200 && response.status < 300 && response.body) {
      const body = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
      const length = Number(response.headers.get('content-length'));
      const contentLength = Number.isFinite(length) && length > 0 ? length : undefined;
      // Idle timeout while reading fails with the same RequestTimeout error a whole request
      // would; the total deadline catches a body that drips a byte at a time.
      const bytes = Math.max(options.expectedBytes ?? 0, contentLength ?? 0);
      const totalMs = 2 * timeoutMs + Math.ceil(bytes * DOWNLOAD_MS_PER_BYTE);
      const stream = guarded(body, controller, timer, timeoutMs, totalMs, transport.timeoutError(timeoutMs));
      return { ok: true, stream, contentLength };
    }

    // A refusal: read (a bounded part of) the error body within the same deadline.
    let text: string;
    try {
      // eslint-disable-next-line no-await-in-loop
      text = await readBounded(response);
    } catch {
      text = '';
    } finally {
      clearTimeout(timer.current);
    }
    if (timedOut) throw transport.timeoutError(timeoutMs);
    const apiError = firstApiError(parseJson(text)) ?? {
      errorCode: response.status === 401 ? 'INVALID_SESSION_ID' : `HTTP_${response.status}`,
      message: text.slice(0, 200),
    };
    if (response.status === 401 || apiError.errorCode === 'INVALID_SESSION_ID') {
      if (refreshed) throw fatal('INVALID_SESSION_ID', apiError.message);
      refreshed = true;
      // An expired access token: let @salesforce/core refresh it once, then send again.
      try {
        // eslint-disable-next-line no-await-in-loop
        await conn.refreshAuth();
      } catch (error) {
        throw fatal('INVALID_SESSION_ID', (error as { message?: string })?.message ?? String(error));
      }
      continue;
    }
    return refusal(response.status, apiError, response.headers.get('retry-after'));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The start of a response body as text (an error body; never a whole large file). */
async function readBounded(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
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
  return text;
}
