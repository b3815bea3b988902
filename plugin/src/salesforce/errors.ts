/*
 * The one error mapper of the client layer: how a Salesforce answer or a transport failure
 * becomes either an actionable SfError (session, limits, network, server, timeout) that stops
 * the run, or a ReadFailure of one read (INVALID_TYPE, INVALID_FIELD, NOT_FOUND,
 * INSUFFICIENT_ACCESS...) that the caller turns into an `unavailable` reason. Fatal vs read
 * failure is decided once, in readFailure(); retries of transient failures are bounded by
 * withRetries() and RETRY.
 */
import { Messages, SfError } from '@salesforce/core';
import { isObject } from './records.js';
import { soapFaultOf } from './soap.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');
const errors = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.errors');

export type ReadFailure = { ok: false; errorCode: string; message: string; httpStatusCode: number };

/** Salesforce's own server-side failures (HTTP 5xx bodies). */
export const SERVER_CODES = new Set(['UNKNOWN_EXCEPTION', 'SERVER_UNAVAILABLE', 'INTERNAL_ERROR']);

/** Error codes that stop the whole run: nothing else can be read either. */
export const FATAL_CODES = new Set(['INVALID_SESSION_ID', 'REQUEST_LIMIT_EXCEEDED', 'INVALID_AUTH_HEADER']);

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
export type RetryPolicy = typeof RETRY;

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

/** Why an error may be retried, and how to describe it when the retries run out. */
type Transient = { retryAfterMs?: number; final: (attempts: number) => SfError };
const transients = new WeakMap<object, Transient>();

export function markTransient(error: SfError, info: Transient): SfError {
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


/** Salesforce error bodies are `[{ errorCode, message }]`. */
export function firstApiError(body: unknown): { errorCode: string; message: string } | undefined {
  const list = Array.isArray(body) ? body : [body];
  const first: unknown = list[0];
  if (isObject(first) && typeof first.errorCode === 'string') {
    return { errorCode: first.errorCode, message: typeof first.message === 'string' ? first.message : '' };
  }
  return undefined;
}

/** Run one read, again while it fails transiently (policy), then throw what its failure says. */
export async function withRetries<T>(policy: RetryPolicy, work: () => Promise<T>): Promise<T> {
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

export function malformed(what: string): SfError {
  return messages.createError('error.MalformedResponse', [what]);
}

export function timeoutError(timeoutMs: number): SfError {
  return messages.createError('error.RequestTimeout', [String(Math.max(1, Math.round(timeoutMs / 1000)))]);
}

/** A request that was refused as a whole (not one subrequest): stop with an action. */
export function requestFailed(errorCode: string, message: string): SfError {
  return messages.createError('error.RequestFailed', [errorCode, message]);
}

export function fatal(errorCode: string, detail: string): SfError {
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
    return messages.createError('error.ApiFatalRequestLimit', [detail]);
  }
  return messages.createError('error.ApiFatalSession', [detail]);
}

/**
 * THE rule for a refusal Salesforce answered with an error code: a fatal code stops the run
 * (thrown), any other code is a failure of this one read (returned).
 */
export function readFailure(errorCode: string, message: string, httpStatusCode: number): ReadFailure {
  if (FATAL_CODES.has(errorCode)) throw fatal(errorCode, message);
  return { ok: false, errorCode, message, httpStatusCode };
}

/**
 * An HTTP refusal with its error body: a fatal code stops the run, a 5xx is the (retried)
 * server error, anything else is a failure of this one read.
 */
export function refusal(
  status: number,
  apiError: { errorCode: string; message: string },
  retryAfter: string | null = null
): ReadFailure {
  if (status >= 500 && !FATAL_CODES.has(apiError.errorCode)) throw serverError(status, apiError.errorCode, retryAfter);
  return readFailure(apiError.errorCode, apiError.message, status);
}

/** A 5xx answer: retried by withRetries, then the persistent server error naming status and code. */
export function serverError(status: number, errorCode: string, retryAfter: string | null): SfError {
  const what = SERVER_CODES.has(errorCode) ? `HTTP ${status}, ${errorCode}` : `HTTP ${status}`;
  const error = messages.createError('error.ServerError', [SERVER_CODES.has(errorCode) ? `${status}, ${errorCode}` : String(status)]);
  return markTransient(error, {
    retryAfterMs: status === 503 ? retryAfterMs(retryAfter) : undefined,
    final: (attempts) => errors.createError('error.ServerErrorPersistent', [what, String(attempts)]),
  });
}

/** The status and headers jsforce received for one request, captured by the client's transport wrapper. */
export type SeenResponse = { statusCode: number; headers: Record<string, string> };

/**
 * Fatal and transport errors become SfError; anything else is returned unchanged. Codes first
 * (jsforce's errorCode/name, Node's code, the captured HTTP status); the message is only read
 * where neither jsforce nor Node give a code: a SOAP fault (jsforce puts the raw body in the
 * message), its own timeout text, "socket hang up", an expired refresh token.
 */
export function mapTransportError(
  error: unknown,
  context: { timeoutMs: number; instanceUrl?: string; seen?: SeenResponse }
): unknown {
  if (error instanceof SfError) return error;
  const { seen } = context;
  const e = error as { errorCode?: string; name?: string; message?: string; code?: string; data?: unknown };
  const code = e?.errorCode ?? e?.name ?? '';
  const message = e?.message ?? String(error);
  if (FATAL_CODES.has(code)) return fatal(code, message);
  if (code === 'AbortError' || /Request Timeout|aborted due to timeout/i.test(message)) return timeoutError(context.timeoutMs);
  const tls = [e?.code, (e as { cause?: { code?: string } })?.cause?.code].find((c) => c && CERTIFICATE_CODES.has(c));
  if (tls) {
    return errors.createError('error.CertificateUntrusted', [context.instanceUrl ?? 'the org', tls]);
  }
  const fault = soapFaultOf(error);
  if (fault && !SERVER_CODES.has(fault.errorCode)) return error;
  const status = seen?.statusCode ?? Number((/^(?:ERROR_)?HTTP_(5\d\d)$/.exec(code) ?? [])[1] ?? 0);
  if (status >= 500 || SERVER_CODES.has(code) || fault) {
    return serverError(status || 500, fault?.errorCode ?? code, seen?.headers?.['retry-after'] ?? null);
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
    return malformed('response');
  }
  if (/expired access\/refresh token|No refresh token|INVALID_GRANT|invalid_grant/i.test(`${code} ${message}`)) {
    return fatal('INVALID_SESSION_ID', message);
  }
  return error;
}

/** A failure that concerns one read becomes a ReadFailure; fatal ones were thrown by send(). */
export function readFailureOrThrow(error: unknown): ReadFailure {
  if (error instanceof SfError) throw error;
  const e = error as { errorCode?: string; name?: string; message?: string };
  const code = e?.errorCode ?? e?.name;
  if (typeof code === 'string' && /^[A-Z_0-9]+$/.test(code)) {
    return readFailure(code, e.message ?? '', 400);
  }
  throw error;
}
