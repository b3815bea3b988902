/*
 * The only HTTP layer of the plugin. Everything the commands read goes through one
 * SalesforceClient, so this is where calls are batched (composite.ts), streamed (stream.ts),
 * read from the Metadata API (metadata.ts), counted (apiCalls), bounded in time
 * (--request-timeout, transport.ts) and where Salesforce errors become either an actionable
 * SfError or a recorded failure of one read that the caller turns into an `unavailable`
 * reason (errors.ts).
 */
import type { Connection } from '@salesforce/core';
import { CompositeReader, queryUrl, type ReadOutcome, type ReadRequest } from './composite.js';
import { malformed, readFailureOrThrow } from './errors.js';
import { isObject, type SfRecord } from './records.js';
import { readMetadata, type MetadataReadOutcome } from './metadata.js';
import { openStream, type StreamOptions, type StreamOutcome } from './stream.js';
import { Transport, type ClientOptions } from './transport.js';


export class SalesforceClient {
  private readonly transport: Transport;
  private readonly reader: CompositeReader;

  public constructor(private readonly conn: Connection, options: ClientOptions) {
    this.transport = new Transport(conn, options);
    this.reader = new CompositeReader(this.transport);
  }

  /** API calls this run spent (each Composite request, page, metadata read, download or GET counts one). */
  public get apiCalls(): number {
    return this.transport.apiCalls;
  }

  public get version(): string {
    return this.transport.apiVersion;
  }

  public get dataPath(): string {
    return this.transport.dataPath;
  }

  /** The org's daily API usage as reported by the last Sforce-Limit-Info header, if any. */
  public dailyApiUsageFromHeaders(): { max: number; remaining: number } | undefined {
    const usage = (this.conn as unknown as { limitInfo?: { apiUsage?: { used: number; limit: number } } }).limitInfo
      ?.apiUsage;
    if (!usage || typeof usage.limit !== 'number' || typeof usage.used !== 'number') return undefined;
    return { max: usage.limit, remaining: Math.max(0, usage.limit - usage.used) };
  }

  public queryUrl(soql: string): string {
    return queryUrl(this.transport, soql);
  }

  /** Independent reads in as few Composite requests as Salesforce allows, every query paged to `done`. */
  public readAll(reads: ReadRequest[]): Promise<Map<string, ReadOutcome>> {
    return this.reader.readAll(reads);
  }

  /** One plain GET of a REST resource under /services/data/vXX.X (one API call). */
  public async get(path: string): Promise<ReadOutcome> {
    try {
      const body = await this.transport.retry(() =>
        this.transport.send<SfRecord>({ method: 'GET', url: `${this.transport.dataPath}${path}` })
      );
      return { ok: true, body };
    } catch (error) {
      return readFailureOrThrow(error);
    }
  }

  /** One streamed GET (an event log file), bounded in time; see stream.ts. */
  public openStream(path: string, options: StreamOptions = {}): Promise<StreamOutcome> {
    return openStream(this.transport, path, options);
  }

  /** Metadata API readMetadata (one API call, at most 10 names); see metadata.ts. */
  public readMetadata(type: string, fullNames: string[]): Promise<MetadataReadOutcome> {
    return readMetadata(this.transport, type, fullNames);
  }

  /** The one write the plugin can make (only with --save-result): create one record. Never retried. */
  public async createRecord(sobject: string, fields: SfRecord): Promise<{ id: string }> {
    const body = await this.transport.send<SfRecord>({
      method: 'POST',
      url: `${this.transport.dataPath}/sobjects/${sobject}`,
      body: JSON.stringify(fields),
      headers: { 'Content-Type': 'application/json' },
    });
    if (!isObject(body) || typeof body.id !== 'string') throw malformed(`create ${sobject}`);
    return { id: body.id };
  }

  /**
   * One Apex REST call, /services/apexrest<path> (one API call): the watch's start, stop and
   * status (Code42HealthWatchRest). A refusal that concerns only this call (NOT_FOUND when the
   * class is not deployed, INSUFFICIENT_ACCESS) comes back as a failure.
   */
  public async apexRest(method: 'GET' | 'POST' | 'DELETE', path: string): Promise<ReadOutcome> {
    try {
      const body = await this.transport.send<SfRecord>({
        method,
        url: `/services/apexrest${path}`,
        ...(method === 'POST' ? { body: '{}', headers: { 'Content-Type': 'application/json' } } : {}),
      });
      if (!isObject(body)) throw malformed(`Apex REST ${path}`);
      return { ok: true, body };
    } catch (error) {
      return readFailureOrThrow(error);
    }
  }
}
