import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import Preflight, { type PreflightResult } from '../../src/commands/code42/preflight.js';
import { FakeOrg } from './fakeOrg.js';

export type Harness = {
  $$: TestContext;
  testOrg: MockTestOrgData;
  ux: () => ReturnType<typeof stubSfCommandUx>;
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
  return { $$, testOrg, ux: () => ux };
}

export async function runWith(h: Harness, fake: FakeOrg, args: string[] = []): Promise<PreflightResult> {
  h.$$.fakeConnectionRequest = fake.handler();
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
