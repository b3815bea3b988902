import { expect } from 'chai';
import { Connection } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { SalesforceClient } from '../../src/lib/salesforceClient.js';
import { FakeOrg, baseState, soapFaultXml } from '../helpers/fakeOrg.js';

describe('salesforceClient', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let conn: Connection;

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    conn = await Connection.create({ authInfo: await (await import('@salesforce/core')).AuthInfo.create({ username: testOrg.username }) });
    conn.setApiVersion('62.0');
  });
  afterEach(() => $$.restore());

  // Retries wait 5 ms here instead of 0.5 s (the policy is the same; see RETRY).
  const client = (): SalesforceClient => new SalesforceClient(conn, { timeoutMs: 2000, retry: { baseDelayMs: 5 } });

  it('batches 7 queries and 3 GETs into 2 Composite calls (at most 5 queries each)', async () => {
    const fake = new FakeOrg();
    $$.fakeConnectionRequest = fake.handler();
    const c = client();
    const reads = [
      ...Array.from({ length: 7 }, (_, i) => ({ id: `q${i}`, soql: 'SELECT Id FROM Organization' })),
      ...['PermissionSet', 'ReportEvent', 'Nope'].map((o) => ({ id: o, path: `/sobjects/${o}/describe` })),
    ];
    const out = await c.readAll(reads);
    expect(c.apiCalls).to.equal(2);
    expect(fake.log.map((r) => r.subrequests?.filter((s) => s.url.includes('/query')).length)).to.deep.equal([5, 2]);
    expect(out.get('q6')).to.deep.include({ ok: true, totalSize: 1 });
    expect(out.get('Nope')).to.deep.include({ ok: false, errorCode: 'NOT_FOUND', httpStatusCode: 404 });
  });

  it('pages every query to the end, the next pages of several queries five per call', async () => {
    const state = baseState();
    state.pageSize = 2;
    state.sessions = Array.from({ length: 9 }, (_, i) => ({ UsersId: `005${i}` }));
    state.groupComponents = Array.from({ length: 5 }, (_, i) => ({ PermissionSetGroupId: `0PG${i}`, PermissionSetId: `0QM${i}` }));
    const fake = new FakeOrg(state);
    $$.fakeConnectionRequest = fake.handler();
    const c = client();
    const out = await c.readAll([
      { id: 'sessions', soql: 'SELECT UsersId FROM AuthSession' },
      { id: 'components', soql: 'SELECT PermissionSetGroupId, PermissionSetId FROM PermissionSetGroupComponent' },
    ]);
    expect((out.get('sessions') as { records: unknown[] }).records).to.have.length(9);
    expect((out.get('components') as { records: unknown[] }).records).to.have.length(5);
    // first call: both first pages; then rounds of next pages: (2), (2), (1 sessions), (1 sessions)
    expect(c.apiCalls).to.equal(5);
    expect(fake.log.slice(1).every((r) => r.subrequests?.every((s) => /\/query\/cursor/.test(s.url)))).to.equal(true);
  });

  it('a failing subrequest is recorded (INVALID_FIELD), the others still answer', async () => {
    const state = baseState();
    state.failures = { 'FROM UserLogin': { status: 400, errorCode: 'INVALID_FIELD', message: "No such column 'IsFrozen'" } };
    $$.fakeConnectionRequest = new FakeOrg(state).handler();
    const out = await client().readAll([
      { id: 'login', soql: 'SELECT UserId, IsFrozen FROM UserLogin' },
      { id: 'org', soql: 'SELECT Id FROM Organization' },
    ]);
    expect(out.get('login')).to.deep.equal({ ok: false, httpStatusCode: 400, errorCode: 'INVALID_FIELD', message: "No such column 'IsFrozen'" });
    expect(out.get('org')?.ok).to.equal(true);
  });

  it('INVALID_SESSION_ID inside a subresponse stops the run with an action', async () => {
    const state = baseState();
    state.failures = { Organization: { status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired' } };
    $$.fakeConnectionRequest = new FakeOrg(state).handler();
    try {
      await client().readAll([{ id: 'org', soql: 'SELECT Id FROM Organization' }]);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).name).to.equal('ApiFatalSessionError');
    }
  });

  it('readMetadata returns the records, and a SOAP fault as a failure of that read', async () => {
    const fake = new FakeOrg();
    $$.fakeConnectionRequest = fake.handler();
    const ok = await client().readMetadata('RealTimeEventSettings', ['RealTimeEvent']);
    expect(ok.ok && ok.records[0].realTimeEvents).to.have.length(3);
    expect(fake.log[0].body).to.include('<met:type>RealTimeEventSettings</met:type>');
    fake.state.soapFault = { code: 'INSUFFICIENT_ACCESS', message: 'no' };
    const refused = await client().readMetadata('RealTimeEventSettings', ['RealTimeEvent']);
    expect(refused).to.deep.include({ ok: false, errorCode: 'INSUFFICIENT_ACCESS' });
    expect(soapFaultXml('X', 'y')).to.include('<faultcode>sf:X</faultcode>');
  });

  it('a SOAP UNKNOWN_EXCEPTION fault (HTTP 500) is retried, then the persistent server error: never a failed read that becomes `skip`', async () => {
    const fake = new FakeOrg();
    fake.state.soapFault = { code: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' };
    $$.fakeConnectionRequest = fake.handler();
    const c = client();
    try {
      await c.readMetadata('RealTimeEventSettings', ['RealTimeEvent']);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).name).to.equal('ServerErrorPersistentError');
      expect((error as Error).message).to.include('UNKNOWN_EXCEPTION');
    }
    expect(fake.log).to.have.length(3);
    expect(c.apiCalls).to.equal(3);
  });

  it('a 5xx inside one Composite subresponse sends the batch again, then stops with the server error', async () => {
    const state = baseState();
    state.failures = { 'FROM UserLogin': { status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' } };
    const fake = new FakeOrg(state);
    $$.fakeConnectionRequest = fake.handler();
    try {
      await client().readAll([
        { id: 'org', soql: 'SELECT Id FROM Organization' },
        { id: 'login', soql: 'SELECT UserId, IsFrozen FROM UserLogin' },
      ]);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).name).to.equal('ServerErrorPersistentError');
    }
    expect(fake.log).to.have.length(3);
  });

  it('a SOAP INVALID_SESSION_ID fault is fatal', async () => {
    const fake = new FakeOrg();
    fake.state.soapFault = { code: 'INVALID_SESSION_ID', message: 'Invalid Session ID found in SessionHeader' };
    $$.fakeConnectionRequest = fake.handler();
    try {
      await client().readMetadata('RealTimeEventSettings', ['RealTimeEvent']);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).name).to.equal('ApiFatalSessionError');
    }
  });

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
