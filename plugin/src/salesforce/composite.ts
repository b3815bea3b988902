/*
 * REST Composite reads: independent reads in as few Composite requests as Salesforce allows,
 * every query paged to `done`, and the versions look-up (at most once per run) when the
 * Composite resource itself is NOT_FOUND.
 */
import { Messages, SfError } from '@salesforce/core';
import { firstApiError, malformed, refusal, requestFailed, serverError, type ReadFailure } from './errors.js';
import { isObject, type SfRecord } from './records.js';
import type { Transport } from './transport.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const errors = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.errors');

/** Salesforce limits for one Composite request. */
export const COMPOSITE_MAX_SUBREQUESTS = 25;
export const COMPOSITE_MAX_QUERIES = 5;

/** One read in a batch: a SOQL query (paged to the end) or a GET of a REST resource. */
export type ReadRequest = { id: string; soql: string } | { id: string; path: string };

export type ReadOutcome =
  | { ok: true; records: SfRecord[]; totalSize: number; body?: undefined }
  | { ok: true; body: SfRecord; records?: undefined }
  | ReadFailure;

type Subrequest = { referenceId: string; isQuery: boolean; url: string };
type CompositeSubrequest = { method: 'GET' | 'POST'; url: string; referenceId: string; body?: unknown };
type CompositeSubresponse = { body: unknown; httpStatusCode: number; referenceId: string };
type QueryPage = { totalSize?: number; done?: boolean; nextRecordsUrl?: string; records?: SfRecord[] };
type SubOutcome = { ok: true; body: unknown } | ReadFailure;

export const queryUrl = (transport: Transport, soql: string): string =>
  `${transport.dataPath}/query?q=${encodeURIComponent(soql)}`;

/**
 * Subrequests packed into Composite requests of at most 25, at most 5 of them queries (Salesforce's
 * Composite limits). (Splitting one long Id list into several queries is soql.ts's inListBatches.)
 */
export function compositeBatches<T extends { isQuery: boolean }>(subrequests: T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let queriesInCurrent = 0;
  for (const sub of subrequests) {
    if (current.length === COMPOSITE_MAX_SUBREQUESTS || (sub.isQuery && queriesInCurrent === COMPOSITE_MAX_QUERIES)) {
      batches.push(current);
      current = [];
      queriesInCurrent = 0;
    }
    current.push(sub);
    if (sub.isQuery) queriesInCurrent++;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function queryPage(ref: string, body: unknown): QueryPage & { records: SfRecord[] } {
  const page = body as QueryPage;
  if (!Array.isArray(page.records)) throw malformed(`query ${ref}`);
  return page as QueryPage & { records: SfRecord[] };
}

export class CompositeReader {
  /** The versions list (GET /services/data), asked at most once per run. */
  private versionList?: Promise<unknown>;

  public constructor(private readonly transport: Transport) {}

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
      url: 'soql' in read ? queryUrl(this.transport, read.soql) : `${this.transport.dataPath}${read.path}`,
    }));
    await this.runInChunks(subrequests, (ref, response) => {
      const read = reads.find((r) => r.id === ref);
      if (!read) return;
      if (!response.ok) {
        outcomes.set(ref, response);
        return;
      }
      if ('soql' in read) {
        const page = queryPage(ref, response.body);
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
        const page = queryPage(ref, response.body);
        q.records.push(...page.records);
        const next = page.done === false ? page.nextRecordsUrl : undefined;
        if (next && next === q.next) throw malformed(`query ${ref} (the next page repeats)`);
        q.next = next;
      });
    }
    for (const [ref, q] of queries) {
      outcomes.set(ref, { ok: true, records: q.records, totalSize: q.totalSize });
    }
    return outcomes;
  }

  private async runInChunks(subrequests: Subrequest[], onResponse: (referenceId: string, response: SubOutcome) => void): Promise<void> {
    for (const batch of compositeBatches(subrequests)) {
      const compositeRequest: CompositeSubrequest[] = batch.map((s) => ({ method: 'GET', url: s.url, referenceId: s.referenceId }));
      // eslint-disable-next-line no-await-in-loop
      const responses = await this.transport.retry(async () => {
        const answers = await this.composite(compositeRequest);
        // A server error of one subrequest is not a fact about the org: send the batch again
        // (it only reads), and if it persists stop, rather than let a check become `skip`.
        const failed = answers.find((r) => r.httpStatusCode >= 500);
        if (failed) throw serverError(failed.httpStatusCode, firstApiError(failed.body)?.errorCode ?? '', null);
        return answers;
      });
      for (const sub of batch) {
        const response = responses.find((r) => r.referenceId === sub.referenceId);
        if (!response) throw malformed(`composite subrequest ${sub.referenceId}`);
        if (response.httpStatusCode >= 200 && response.httpStatusCode < 300) {
          onResponse(sub.referenceId, { ok: true, body: response.body });
          continue;
        }
        const apiError = firstApiError(response.body) ?? {
          errorCode: `HTTP_${response.httpStatusCode}`,
          message: typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
        };
        onResponse(sub.referenceId, refusal(response.httpStatusCode, apiError));
      }
    }
  }

  private async composite(compositeRequest: CompositeSubrequest[]): Promise<CompositeSubresponse[]> {
    let body: unknown;
    try {
      body = await this.transport.send<unknown>({
        method: 'POST',
        url: `${this.transport.dataPath}/composite`,
        body: JSON.stringify({ allOrNone: false, compositeRequest }),
        headers: { 'Content-Type': 'application/json' },
      });
    } catch (error) {
      if (error instanceof SfError) throw error;
      // The whole batch was refused: nothing to record per read, so stop with an action.
      const e = error as { errorCode?: string; name?: string; message?: string };
      if (e.errorCode === 'NOT_FOUND') await this.checkApiVersion();
      throw requestFailed(e.errorCode ?? e.name ?? 'UNKNOWN', e.message ?? String(error));
    }
    if (!isObject(body) || !Array.isArray(body.compositeResponse)) throw malformed('composite');
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
    this.versionList ??= this.transport.send<unknown>({ method: 'GET', url: '/services/data' }).catch(() => undefined);
    const list = await this.versionList;
    if (list === undefined) return;
    const versions = (Array.isArray(list) ? list : [])
      .map((v: unknown) => (isObject(v) ? String(v.version) : ''))
      .filter((v) => /^\d+\.\d$/.test(v))
      .sort((a, b) => Number(a) - Number(b));
    const apiVersion = this.transport.apiVersion;
    if (versions.length === 0 || versions.includes(apiVersion)) return;
    const newest = versions[versions.length - 1];
    throw errors.createError('error.ApiVersionUnsupported', [apiVersion, versions[0], newest], [newest]);
  }
}
