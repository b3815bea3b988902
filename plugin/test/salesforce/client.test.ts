/*
 * SalesforceClient against the org simulator on an ephemeral port: Composite batching and
 * paging, per-read failures, fatal and server errors, Metadata reads. The simulator evaluates
 * the SOQL (no answers keyed on query text), counts the calls and injects faults.
 */
import { expect } from 'chai';
import { AuthInfo, Connection } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { SalesforceClient } from '../../src/salesforce/client.js';
import { connectionTo, startSimulatedOrg, type Simulator } from '../helpers/simulatedOrg.js';

type Rows = Array<Record<string, unknown>>;

async function expectThrows(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  return expect.fail('expected an error');
}

describe('salesforce/client (against the simulator)', () => {
  let sim: Simulator;
  let conn: Connection;

  async function start(options: { pageSize?: number } = {}): Promise<void> {
    sim = await startSimulatedOrg(options);
    conn = await connectionTo(sim);
    sim.resetLog();
  }
  afterEach(async () => sim?.stop());

  // Retries wait 5 ms here instead of 0.5 s (the policy is the same; see RETRY).
  const client = (): SalesforceClient => new SalesforceClient(conn, { timeoutMs: 5000, retry: { baseDelayMs: 5 } });
  const rows = (name: string): Rows => sim.org.objects[name] ?? [];

  it('batches 7 queries and 3 GETs into 2 Composite calls (at most 5 queries each)', async () => {
    await start();
    const c = client();
    const reads = [
      ...Array.from({ length: 7 }, (_, i) => ({ id: `q${i}`, soql: 'SELECT Id FROM Organization' })),
      ...['PermissionSet', 'ReportEvent', 'Nope'].map((o) => ({ id: o, path: `/sobjects/${o}/describe` })),
    ];
    const out = await c.readAll(reads);
    expect(c.apiCalls).to.equal(2);
    expect(sim.apiCalls()).to.equal(2);
    expect(sim.requests.map((r) => r.subrequests?.filter((s) => s.url.includes('/query')).length)).to.deep.equal([5, 2]);
    expect(out.get('q6')).to.deep.include({ ok: true, totalSize: 1 });
    expect(out.get('PermissionSet')?.ok).to.equal(true);
    expect(out.get('Nope')).to.deep.include({ ok: false, errorCode: 'NOT_FOUND', httpStatusCode: 404 });
  });

  it('pages every query to the end, the next pages of several queries batched together', async () => {
    await start({ pageSize: 2 });
    const users = rows('User').length;
    const profiles = rows('Profile').length;
    expect(users).to.be.greaterThan(4);
    const c = client();
    const out = await c.readAll([
      { id: 'users', soql: 'SELECT Id FROM User' },
      { id: 'profiles', soql: 'SELECT Id FROM Profile' },
    ]);
    expect((out.get('users') as { records: unknown[] }).records).to.have.length(users);
    expect((out.get('profiles') as { records: unknown[] }).records).to.have.length(profiles);
    expect(out.get('users')).to.deep.include({ totalSize: users });
    // One call for both first pages, then one per round of next pages (both queries in one call).
    const rounds = Math.max(Math.ceil(users / 2), Math.ceil(profiles / 2)) - 1;
    expect(c.apiCalls).to.equal(1 + rounds);
    expect(sim.apiCalls()).to.equal(1 + rounds);
    expect(sim.requests.slice(1).every((r) => r.subrequests?.every((s) => !s.url.includes('/query?q=')))).to.equal(true);
  });

  it('a failing subrequest is recorded (INVALID_FIELD), the others still answer', async () => {
    await start();
    const out = await client().readAll([
      { id: 'login', soql: 'SELECT UserId, NoSuchField__c FROM UserLogin' },
      { id: 'org', soql: 'SELECT Id FROM Organization' },
    ]);
    expect(out.get('login')).to.deep.include({ ok: false, httpStatusCode: 400, errorCode: 'INVALID_FIELD' });
    expect(out.get('org')?.ok).to.equal(true);
  });

  it('INVALID_SESSION_ID stops the run with an action', async () => {
    await start();
    sim.setFaults([{ kind: 'invalid-session', match: { object: 'Organization' } }]);
    const error = await expectThrows(client().readAll([{ id: 'org', soql: 'SELECT Id FROM Organization' }]));
    expect(error.name).to.equal('ApiFatalSessionError');
  });

  it('REQUEST_LIMIT_EXCEEDED stops the run with its own action', async () => {
    await start();
    sim.setFaults([{ kind: 'request-limit' }]);
    const error = await expectThrows(client().readAll([{ id: 'org', soql: 'SELECT Id FROM Organization' }]));
    expect(error.name).to.equal('ApiFatalRequestLimitError');
  });

  it('readMetadata returns the records, and INSUFFICIENT_ACCESS as a failure of that read', async () => {
    await start();
    const ok = await client().readMetadata('RealTimeEventSettings', ['RealTimeEvent']);
    expect(ok.ok && ok.records[0].realTimeEvents).to.have.length.greaterThan(0);
    expect(sim.requests.at(-1)?.path).to.equal('/services/Soap/m/62.0');
    // A running user without Modify All Data / Modify Metadata (simulator: METADATA_READ_PERMISSIONS).
    const org = sim.org as unknown as { currentUserId: string; objects: Record<string, Rows> };
    const standard = org.objects.Profile.find((p) => p.Name === 'Standard User');
    org.currentUserId = String(org.objects.User.find((u) => u.ProfileId === standard?.Id && u.IsActive)?.Id);
    const c = client();
    const refused = await c.readMetadata('RealTimeEventSettings', ['RealTimeEvent']);
    expect(refused).to.deep.include({ ok: false, errorCode: 'INSUFFICIENT_ACCESS', httpStatusCode: 500 });
    expect(c.apiCalls).to.equal(1);
  });

  it('a SOAP UNKNOWN_EXCEPTION fault (HTTP 500) is retried, then the persistent server error: never a failed read that becomes `skip`', async () => {
    await start();
    sim.setFaults([{ kind: 'server-error', match: { soap: true } }]);
    const c = client();
    const error = await expectThrows(c.readMetadata('RealTimeEventSettings', ['RealTimeEvent']));
    expect(error.name).to.equal('ServerErrorPersistentError');
    expect(error.message).to.include('UNKNOWN_EXCEPTION');
    expect(sim.apiCalls()).to.equal(3);
    expect(c.apiCalls).to.equal(3);
  });

  it('a 5xx for one query of a Composite batch sends the batch again, then stops with the server error', async () => {
    await start();
    sim.setFaults([{ kind: 'server-error', match: { object: 'UserLogin' } }]);
    const error = await expectThrows(
      client().readAll([
        { id: 'org', soql: 'SELECT Id FROM Organization' },
        { id: 'login', soql: 'SELECT UserId, IsFrozen FROM UserLogin' },
      ])
    );
    expect(error.name).to.equal('ServerErrorPersistentError');
    expect(sim.apiCalls()).to.equal(3);
  });

  it('a 5xx that clears is retried and the reads answer (one retry, one extra call)', async () => {
    await start();
    sim.setFaults([{ kind: 'server-error', match: { object: 'Organization' }, times: 1 }]);
    const c = client();
    const out = await c.readAll([{ id: 'org', soql: 'SELECT Id FROM Organization' }]);
    expect(out.get('org')).to.deep.include({ ok: true, totalSize: 1 });
    expect(c.apiCalls).to.equal(2);
  });

  it('a SOAP INVALID_SESSION_ID fault is fatal', async () => {
    await start();
    sim.setFaults([{ kind: 'invalid-session', match: { soap: true } }]);
    const error = await expectThrows(client().readMetadata('RealTimeEventSettings', ['RealTimeEvent']));
    expect(error.name).to.equal('ApiFatalSessionError');
  });

  it('an Apex REST class that is not deployed is a failure of that call, not of the run', async () => {
    await start();
    const out = await client().apexRest('GET', '/no/such/class');
    expect(out).to.deep.include({ ok: false, errorCode: 'NOT_FOUND' });
  });
});

