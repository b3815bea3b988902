/*
 * The only HTTP layer of the plugin. Everything the preflight reads goes through here, so this
 * is where calls are batched (REST Composite), paged (nextRecordsUrl until done), counted
 * (apiCalls), bounded in time (--request-timeout) and where Salesforce errors become either an
 * actionable SfError (session, limits, network, server) or a recorded failure of one read
 * (INVALID_TYPE, INVALID_FIELD, NOT_FOUND, INSUFFICIENT_ACCESS...) that the caller turns into
 * an `unavailable` reason.
 */
import { Readable, Transform, pipeline } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Connection, Messages, SfError } from '@salesforce/core';
import { XMLParser } from 'fast-xml-parser';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');
const errors = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.errors');

/** Salesforce limits for one Composite request. */
export const COMPOSITE_MAX_SUBREQUESTS = 25;
export const COMPOSITE_MAX_QUERIES = 5;

/** Salesforce's own server-side failures (HTTP 5xx bodies). */
const SERVER_CODES = new Set(['UNKNOWN_EXCEPTION', 'SERVER_UNAVAILABLE', 'INTERNAL_ERROR']);

/**
 * Transient failures (5xx, 503 with Retry-After, a connection closed before any answer) are
 * sent again, at most RETRY.attempts times in all, waiting RETRY.baseDelayMs, then twice that
 * (or what Retry-After asks, if it is at most RETRY.maxRetryAfterMs). Only reads are retried;
 * the one write (createRecord) is not. Salesforce's "Status Codes and Error Responses" (REST API
 * and Connect REST API Developer Guides): 500 is an error within Salesforce, so the request could
 * not complete; 503 means too many requests or the server is down for maintenance. Retry-After
 * (RFC 9110, 10.2.3) is honoured when a server or proxy sends it.
 */
export const RETRY = { attempts: 3, baseDelayMs: 500, maxRetryAfterMs: 10_000 };

/** Node's codes for a TLS certificate it cannot verify (node:tls, OpenSSL X509_V_ERR_*). */
const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** Connection failures before any answer: worth one more try. */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Downloads get twice --request-timeout plus this much time per byte of the file, in total. */
export const DOWNLOAD_MS_PER_BYTE = 1000 / (1024 * 1024);

/** Why an error may be retried, and how to describe it when the retries run out. */
type Transient = { retryAfterMs?: number; final: (attempts: number) => SfError };
const transients = new WeakMap<object, Transient>();

function markTransient(error: SfError, info: Transient): SfError {
  transients.set(error, info);
  return error;
}

/** Retry-After in seconds or as an HTTP date (RFC 9110, 10.2.3), in milliseconds. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The response jsforce received for one request (status and headers), captured by our transport wrapper. */
type SeenResponse = { statusCode: number; headers: Record<string, string> };

/** Error codes that stop the whole run: nothing else can be read either. */
const FATAL_CODES = new Set(['INVALID_SESSION_ID', 'REQUEST_LIMIT_EXCEEDED', 'INVALID_AUTH_HEADER']);

export type SfRecord = Record<string, any>;

/** One read in a batch: a SOQL query (paged to the end) or a GET of a REST resource. */
export type ReadRequest = { id: string; soql: string } | { id: string; path: string };

export type ReadFailure = { ok: false; errorCode: string; message: string; httpStatusCode: number };
export type ReadOutcome =
  | { ok: true; records: SfRecord[]; totalSize: number; body?: undefined }
  | { ok: true; body: SfRecord; records?: undefined }
  | ReadFailure;

type CompositeSubrequest = { method: 'GET' | 'POST'; url: string; referenceId: string; body?: unknown };
type CompositeSubresponse = { body: unknown; httpStatusCode: number; referenceId: string };
type QueryPage = { totalSize?: number; done?: boolean; nextRecordsUrl?: string; records?: SfRecord[] };

export type ClientOptions = {
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Waiting between retries (tests shorten it); default RETRY. */
  retry?: Partial<typeof RETRY>;
};

export type MetadataReadOutcome = { ok: true; records: SfRecord[] } | ReadFailure;

/** A streamed GET: the body as a Node stream (never held whole in memory), or why it was refused. */
export type StreamOutcome = { ok: true; stream: Readable; contentLength?: number } | ReadFailure;

