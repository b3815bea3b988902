/*
 * SalesforceClient.openStream: the streamed GET the log-file download uses. Same counting,
 * error mapping and --request-timeout as every other request of the plugin.
 */
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { expect } from 'chai';
import { AuthInfo, Connection } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { SalesforceClient } from '../../src/salesforce/client.js';
import type { StreamOutcome } from '../../src/salesforce/stream.js';
import { parseLogFileStream } from '../../src/accessErrors/logFiles/parse.js';
import { logFile, row, SERVICE_18 } from '../accessErrors/helpers.js';

type Call = { url: string; authorization: string | null };
const PATH = '/sobjects/EventLogFile/0AT000000000D02AAA/LogFile';
const apiError = (status: number, errorCode: string, message: string): Response =>
  new Response(JSON.stringify([{ errorCode, message }]), { status, headers: { 'Content-Type': 'application/json' } });

/** A body that sends `first` and then nothing more (the connection stalls). */
function stallingBody(first: string): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller): void {
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
}

/** fetch that never answers until aborted. */
const hangingFetch = (_input: unknown, init?: RequestInit): Promise<Response> =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
  });

async function expectThrows(promise: Promise<unknown>): Promise<{ name: string; message: string; actions?: string[] }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string; actions?: string[] };
  }
  return expect.fail('should have thrown');
}

