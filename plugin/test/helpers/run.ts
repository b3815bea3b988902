import { Connection } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import Preflight, { type PreflightResult } from '../../src/commands/code42/preflight.js';
import type { Simulator } from './simulatedOrg.js';

/** jsforce's own request, kept before TestContext stubs it, so the command really talks HTTP to the simulator. */
const realRequest = Connection.prototype.request;

export type Harness = {
  $$: TestContext;
  testOrg: MockTestOrgData;
  ux: () => ReturnType<typeof stubSfCommandUx>;
  /** Every request the last run sent through its connection (method, URL, body), for asserting on bodies. */
  sent: Array<{ method: string; url: string; body?: string }>;
};

/** TestContext + a mock org + stubbed command output, restored after each test. */
export function harness(): Harness {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let ux: ReturnType<typeof stubSfCommandUx>;
  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    ux = stubSfCommandUx($$.SANDBOX);
    stubSpinner($$.SANDBOX);
    process.exitCode = undefined;
  });
  afterEach(() => {
    $$.restore();
    process.exitCode = undefined;
  });
  return { $$, testOrg, ux: () => ux, sent: [] };
}

/** The simulator each connection was sent to: a connection of an earlier test never reaches a later test's org. */
const boundTo = new WeakMap<Connection, Simulator>();

/**
 * Sends the mock org's requests over HTTP to `sim` (its instance URL and access token), so a
 * command under test talks to the simulator; every request is recorded in `sent`. Like the CLI's
 * access-token login to the simulator (e2e), the connection holds no refresh token: an
 * INVALID_SESSION_ID answer reaches the plugin instead of a refresh sent to the mock login URL.
 * A retry still pending from an earlier test's run (its connection bound to that test's simulator)
 * is refused, so it can neither land in this test's org nor add to its API calls.
 */
export function forwardTo($$: TestContext, testOrg: MockTestOrgData, sim: Simulator, sent: Harness['sent'] = []): void {
  const mockUrl = testOrg.instanceUrl;
  sent.length = 0;
  $$.fakeConnectionRequest = function (this: Connection, request, options) {
    const bound = boundTo.get(this);
    if (bound && bound !== sim) return Promise.reject(new Error('a request left over from an earlier test (its simulator is stopped)'));
    boundTo.set(this, sim);
    this.instanceUrl = sim.instanceUrl;
    this.accessToken = sim.accessToken;
    (this as unknown as { _refreshDelegate?: unknown })._refreshDelegate = undefined;
    const r = (typeof request === 'string' ? { method: 'GET', url: request } : request) as { method?: string; url: string; body?: unknown };
    const url = r.url.startsWith(mockUrl) ? sim.instanceUrl + r.url.slice(mockUrl.length) : r.url;
    sent.push({ method: String(r.method ?? 'GET'), url, body: typeof r.body === 'string' ? r.body : undefined });
    type Args = Parameters<Connection['request']>;
    const forwarded = (typeof request === 'string' ? url : { ...(request as object), url }) as Args[0];
    return realRequest.call(this, forwarded, options as Args[1]) as ReturnType<TestContext['fakeConnectionRequest']>;
  };
}

/** Runs the preflight command against the simulator (see forwardTo), so one test may run against several orgs. */
export async function runWith(h: Harness, sim: Simulator, args: string[] = []): Promise<PreflightResult> {
  forwardTo(h.$$, h.testOrg, sim, h.sent);
  return Preflight.run(['--target-org', h.testOrg.username, '--api-version', '62.0', ...args]);
}

export function check(result: PreflightResult, id: string): PreflightResult['checks'][number] {
  const found = result.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

export function logged(h: Harness): string {
  return h
    .ux()
    .log.getCalls()
    .flatMap((c) => c.args)
    .join('\n');
}