/** How much of a refused stream's error body is read to find its errorCode. */
const MAX_ERROR_BODY = 64 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Salesforce error bodies are `[{ errorCode, message }]`. */
function firstApiError(body: unknown): { errorCode: string; message: string } | undefined {
  const list = Array.isArray(body) ? body : [body];
  const first: unknown = list[0];
  if (isObject(first) && typeof first.errorCode === 'string') {
    return { errorCode: first.errorCode, message: typeof first.message === 'string' ? first.message : '' };
  }
  return undefined;
}

export class SalesforceClient {
  /** API calls this run spent (each Composite request, page, metadata read or GET counts one). */
  public apiCalls = 0;
  private readonly apiVersion: string;
  /** The versions list (GET /services/data), asked at most once per run. */
  private versionList?: Promise<unknown>;

  public constructor(private readonly conn: Connection, private readonly options: ClientOptions) {
    this.apiVersion = conn.getApiVersion();
  }

  public get version(): string {
    return this.apiVersion;
  }

  public get dataPath(): string {
    return `/services/data/v${this.apiVersion}`;
  }

  /** The org's daily API usage as reported by the last Sforce-Limit-Info header, if any. */
  public dailyApiUsageFromHeaders(): { max: number; remaining: number } | undefined {
    const usage = (this.conn as unknown as { limitInfo?: { apiUsage?: { used: number; limit: number } } }).limitInfo
      ?.apiUsage;
    if (!usage || typeof usage.limit !== 'number' || typeof usage.used !== 'number') return undefined;
    return { max: usage.limit, remaining: Math.max(0, usage.limit - usage.used) };
  }

  public queryUrl(soql: string): string {
    return `${this.dataPath}/query?q=${encodeURIComponent(soql)}`;
  }

  /**
   * Run independent reads in as few Composite requests as Salesforce allows (25 subrequests,
   * at most 5 of them queries, per call), then fetch every remaining query page, again five
   * per Composite request. Never stops before `done`.
   */
  public async readAll(reads: ReadRequest[]): Promise<Map<string, ReadOutcome>> {
    const outcomes = new Map<string, ReadOutcome>();
    if (reads.length === 0) return outcomes;
    const queries = new Map<string, { records: SfRecord[]; totalSize: number; next?: string }>();

    const subrequests = reads.map((read) => ({
      referenceId: read.id,
      isQuery: 'soql' in read,
      url: 'soql' in read ? this.queryUrl(read.soql) : `${this.dataPath}${read.path}`,
    }));
    await this.runInChunks(subrequests, (ref, response) => {
      const read = reads.find((r) => r.id === ref);
      if (!read) return;
      if (!response.ok) {
        outcomes.set(ref, response);
        return;
      }
      if ('soql' in read) {
        const page = response.body as QueryPage;
        if (!Array.isArray(page.records)) {
          throw messages.createError('error.MalformedResponse', [`query ${ref}`]);
        }
        queries.set(ref, {
          records: page.records,
          totalSize: page.totalSize ?? page.records.length,
          next: page.done === false ? page.nextRecordsUrl : undefined,
        });
      } else {
        outcomes.set(ref, { ok: true, body: response.body as SfRecord });
      }
    });

    // Page every unfinished query to the end, batching the next pages of different queries.
    for (;;) {
      const pending = [...queries.entries()].filter(([, q]) => q.next);
      if (pending.length === 0) break;
      const pageRequests = pending.map(([ref, q]) => ({ referenceId: ref, isQuery: true, url: q.next as string }));
      // eslint-disable-next-line no-await-in-loop
      await this.runInChunks(pageRequests, (ref, response) => {
        const q = queries.get(ref);
        if (!q) return;
        if (!response.ok) {
          queries.delete(ref);
          outcomes.set(ref, response);
          return;
        }
        const page = response.body as QueryPage;
        if (!Array.isArray(page.records)) {
          throw messages.createError('error.MalformedResponse', [`query ${ref}`]);
        }
        q.records.push(...page.records);
        const next = page.done === false ? page.nextRecordsUrl : undefined;
        if (next && next === q.next) {
          throw messages.createError('error.MalformedResponse', [`query ${ref} (the next page repeats)`]);
        }
        q.next = next;
      });
    }
    for (const [ref, q] of queries) {
      outcomes.set(ref, { ok: true, records: q.records, totalSize: q.totalSize });
    }
    return outcomes;
  }