describe('SalesforceClient.openStream (streamed GET)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let conn: Connection;
  let calls: Call[];

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    conn = await Connection.create({ authInfo: await AuthInfo.create({ username: testOrg.username }) });
    conn.setApiVersion('62.0');
    calls = [];
  });
  afterEach(() => $$.restore());

  function stubFetch(...answers: Array<Response | typeof hangingFetch>): void {
    let i = 0;
    $$.SANDBOX.stub(globalThis, 'fetch').callsFake(((input: unknown, init?: RequestInit) => {
      calls.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
      const answer = answers[Math.min(i++, answers.length - 1)];
      return typeof answer === 'function' ? answer(input, init) : Promise.resolve(answer);
    }) as typeof fetch);
  }

  it('streams the body from the instance URL with the bearer token, one API call', async () => {
    const body = logFile([row(SERVICE_18, '2024-05-02T09:10:00Z')]);
    stubFetch(new Response(body, { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Length': String(Buffer.byteLength(body)) } }));
    const client = new SalesforceClient(conn, { timeoutMs: 2000 });
    const outcome = await client.openStream(PATH, { accept: 'text/csv' });
    expect(outcome.ok).to.equal(true);
    const { stream, contentLength } = outcome as Extract<StreamOutcome, { ok: true }>;
    expect(stream).to.be.instanceOf(Readable);
    expect(await text(stream)).to.equal(body);
    expect(contentLength).to.equal(Buffer.byteLength(body));
    expect(client.apiCalls).to.equal(1);
    expect(calls).to.deep.equal([{ url: `${conn.instanceUrl}/services/data/v62.0${PATH}`, authorization: `Bearer ${conn.accessToken}` }]);
  });

  it('401 INVALID_SESSION_ID: refreshes the session once and sends again with the new token (two calls)', async () => {
    stubFetch(apiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'), new Response('EVENT_TYPE,USER_ID\n', { status: 200 }));
    const refresh = $$.SANDBOX.stub(conn, 'refreshAuth').callsFake(() => {
      conn.accessToken = '00DNEWTOKEN!fresh';
      return Promise.resolve();
    });
    const client = new SalesforceClient(conn, { timeoutMs: 2000 });
    const outcome = await client.openStream(PATH);
    expect(outcome.ok).to.equal(true);
    expect(refresh.callCount).to.equal(1);
    expect(calls.map((c) => c.authorization?.replace(/Bearer .*!fresh$/, 'Bearer NEW'))).to.deep.equal([`Bearer ${calls[0].authorization?.slice(7)}`, 'Bearer NEW']);
    expect(client.apiCalls).to.equal(2);
  });

  it('401 again after the refresh: the session error with its action, no third try, no token in the message', async () => {
    stubFetch(apiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'));
    const refresh = $$.SANDBOX.stub(conn, 'refreshAuth').resolves();
    const client = new SalesforceClient(conn, { timeoutMs: 2000 });
    const e = await expectThrows(client.openStream(PATH));
    expect(e.name).to.equal('ApiFatalSessionError');
    expect(e.message).to.include('INVALID_SESSION_ID');
    expect(e.actions?.[0]).to.include('sf org login web');
    expect(e.message).not.to.include(String(conn.accessToken));
    expect(refresh.callCount).to.equal(1);
    expect(calls).to.have.length(2);
    expect(client.apiCalls).to.equal(2);
  });

  it('a refresh that fails (no refresh token) is the session error too', async () => {
    stubFetch(apiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'));
    $$.SANDBOX.stub(conn, 'refreshAuth').rejects(new Error('No refresh token found'));
    const e = await expectThrows(new SalesforceClient(conn, { timeoutMs: 2000 }).openStream(PATH));
    expect(e.name).to.equal('ApiFatalSessionError');
    expect(calls).to.have.length(1);
  });

  it('403 REQUEST_LIMIT_EXCEEDED stops with the API-limit action; 5xx is the server error', async () => {
    const down = (): Response => apiError(503, 'SERVER_UNAVAILABLE', 'down');
    stubFetch(apiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), down(), down(), down());
    const client = new SalesforceClient(conn, { timeoutMs: 2000, retry: { baseDelayMs: 5 } });
    const limit = await expectThrows(client.openStream(PATH));
    expect(limit.name).to.equal('ApiFatalRequestLimitError');
    expect(limit.actions?.[0]).to.match(/24-hour window/);
    expect(calls, 'the API limit is not retried').to.have.length(1);
    const server = await expectThrows(client.openStream(PATH));
    expect(server.name).to.equal('ServerErrorPersistentError');
    expect(server.message).to.include('SERVER_UNAVAILABLE');
    expect(server.message).to.include('3 times');
    expect(calls, 'a 5xx is sent 3 times in all').to.have.length(4);
  });

  it('404 NOT_FOUND and 403 INSUFFICIENT_ACCESS concern this read only: a ReadFailure, not an error', async () => {
    stubFetch(apiError(404, 'NOT_FOUND', 'The requested resource does not exist'), apiError(403, 'INSUFFICIENT_ACCESS', 'no View Event Log Files'));
    const client = new SalesforceClient(conn, { timeoutMs: 2000 });
    expect(await client.openStream(PATH)).to.deep.equal({ ok: false, httpStatusCode: 404, errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' });
    expect(await client.openStream(PATH)).to.deep.include({ ok: false, httpStatusCode: 403, errorCode: 'INSUFFICIENT_ACCESS' });
    expect(client.apiCalls).to.equal(2);
  });

  it('no response within --request-timeout: the same RequestTimeout error as any request', async () => {
    stubFetch(hangingFetch);
    const client = new SalesforceClient(conn, { timeoutMs: 1000 });
    const started = Date.now();
    const e = await expectThrows(client.openStream(PATH, { timeoutMs: 80 }));
    expect(Date.now() - started).to.be.lessThan(1000);
    expect(e.name).to.equal('RequestTimeoutError');
    expect(e.actions?.join(' ')).to.include('--request-timeout');
  });

  it('a body that stops flowing for --request-timeout fails the stream with the timeout error; the parser reports the file as a broken download', async () => {
    const body = logFile([row(SERVICE_18, '2024-05-02T09:10:00Z'), row(SERVICE_18, '2024-05-02T09:11:00Z')]);
    stubFetch(new Response(stallingBody(body), { status: 200 }));
    const client = new SalesforceClient(conn, { timeoutMs: 100 });
    const outcome = (await client.openStream(PATH)) as Extract<StreamOutcome, { ok: true }>;
    const started = Date.now();
    const parsed = await parseLogFileStream(outcome.stream, { onRow: () => {} });
    expect(Date.now() - started).to.be.within(80, 2000);
    expect(parsed.rows, 'complete rows before the stall still count').to.be.at.least(1);
    expect(parsed.damage?.kind).to.equal('download');
    expect(parsed.damage?.detail).to.match(/did not respond within 1 seconds/);
  });

  it('a slow body that keeps coming is not cut off while it is within its total deadline (2 x timeout + 1 s per MB)', async () => {
    const lines = ['EVENT_TYPE,USER_ID\n', ...Array.from({ length: 6 }, (_, i) => `InsufficientAccess,005${i}\n`)];
    let i = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller): Promise<void> {
        await new Promise((r) => setTimeout(r, 40));
        if (i < lines.length) controller.enqueue(new TextEncoder().encode(lines[i++]));
        else controller.close();
      },
    });
    stubFetch(new Response(slow, { status: 200 }));
    const client = new SalesforceClient(conn, { timeoutMs: 100 });
    // LogFileLength of 1 MB: 200 ms + 1 s allowed in total.
    const outcome = (await client.openStream(PATH, { expectedBytes: 1024 * 1024 })) as Extract<StreamOutcome, { ok: true }>;
    const started = Date.now();
    expect(await text(outcome.stream)).to.equal(lines.join(''));
    expect(Date.now() - started).to.be.greaterThan(150);
  });

  it('a body that drips forever, never idle for the timeout, ends at its total deadline with the download timeout', async () => {
    const drip = new ReadableStream<Uint8Array>({
      async pull(controller): Promise<void> {
        await new Promise((r) => setTimeout(r, 30));
        controller.enqueue(new TextEncoder().encode('x'));
      },
    });
    stubFetch(new Response(drip, { status: 200 }));
    const client = new SalesforceClient(conn, { timeoutMs: 100 });
    const outcome = (await client.openStream(PATH)) as Extract<StreamOutcome, { ok: true }>;
    const started = Date.now();
    const e = await expectThrows(text(outcome.stream));
    expect(Date.now() - started).to.be.within(150, 1500);
    expect(e.name).to.equal('DownloadTimeoutError');
    expect(e.actions?.join(' ')).to.include('--request-timeout');
  });

  it('a 503 with Retry-After is sent again after that wait, then read', async () => {
    const body = logFile([row(SERVICE_18, '2024-05-02T09:10:00Z')]);
    stubFetch(
      new Response(JSON.stringify([{ errorCode: 'SERVER_UNAVAILABLE', message: 'maintenance' }]), { status: 503, headers: { 'Retry-After': '1' } }),
      new Response(body, { status: 200 })
    );
    const client = new SalesforceClient(conn, { timeoutMs: 2000, retry: { baseDelayMs: 5 } });
    const started = Date.now();
    const outcome = (await client.openStream(PATH)) as Extract<StreamOutcome, { ok: true }>;
    expect(Date.now() - started, 'waited what Retry-After asked').to.be.within(950, 3000);
    expect(await text(outcome.stream)).to.equal(body);
    expect(client.apiCalls).to.equal(2);
  });

  it('a 503 asking to wait longer than the bound is not waited for: the error says when to come back', async () => {
    stubFetch(new Response('[]', { status: 503, headers: { 'Retry-After': '3600' } }));
    const e = await expectThrows(new SalesforceClient(conn, { timeoutMs: 2000 }).openStream(PATH));
    expect(e.name).to.equal('RetryAfterTooLongError');
    expect(e.message).to.include('3600 seconds');
    expect(calls).to.have.length(1);
  });

  it('a hang before the answer is tried once more, then it is the timeout error', async () => {
    stubFetch(hangingFetch);
    const client = new SalesforceClient(conn, { timeoutMs: 80, retry: { baseDelayMs: 5 } });
    const e = await expectThrows(client.openStream(PATH));
    expect(e.name).to.equal('RequestTimeoutError');
    expect(calls).to.have.length(2);
  });

  it('an untrusted certificate is named, with NODE_EXTRA_CA_CERTS as the fix, and not retried', async () => {
    stubFetch(() => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }) })));
    const e = await expectThrows(new SalesforceClient(conn, { timeoutMs: 2000 }).openStream(PATH));
    expect(e.name).to.equal('CertificateUntrustedError');
    expect(e.message).to.include('SELF_SIGNED_CERT_IN_CHAIN');
    expect(e.actions?.join(' ')).to.include('NODE_EXTRA_CA_CERTS');
    expect(e.message + (e.actions ?? []).join(' ')).not.to.match(/system administrator/);
    expect(calls).to.have.length(1);
  });
});
