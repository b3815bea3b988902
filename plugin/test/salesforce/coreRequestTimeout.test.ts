/*
 * --request-timeout reaches the requests @salesforce/core sends on its own (defect 2 of issue 10):
 * a jsforce request, as core makes it (no timeout option of its own), to a server that never
 * answers ends at the bound the command set.
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { boundCoreRequests, requestTimeoutFromArgv, withLoginDeadline } from '../../src/salesforce/coreRequestTimeout.js';

type JsforceConnection = { request: (url: string) => Promise<unknown> };
const fromCore = createRequire(createRequire(import.meta.url).resolve('@salesforce/core'));
const jsforce = fromCore('@jsforce/jsforce-node') as { Connection: new (o: Record<string, string>) => JsforceConnection };

describe('coreRequestTimeout', () => {
  let server: Server;
  let url: string;
  const sockets = new Set<import('node:net').Socket>();

  before(async () => {
    // Accepts every request and never answers.
    server = createServer(() => {});
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    boundCoreRequests(60_000);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads --request-timeout from argv in both spellings, and nothing else', () => {
    expect(requestTimeoutFromArgv(['--target-org', 'x', '--request-timeout', '5'])).to.equal(5);
    expect(requestTimeoutFromArgv(['--request-timeout=7', '--json'])).to.equal(7);
    expect(requestTimeoutFromArgv(['--json'])).to.equal(undefined);
    expect(requestTimeoutFromArgv(['--request-timeout', 'soon'])).to.equal(undefined);
    expect(requestTimeoutFromArgv(['--request-timeout', '0'])).to.equal(undefined);
  });

  it("bounds a jsforce request that sets no timeout itself (core's login-time requests) to the command's timeout", async () => {
    expect(boundCoreRequests(300)).to.equal(true);
    const conn = new jsforce.Connection({ instanceUrl: url, accessToken: '00Dx!token', version: '62.0' });
    const started = Date.now();
    const outcome = await conn.request('/services/data').then(
      () => 'answered',
      (e: Error) => e.name
    );
    expect(outcome).to.equal('AbortError');
    expect(Date.now() - started).to.be.within(250, 5000);
  });

  it('the login deadline is 4 x the request timeout: a slow login passes, one that never ends is LoginTimeoutError', async () => {
    expect(await withLoginDeadline(new Promise((r) => setTimeout(() => r('parsed'), 150)), 50)).to.equal('parsed');
    const started = Date.now();
    const e = await withLoginDeadline(new Promise(() => {}), 50).then(
      () => undefined,
      (error: Error & { actions?: string[] }) => error
    );
    expect(e?.name).to.equal('LoginTimeoutError');
    expect(e?.actions?.join(' ')).to.include('--request-timeout');
    expect(Date.now() - started).to.be.within(180, 1000);
  });
});
