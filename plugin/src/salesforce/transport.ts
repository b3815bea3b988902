/*
 * One HTTP request through the org's jsforce Connection: counted (apiCalls), bounded in time
 * (--request-timeout) and with transport and fatal errors mapped by errors.ts. Shared by the
 * Composite reader, the Metadata reader and the client's single requests.
 */
import type { Connection } from '@salesforce/core';
import { RETRY, mapTransportError, timeoutError, withRetries, type RetryPolicy, type SeenResponse } from './errors.js';

export type ClientOptions = {
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Waiting between retries (tests shorten it); default RETRY. */
  retry?: Partial<RetryPolicy>;
};

export type HttpRequest = { method: 'GET' | 'POST' | 'DELETE'; url: string; body?: string; headers?: Record<string, string> };

export class Transport {
  /** API calls this run spent (each Composite request, page, metadata read or GET counts one). */
  public apiCalls = 0;
  public readonly apiVersion: string;
  public readonly retryPolicy: RetryPolicy;

  public constructor(public readonly conn: Connection, public readonly options: ClientOptions) {
    this.apiVersion = conn.getApiVersion();
    this.retryPolicy = { ...RETRY, ...options.retry };
  }

  public get dataPath(): string {
    return `/services/data/v${this.apiVersion}`;
  }

  /** Run one read, again while it fails transiently (the retry policy), then throw what its failure says. */
  public retry<T>(work: () => Promise<T>): Promise<T> {
    return withRetries(this.retryPolicy, work);
  }

  public timeoutError(timeoutMs = this.options.timeoutMs): ReturnType<typeof timeoutError> {
    return timeoutError(timeoutMs);
  }

  public mapError(error: unknown, seen?: SeenResponse): unknown {
    return mapTransportError(error, { timeoutMs: this.options.timeoutMs, instanceUrl: this.conn.instanceUrl, seen });
  }

  /** Send one HTTP request: counts it, bounds it in time, maps transport and fatal errors. */
  public async send<T>(request: HttpRequest, extra: { responseType?: string } = {}): Promise<T> {
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
      throw this.mapError(error, seen);
    } finally {
      clearTimeout(timer);
    }
  }
}
