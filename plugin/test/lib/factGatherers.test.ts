/*
 * The per-fact gatherers of src/facts: each turns read outcomes into a value or a reason an
 * admin can act on, and the scope-only entry point (access-errors --in-scope) spends only the
 * reads the scope needs.
 */
import { expect } from 'chai';
import type { SalesforceClient } from '../../src/salesforce/client.js';
import type { ReadOutcome, ReadRequest } from '../../src/salesforce/composite.js';
import { orgFact } from '../../src/facts/org.js';
import { streamsFact } from '../../src/facts/streams.js';
import { sessionsFact } from '../../src/facts/sessions.js';
import { limitsFact } from '../../src/facts/limits.js';
import { settle } from '../../src/facts/read.js';
import { gatherInScopeUsers } from '../../src/facts/scope.js';

const ok = (records: Array<Record<string, unknown>>): ReadOutcome => ({ ok: true, records, totalSize: records.length });
const denied = (errorCode: string): ReadOutcome => ({ ok: false, errorCode, message: 'no', httpStatusCode: 403 }) as ReadOutcome;

describe('fact gatherers', () => {
  it('org: the 18-character Id and the My Domain; a failed read becomes a reason naming the object and the code', () => {
    const fact = orgFact(ok([{ Id: '00D000000000001', Name: 'Acme', OrganizationType: 'Enterprise Edition', IsSandbox: false }]), 'https://acme.my.salesforce.com');
    expect(fact).to.have.property('value').that.deep.includes({ id: '00D000000000001EAA', name: 'Acme', myDomain: 'acme.my.salesforce.com' });
    const unavailable: Record<string, string> = {};
    expect(settle(orgFact(denied('INSUFFICIENT_ACCESS'), undefined), 'org', unavailable)).to.equal(null);
    expect(unavailable.org).to.include('Organization').and.include('INSUFFICIENT_ACCESS');
  });

  it('streams: a stream missing from RealTimeEventSettings is off; INSUFFICIENT_ACCESS says which permission would reveal them', () => {
    const fact = streamsFact({ ok: true, records: [{ fullName: 'RealTimeEvent', realTimeEvents: [{ entityName: 'LoginEventStream', isEnabled: 'true' }] }] } as never);
    expect(fact).to.have.property('value').that.includes({ LoginEventStream: true, LogoutEventStream: false, ReportEventStream: false });
    const hidden = streamsFact({ ok: false, errorCode: 'INSUFFICIENT_ACCESS', message: '' } as never);
    expect(hidden).to.have.property('unavailable').that.includes('hidden from the user running this check');
  });

  it('sessions: only in-scope users with a session count, matched across 15/18-character Ids', () => {
    const users = [{ id: '005000000000001AAA' }, { id: '005000000000002AAA' }] as never;
    expect(sessionsFact(ok([{ UsersId: '005000000000001' }, { UsersId: '005000000000009' }]), users)).to.deep.equal({ value: ['005000000000001AAA'] });
    expect(sessionsFact(denied('INVALID_TYPE'), users)).to.have.property('unavailable').that.includes('hidden from the user running this check');
  });

  it('limits: the Sforce-Limit-Info header costs no call; without it, one GET /limits; a refused one says why', async () => {
    const gets: string[] = [];
    const client = (header: { max: number; remaining: number } | undefined, answer: ReadOutcome): SalesforceClient =>
      ({
        dailyApiUsageFromHeaders: () => header,
        get: async (path: string) => (gets.push(path), answer),
      }) as unknown as SalesforceClient;
    const limitsBody = { ok: true, body: { DailyApiRequests: { Max: 15000, Remaining: 14200 } } } as unknown as ReadOutcome;

    expect(await limitsFact(client({ max: 15000, remaining: 14990 }, limitsBody))).to.deep.equal({ value: { dailyApiRequests: { max: 15000, remaining: 14990 } } });
    expect(gets).to.deep.equal([]);

    expect(await limitsFact(client(undefined, limitsBody))).to.deep.equal({ value: { dailyApiRequests: { max: 15000, remaining: 14200 } } });
    expect(gets).to.deep.equal(['/limits']);

    const noDaily = await limitsFact(client(undefined, { ok: true, body: {} } as unknown as ReadOutcome));
    expect(noDaily).to.have.property('unavailable').that.includes('did not include DailyApiRequests');
    const refused = await limitsFact(client(undefined, denied('INSUFFICIENT_ACCESS')));
    expect(refused).to.have.property('unavailable').that.includes('INSUFFICIENT_ACCESS');
  });
});

describe('gatherInScopeUsers (access-errors --in-scope)', () => {
  it('reads muting, the assignment describe and the holders in two Composite batches, nothing the preflight alone needs', async () => {
    const batches: ReadRequest[][] = [];
    const answers: Record<string, ReadOutcome> = {
      groupComponents: ok([{ PermissionSetGroupId: '0PG000000000001AAA', PermissionSetId: '0QM000000000001AAA' }]),
      muting: ok([{ Id: '0QM000000000001AAA', DeveloperName: 'NoExport' }]),
      describeAssignment: { ok: true, body: { fields: [{ name: 'AssigneeId' }, { name: 'PermissionSetGroupId' }] } },
      holders: ok([
        { AssigneeId: '005000000000001AAA', PermissionSet: { Name: 'Exporters', Label: 'Exporters' }, Assignee: { Username: 'b@acme.com' } },
        { AssigneeId: '005000000000002AAA', PermissionSetGroupId: '0PG000000000001AAA', PermissionSet: { Name: 'x' }, Assignee: { Username: 'a@acme.com' } },
      ]),
    };
    const client = {
      readAll: async (reads: ReadRequest[]) => {
        batches.push(reads);
        return new Map(reads.map((r) => [r.id, answers[r.id]]));
      },
      readMetadata: () => expect.fail('no Metadata call'),
      get: () => expect.fail('no GET'),
    } as unknown as SalesforceClient;
    const users = await gatherInScopeUsers(client, { scopeMode: 'all', now: new Date('2026-12-01T00:00:00Z') });
    expect(batches.map((b) => b.map((r) => r.id))).to.deep.equal([['groupComponents', 'muting', 'describeAssignment'], ['holders']]);
    expect((batches[1][0] as { soql: string }).soql).to.include('PermissionSetGroupId').and.not.include('ExpirationDate');
    expect(users.map((u) => u.username), 'the holder muted through its group is not monitored').to.deep.equal(['b@acme.com']);
  });
});