describe('salesforce/client (transport failures)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let conn: Connection;

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    conn = await Connection.create({ authInfo: await AuthInfo.create({ username: testOrg.username }) });
    conn.setApiVersion('62.0');
  });
  afterEach(() => $$.restore());

  const client = (): SalesforceClient => new SalesforceClient(conn, { timeoutMs: 2000, retry: { baseDelayMs: 5 } });

  it('maps transport failures: network, unknown whole-request errors, timeouts', async () => {
    const fail = async (error: Error): Promise<string> => {
      $$.fakeConnectionRequest = () => Promise.reject(error);
      try {
        await client().readAll([{ id: 'org', soql: 'SELECT Id FROM Organization' }]);
      } catch (e) {
        return (e as Error).name;
      }
      return 'no error';
    };
    expect(await fail(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', name: 'FetchError' }))).to.equal('NetworkError');
    expect(await fail(Object.assign(new Error('odd'), { errorCode: 'SOMETHING_ODD', name: 'SOMETHING_ODD' }))).to.equal('RequestFailedError');
    // A server error is retried (3 attempts in all), then it is the persistent server error.
    expect(await fail(Object.assign(new Error('x'), { errorCode: 'UNKNOWN_EXCEPTION', name: 'UNKNOWN_EXCEPTION' }))).to.equal('ServerErrorPersistentError');
    expect(await fail(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }))).to.equal('RequestTimeoutError');
  });

  it('daily API usage comes from the Sforce-Limit-Info header when there is one', () => {
    (conn as unknown as { limitInfo: unknown }).limitInfo = { apiUsage: { used: 100, limit: 15000 } };
    expect(client().dailyApiUsageFromHeaders()).to.deep.equal({ max: 15000, remaining: 14900 });
  });
});