  /** One plain GET of a REST resource under /services/data/vXX.X (one API call). */
  public async get(path: string): Promise<ReadOutcome> {
    try {
      const body = await this.withRetries(() => this.send<SfRecord>({ method: 'GET', url: `${this.dataPath}${path}` }));
      return { ok: true, body };
    } catch (error) {
      return this.readFailureOrThrow(error);
    }
  }

  /**
   * One streamed GET of a REST resource under /services/data/vXX.X (one API call; a refresh
   * after an expired session makes it two), for bodies too large to hold in memory, e.g. an
   * event log file (`/sobjects/EventLogFile/{id}/LogFile`).
   *
   * Why not send(): jsforce (under @salesforce/core's Connection) always reads a response body
   * whole, and parses text/csv into objects. So this request goes out with Node's fetch, with
   * the connection's instance URL and access token (sent only in the Authorization header,
   * never logged), and errors are mapped exactly as for every other request:
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
  public async openStream(
    path: string,
    options: { timeoutMs?: number; accept?: string; expectedBytes?: number } = {}
  ): Promise<StreamOutcome> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    // Headers within timeoutMs; a hang is tried once more (a download is a read), then fails.
    let timeouts = 0;
    return this.withRetries(async () => {
      try {
        return await this.openStreamOnce(path, { ...options, timeoutMs });
      } catch (error) {
        if (error instanceof SfError && error.name === 'RequestTimeoutError' && timeouts++ === 0) {
          throw markTransient(error, { final: () => error });
        }
        throw error;
      }
    });
  }

  private async openStreamOnce(
    path: string,
    options: { timeoutMs: number; accept?: string; expectedBytes?: number }
  ): Promise<StreamOutcome> {
    const timeoutMs = options.timeoutMs;
    let refreshed = false;
    for (;;) {
      const url = `${(this.conn.instanceUrl ?? '').replace(/\/+$/, '')}${this.dataPath}${path}`;
      const controller = new AbortController();
      let timedOut = false;
      let timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      this.apiCalls++;
      let response: Response;
      try {
        // eslint-disable-next-line no-await-in-loop
        response = await fetch(url, {
          method: 'GET',
          headers: { Authorization: `Bearer ${this.conn.accessToken ?? ''}`, Accept: options.accept ?? '*/*' },
          signal: controller.signal,
          redirect: 'follow',
        });
      } catch (error) {
        clearTimeout(timer);
        if (timedOut) throw this.timeoutError(timeoutMs);
        const cause = (error as { cause?: { code?: string } })?.cause;
        throw this.mapTransportError(cause?.code ? cause : error);
      }

      if (response.status >= 200 && response.status < 300 && response.body) {
        const body = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
        const length = Number(response.headers.get('content-length'));
        const contentLength = Number.isFinite(length) && length > 0 ? length : undefined;
        // Idle timeout while reading: every chunk re-arms the timer. The stream fails with the
        // same RequestTimeout error a whole request would.
        const idleError = this.timeoutError(timeoutMs);
        // And a total deadline: a body that drips a byte at a time never trips the idle timer.
        const bytes = Math.max(options.expectedBytes ?? 0, contentLength ?? 0);
        const totalMs = 2 * timeoutMs + Math.ceil(bytes * DOWNLOAD_MS_PER_BYTE);
        const guard = new Transform({
          transform(chunk: Buffer, _encoding, callback): void {
            clearTimeout(timer);
            timer = setTimeout(() => guard.destroy(idleError), timeoutMs);
            callback(null, chunk);
          },
        });
        clearTimeout(timer);
        timer = setTimeout(() => guard.destroy(idleError), timeoutMs);
        const total = setTimeout(
          () => guard.destroy(errors.createError('error.DownloadTimeout', [String(Math.round(totalMs / 1000))])),
          totalMs
        );
        const stream = pipeline(body, guard, () => {
          clearTimeout(timer);
          clearTimeout(total);
          controller.abort();
        });
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
        clearTimeout(timer);
      }
      if (timedOut) throw this.timeoutError(timeoutMs);
      const apiError = firstApiError(parseJson(text)) ?? {
        errorCode: response.status === 401 ? 'INVALID_SESSION_ID' : `HTTP_${response.status}`,
        message: text.slice(0, 200),
      };
      if (response.status === 401 || apiError.errorCode === 'INVALID_SESSION_ID') {
        if (refreshed) throw this.fatal('INVALID_SESSION_ID', apiError.message);
        refreshed = true;
        // An expired access token: let @salesforce/core refresh it once, then send again.
        try {
          // eslint-disable-next-line no-await-in-loop
          await this.conn.refreshAuth();
        } catch (error) {
          throw this.fatal('INVALID_SESSION_ID', (error as { message?: string })?.message ?? String(error));
        }
        continue;
      }
      if (FATAL_CODES.has(apiError.errorCode)) throw this.fatal(apiError.errorCode, apiError.message);
      if (response.status >= 500) {
        throw this.serverError(response.status, apiError.errorCode, response.headers.get('retry-after'));
      }
      return { ok: false, httpStatusCode: response.status, ...apiError };
    }
  }

  /** The one write the plugin can make (only with --save-result): create one record. */
  public async createRecord(sobject: string, fields: SfRecord): Promise<{ id: string }> {
    const body = await this.send<SfRecord>({
      method: 'POST',
      url: `${this.dataPath}/sobjects/${sobject}`,
      body: JSON.stringify(fields),
      headers: { 'Content-Type': 'application/json' },
    });
    if (!isObject(body) || typeof body.id !== 'string') {
      throw messages.createError('error.MalformedResponse', [`create ${sobject}`]);
    }
    return { id: body.id };
  }

  /**
   * One Apex REST call, /services/apexrest<path> (one API call): the watch's start, stop and
   * status (Code42HealthWatchRest). A refusal that concerns only this call (NOT_FOUND when the
   * class is not deployed, INSUFFICIENT_ACCESS) comes back as a failure.
   */
  public async apexRest(method: 'GET' | 'POST' | 'DELETE', path: string): Promise<ReadOutcome> {
    try {
      const body = await this.send<SfRecord>({
        method,
        url: `/services/apexrest${path}`,
        ...(method === 'POST' ? { body: '{}', headers: { 'Content-Type': 'application/json' } } : {}),
      });
      if (!isObject(body)) throw messages.createError('error.MalformedResponse', [`Apex REST ${path}`]);
      return { ok: true, body };
    } catch (error) {
      return this.readFailureOrThrow(error);
    }
  }

  /**
   * Metadata API readMetadata over SOAP (one API call, at most 10 names). A SOAP fault that
   * concerns only this read (INSUFFICIENT_ACCESS, INVALID_TYPE...) comes back as a failure.
   */
  public async readMetadata(type: string, fullNames: string[]): Promise<MetadataReadOutcome> {
    const escape = (s: string): string =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const names = fullNames
      .slice(0, 10)
      .map((n) => `<met:fullNames>${escape(n)}</met:fullNames>`)
      .join('');
    const envelope =
      '<?xml version="1.0" encoding="UTF-8"?>' +
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="http://soap.sforce.com/2006/04/metadata">' +
      `<soapenv:Header><met:SessionHeader><met:sessionId>${escape(this.conn.accessToken ?? '')}</met:sessionId></met:SessionHeader></soapenv:Header>` +
      `<soapenv:Body><met:readMetadata><met:type>${escape(type)}</met:type>${names}</met:readMetadata></soapenv:Body>` +
      '</soapenv:Envelope>';
    let text: string;
    try {
      text = await this.withRetries(() =>
        this.send<string>(
          {
            method: 'POST',
            url: `/services/Soap/m/${this.apiVersion}`,
            body: envelope,
            headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
          },
          { responseType: 'text/plain' }
        )
      );
    } catch (error) {
      const fault = soapFault(error);
      if (fault) {
        if (FATAL_CODES.has(fault.errorCode)) throw this.fatal(fault.errorCode, fault.message);
        return { ok: false, httpStatusCode: 500, ...fault };
      }
      return this.readFailureOrThrow(error);
    }
    const parsed = parseSoap(text);
    const fault = parsed ? findKey(parsed, 'Fault') : undefined;
    if (isObject(fault)) {
      const f = faultFromObject(fault);
      if (FATAL_CODES.has(f.errorCode)) throw this.fatal(f.errorCode, f.message);
      return { ok: false, httpStatusCode: 500, ...f };
    }
    const response = parsed ? findKey(parsed, 'readMetadataResponse') : undefined;
    if (!isObject(response)) {
      throw messages.createError('error.MalformedResponse', [`readMetadata ${type}`]);
    }
    const result = response.result;
    const records = isObject(result) ? result.records : undefined;
    const list = (Array.isArray(records) ? records : records === undefined ? [] : [records]).filter(isObject);
    return { ok: true, records: list };
  }

  private async runInChunks(
    subrequests: Array<{ referenceId: string; isQuery: boolean; url: string }>,
    onResponse: (referenceId: string, response: { ok: true; body: unknown } | ReadFailure) => void
  ): Promise<void> {
    const chunks: Array<typeof subrequests> = [];
    let current: typeof subrequests = [];
    let queriesInCurrent = 0;
    for (const sub of subrequests) {
      if (
        current.length === COMPOSITE_MAX_SUBREQUESTS ||
        (sub.isQuery && queriesInCurrent === COMPOSITE_MAX_QUERIES)
      ) {
        chunks.push(current);
        current = [];
        queriesInCurrent = 0;
      }
      current.push(sub);
      if (sub.isQuery) queriesInCurrent++;
    }
    if (current.length > 0) chunks.push(current);

    for (const chunk of chunks) {
      const compositeRequest: CompositeSubrequest[] = chunk.map((s) => ({
        method: 'GET',
        url: s.url,
        referenceId: s.referenceId,
      }));
      // eslint-disable-next-line no-await-in-loop
      const responses = await this.withRetries(async () => {
        const answers = await this.composite(compositeRequest);
        // A server error of one subrequest is not a fact about the org: send the batch again
        // (it only reads), and if it persists stop, rather than let a check become `skip`.
        const failed = answers.find((r) => r.httpStatusCode >= 500);
        if (failed) throw this.serverError(failed.httpStatusCode, firstApiError(failed.body)?.errorCode ?? '', null);
        return answers;
      });
      for (const sub of chunk) {
        const response = responses.find((r) => r.referenceId === sub.referenceId);
        if (!response) {
          throw messages.createError('error.MalformedResponse', [`composite subrequest ${sub.referenceId}`]);
        }
        if (response.httpStatusCode >= 200 && response.httpStatusCode < 300) {
          onResponse(sub.referenceId, { ok: true, body: response.body });
          continue;
        }
        const apiError = firstApiError(response.body) ?? {
          errorCode: `HTTP_${response.httpStatusCode}`,
          message: typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
        };
        if (FATAL_CODES.has(apiError.errorCode)) throw this.fatal(apiError.errorCode, apiError.message);
        onResponse(sub.referenceId, { ok: false, httpStatusCode: response.httpStatusCode, ...apiError });
      }
    }
  }

  private async composite(compositeRequest: CompositeSubrequest[]): Promise<CompositeSubresponse[]> {
    let body: unknown;
    try {
      body = await this.send<unknown>({
        method: 'POST',
        url: `${this.dataPath}/composite`,
        body: JSON.stringify({ allOrNone: false, compositeRequest }),
        headers: { 'Content-Type': 'application/json' },
      });
    } catch (error) {
      if (error instanceof SfError) throw error;
      // The whole batch was refused: nothing to record per read, so stop with an action.
      const e = error as { errorCode?: string; name?: string; message?: string };
      if (e.errorCode === 'NOT_FOUND') await this.checkApiVersion();
      throw messages.createError('error.RequestFailed', [e.errorCode ?? e.name ?? 'UNKNOWN', e.message ?? String(error)]);
    }
    if (!isObject(body) || !Array.isArray(body.compositeResponse)) {
      throw messages.createError('error.MalformedResponse', ['composite']);
    }
    return body.compositeResponse.filter(isObject).map((r) => ({
      body: r.body,
      httpStatusCode: typeof r.httpStatusCode === 'number' ? r.httpStatusCode : 0,
      referenceId: String(r.referenceId),
    }));
  }

  /**
   * `/services/data/vXX.X/composite` itself NOT_FOUND: is the API version one the org has? The
   * versions list (GET /services/data, one call, REST API Developer Guide "Versions") says.
   * Throws ApiVersionUnsupported when it is not; returns when it is (or the list is unreadable).
   * Batches that go out together and all answer NOT_FOUND share one look-up (one API call).
   */
  private async checkApiVersion(): Promise<void> {
    this.versionList ??= this.send<unknown>({ method: 'GET', url: '/services/data' }).catch(() => undefined);
    const list = await this.versionList;
    if (list === undefined) return;
    const versions = (Array.isArray(list) ? list : [])
      .map((v: unknown) => (isObject(v) ? String(v.version) : ''))
      .filter((v) => /^\d+\.\d$/.test(v))
      .sort((a, b) => Number(a) - Number(b));
    if (versions.length === 0 || versions.includes(this.apiVersion)) return;
    const newest = versions[versions.length - 1];
    throw errors.createError('error.ApiVersionUnsupported', [this.apiVersion, versions[0], newest], [newest]);
  }

  /** Run one read, again while it fails transiently (RETRY), then throw what its failure says. */
  private async withRetries<T>(work: () => Promise<T>): Promise<T> {
    const policy = { ...RETRY, ...this.options.retry };
    for (let attempt = 1; ; attempt++) {
      try {
        // eslint-disable-next-line no-await-in-loop
        return await work();
      } catch (error) {
        const transient = typeof error === 'object' && error !== null ? transients.get(error) : undefined;
        if (!transient) throw error;
        if (attempt >= policy.attempts) throw transient.final(attempt);
        const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
        const wait = transient.retryAfterMs ?? backoff;
        if (wait > policy.maxRetryAfterMs) {
          const seconds = String(Math.ceil(wait / 1000));
          throw errors.createError(
            'error.RetryAfterTooLong',
            [seconds, String(Math.round(policy.maxRetryAfterMs / 1000))],
            [seconds]
          );
        }
        // eslint-disable-next-line no-await-in-loop
        await sleep(wait);
      }
    }
  }

  /** A 5xx answer: retried by withRetries, then the persistent server error naming status and code. */
  private serverError(status: number, errorCode: string, retryAfter: string | null): SfError {
    const what = SERVER_CODES.has(errorCode) ? `HTTP ${status}, ${errorCode}` : `HTTP ${status}`;
    const error = messages.createError('error.ServerError', [SERVER_CODES.has(errorCode) ? `${status}, ${errorCode}` : String(status)]);
    return markTransient(error, {
      retryAfterMs: status === 503 ? retryAfterMs(retryAfter) : undefined,
      final: (attempts) => errors.createError('error.ServerErrorPersistent', [what, String(attempts)]),
    });
  }

  /** Send one HTTP request: counts it, bounds it in time, maps transport and fatal errors. */
  private async send<T>(
    request: { method: 'GET' | 'POST' | 'DELETE'; url: string; body?: string; headers?: Record<string, string> },
    extra: { responseType?: string } = {}
  ): Promise<T> {
    this.apiCalls++;
    const timeoutMs = this.options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.timeoutError()), timeoutMs);
    });
    // jsforce keeps the status and headers of an error answer to itself: a thin wrapper around
    // the connection's transport sees them (the status of a 5xx, Retry-After of a 503).
    let seen: SeenResponse | undefined;
    const base = (this.conn as unknown as { _transport?: { httpRequest: (req: unknown, opts: unknown) => Promise<SeenResponse> } })
      ._transport;
    const transport = base
      ? {
          httpRequest: (req: unknown, opts: unknown): Promise<SeenResponse> => {
            const pending = base.httpRequest(req, opts);
            pending.then(
              (r) => (seen = r),
              () => undefined
            );
            return pending;
          },
        }
      : undefined;
    try {
      // jsforce's own timeout aborts the socket at the same deadline; no retries inside jsforce
      // (withRetries decides), so every request is counted exactly once.
      const pending = this.conn.request<T>(request, {
        timeout: timeoutMs,
        retry: { maxRetries: 0 },
        ...(transport ? { transport } : {}),
        ...extra,
      } as unknown as Parameters<Connection['request']>[1]);
      return await Promise.race([pending as Promise<T>, timeout]);
    } catch (error) {
      throw this.mapTransportError(error, seen);
    } finally {
      clearTimeout(timer);
    }
  }

  private timeoutError(timeoutMs = this.options.timeoutMs): SfError {
    return messages.createError('error.RequestTimeout', [String(Math.max(1, Math.round(timeoutMs / 1000)))]);
  }

  /** Fatal and transport errors become SfError; anything else is returned unchanged. */
  private mapTransportError(error: unknown, seen?: SeenResponse): unknown {
    if (error instanceof SfError) return error;
    const e = error as { errorCode?: string; name?: string; message?: string; code?: string; data?: unknown };
    const code = e?.errorCode ?? e?.name ?? '';
    const message = e?.message ?? String(error);
    if (FATAL_CODES.has(code)) return this.fatal(code, message);
    if (code === 'AbortError' || /Request Timeout|aborted due to timeout/i.test(message)) return this.timeoutError();
    const tls = [e?.code, (e as { cause?: { code?: string } })?.cause?.code].find((c) => c && CERTIFICATE_CODES.has(c));
    if (tls) {
      return errors.createError('error.CertificateUntrusted', [this.conn.instanceUrl ?? 'the org', tls]);
    }
    const fault = soapFault(error);
    if (fault && !SERVER_CODES.has(fault.errorCode)) return error;
    const status = seen?.statusCode ?? Number((/^(?:ERROR_)?HTTP_(5\d\d)$/.exec(code) ?? [])[1] ?? 0);
    if (status >= 500 || SERVER_CODES.has(code) || fault) {
      return this.serverError(status || 500, fault?.errorCode ?? code, seen?.headers?.['retry-after'] ?? null);
    }
    const network = e?.code ?? (/(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EPIPE)/.exec(message) ?? [])[1];
    if (network && /^E[A-Z_]+$/.test(network)) {
      const failure = messages.createError('error.Network', [network]);
      return TRANSIENT_NETWORK_CODES.has(network) ? markTransient(failure, { final: () => failure }) : failure;
    }
    if (/socket hang up|other side closed/i.test(message)) {
      const failure = messages.createError('error.Network', ['ECONNRESET']);
      return markTransient(failure, { final: () => failure });
    }
    if (error instanceof SyntaxError || /Unexpected token|JSON/i.test(code)) {
      return messages.createError('error.MalformedResponse', ['response']);
    }
    if (/expired access\/refresh token|No refresh token|INVALID_GRANT|invalid_grant/i.test(`${code} ${message}`)) {
      return this.fatal('INVALID_SESSION_ID', message);
    }
    return error;
  }

  private fatal(errorCode: string, detail: string): SfError {
    if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
      return messages.createError('error.ApiFatalRequestLimit', [detail]);
    }
    return messages.createError('error.ApiFatalSession', [detail]);
  }

  /** A failure that concerns one read becomes a ReadFailure; fatal ones were thrown by send(). */
  private readFailureOrThrow(error: unknown): ReadFailure {
    if (error instanceof SfError) throw error;
    const e = error as { errorCode?: string; name?: string; message?: string };
    const code = e?.errorCode ?? e?.name;
    if (typeof code === 'string' && /^[A-Z_0-9]+$/.test(code)) {
      return { ok: false, errorCode: code, message: e.message ?? '', httpStatusCode: 400 };
    }
    throw error;
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

const soapParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'records' || name === 'realTimeEvents',
});

function parseSoap(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string' || !text.includes('<')) return undefined;
  try {
    const parsed: unknown = soapParser.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function findKey(node: unknown, key: string): unknown {
  if (!isObject(node)) return undefined;
  if (key in node) return node[key];
  for (const value of Object.values(node)) {
    const found = findKey(value, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

function faultFromObject(fault: Record<string, unknown>): { errorCode: string; message: string } {
  const code = String(fault.faultcode ?? 'SOAP_FAULT').replace(/^.*:/, '');
  return { errorCode: code, message: String(fault.faultstring ?? '') };
}

/** A SOAP fault carried by an HTTP 500 error (jsforce puts the raw body in the message). */
function soapFault(error: unknown): { errorCode: string; message: string } | undefined {
  const message = (error as { message?: unknown })?.message;
  const parsed = parseSoap(message);
  const fault = parsed ? findKey(parsed, 'Fault') : undefined;
  return isObject(fault) ? faultFromObject(fault) : undefined;
}
