import { expect } from 'chai';
import { resultRecord, RESULT_JSON_MAX } from '../../src/preflight/run.js';
import type { PreflightResult } from '../../src/preflight/result.js';

function result(checks: PreflightResult['checks']): PreflightResult {
  return {
    org: { id: '00D000000000001AAA', name: 'Acme', edition: 'Enterprise Edition', instanceUrl: 'https://acme.my.salesforce.com', isSandbox: false },
    checks,
    scope: { mode: 'all', entries: 0, unmatched: [], notMonitored: [] },
    inScopeUsers: Array.from({ length: 3 }, (_, i) => ({ id: `005${i}`, username: `user${i}@acme.example`, name: 'N', email: 'e', grantedBy: [] })),
    summary: { pass: checks.length, warn: 0, fail: 0, skip: 0 },
    apiCalls: 3,
    status: 'pass',
    connectionStatus: { state: 'Monitoring', message: 'ok', causes: [] },
    serviceUsers: [],
    holdersTotal: 3,
    activeSessionUserIds: [],
    limits: null,
    apiVersion: '62.0',
    unavailable: {},
    notes: [],
  };
}

describe('the saved result (--save-result record)', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');

  it('stores the versioned shape with counts, not the user list', () => {
    const record = resultRecord(result([{ id: 'org-edition', title: 'T', status: 'pass', message: 'm', remediation: [], unmatched: [{ row: 1, value: 'x' }] }]), now);
    const stored = JSON.parse(record.Result_JSON__c) as Record<string, any>;
    expect(stored).to.include({ format: 'code42-preflight-result', version: 1, runAt: '2026-12-01T10:00:00.000Z' });
    expect(stored.scope).to.deep.equal({ mode: 'all', entries: 0, inScopeCount: 3, holdersTotal: 3 });
    expect(stored.checks).to.deep.equal([{ id: 'org-edition', title: 'T', status: 'pass', message: 'm', remediation: [] }]);
    expect(record.Result_JSON__c).to.not.include('user0@acme.example');
  });

  it('shortens one very long message visibly instead of cutting the document', () => {
    const record = resultRecord(result([{ id: 'scope-entries', title: 'T', status: 'warn', message: 'x'.repeat(50_000), remediation: [] }]), now);
    const stored = JSON.parse(record.Result_JSON__c) as { checks: Array<{ message: string }> };
    expect(stored.checks[0].message).to.have.length.below(2001);
    expect(stored.checks[0].message).to.match(/shortened; run the preflight for all of it\)$/);
  });

  it('refuses a document that would not fit the field, and names both sizes', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ id: `check-${i}`, title: 'T', status: 'warn' as const, message: 'y'.repeat(1990), remediation: [] }));
    expect(() => resultRecord(result(many), now)).to.throw(/would be [\d,]+ characters, more than the 131,072 .*Nothing was written/);
    expect(RESULT_JSON_MAX).to.equal(131_072);
  });
});
