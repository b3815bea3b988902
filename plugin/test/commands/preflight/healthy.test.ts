/* sf code42 preflight on a healthy small org: every check, the holders, the read-only proof, the API calls, paging. */
import { expect } from 'chai';
import { check, harness, logged, runWith } from '../../helpers/run.js';
import { rows, simulatedOrgs, userNamed } from './acme.js';
import { commandCalls } from '../../e2e/cli.js';

describe('sf code42 preflight: a healthy small org', () => {
  const h = harness();
  const orgs = simulatedOrgs();

  it('passes every check, lists the holders and spends at most 6 API calls', async () => {
    const sim = await orgs.acme();
    const result = await runWith(h, sim);
    const byStatus = Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
    expect(byStatus).to.deep.include({
      'org-edition': 'pass',
      'event-monitoring-addon': 'pass',
      'stream-login-event': 'pass',
      'stream-logout-event': 'pass',
      'stream-report-event': 'pass',
      'service-user': 'pass',
      'service-user-active': 'pass',
      'service-user-not-frozen': 'pass',
      'service-user-login-rate': 'pass',
      'service-user-permissions': 'pass',
      'report-export-holders': 'pass',
      'scope-entries': 'skip',
      'active-sessions': 'pass',
      'api-limits': 'pass',
      'connected-app-access': 'pass',
      'code42-authorization': 'pass',
      'service-user-licence': 'pass',
      'service-user-login-access': 'pass',
    });
    expect(result.summary).to.deep.equal({ pass: 17, warn: 0, fail: 0, skip: 1 });
    const org = rows(sim, 'Organization')[0];
    expect(result.org).to.deep.include({ id: org.Id, name: 'Acme', edition: 'Enterprise Edition', isSandbox: false });
    expect(result.inScopeUsers.map((u) => u.username)).to.deep.equal(['alice@acme.com', 'bob@acme.com']);
    expect(result.inScopeUsers[0]).to.deep.equal({
      id: userNamed(sim, 'alice@acme.com').Id,
      username: 'alice@acme.com',
      name: 'alice',
      email: 'alice@acme.com',
      grantedBy: ['profile:System Administrator'],
    });
    expect(result.apiCalls).to.equal(commandCalls(sim));
    // A, the streams' metadata read, the connection Composite, B, the profile's metadata read; the
    // limits come from the Sforce-Limit-Info header Salesforce sends with every REST answer (no GET /limits)
    expect(result.apiCalls).to.be.at.most(6);
    expect(result.apiCalls).to.equal(5);
    expect(result.scope).to.deep.include({ mode: 'all', entries: 0, unmatched: [] });
    expect(result.connectionStatus.state).to.equal('Monitoring');
    expect(process.exitCode).to.equal(0);
  });

  it('makes no write request: only GET subrequests in Composite, a metadata read and GETs', async () => {
    const sim = await orgs.acme();
    await runWith(h, sim);
    expect(sim.writeRequests()).to.deep.equal([]);
    expect(sim.apiCalls()).to.be.greaterThan(0);
    expect(h.sent.some((r) => r.method === 'POST' && /\/composite$/.test(r.url))).to.equal(true);
    for (const req of h.sent) {
      if (req.method === 'GET') continue;
      const isComposite = /\/composite$/.test(req.url);
      const isMetadataRead = /\/services\/Soap\/m\//.test(req.url) && /<met:readMetadata>/.test(req.body ?? '');
      expect(isComposite || isMetadataRead, `${req.method} ${req.url}`).to.equal(true);
      if (isComposite) {
        const subrequests = (JSON.parse(req.body ?? '{}') as { compositeRequest: Array<{ method: string }> }).compositeRequest;
        expect(subrequests.every((s) => s.method === 'GET')).to.equal(true);
      }
    }
  });

  it('prints the org line, the checks table, the in-scope count and the API calls in human mode', async () => {
    const sim = await orgs.acme();
    const result = await runWith(h, sim);
    const out = logged(h);
    expect(out).to.include(`Org: Acme (${rows(sim, 'Organization')[0].Id as string}), Enterprise Edition`);
    expect(out).to.include('In scope: 2 users will be monitored');
    expect(out).to.include(`API calls spent by this run: ${result.apiCalls}`);
    // The allowance as the last Sforce-Limit-Info header reported it: 14,000 left before the calls
    // the simulator counted (this run's and core's own).
    const remaining = result.limits?.dailyApiRequests.remaining as number;
    expect(remaining).to.be.within(14000 - sim.apiCalls(), 14000);
    expect(out).to.include(`${remaining.toLocaleString('en-US')} of 15,000`);
    const table = h.ux().table.firstCall.args[0] as { data: Array<{ status: string }> };
    expect(table.data).to.have.length(18);
    expect(table.data.every((r) => ['PASS', 'SKIP'].includes(r.status))).to.equal(true);
    expect(out).not.to.include('accessToken');
    expect(out).not.to.include(sim.accessToken);
  });

  it('pages holders past 2,000 records through nextRecordsUrl (batched in Composite)', async () => {
    // Alice and Bob plus 4,498 more holders of the Exporters permission set.
    const sim = await orgs.acme(({ b }) => {
      b.permissionSet('Exporters', 'Exporters', ['ExportReport']);
      for (let i = 0; i < 4498; i++) {
        const username = `user${String(i).padStart(5, '0')}@acme.com`;
        b.assign(b.user({ first: 'user', last: String(i), username, profile: 'Standard User' }), 'Exporters');
      }
    });
    const result = await runWith(h, sim);
    expect(result.inScopeUsers).to.have.length(4500);
    expect(check(result, 'report-export-holders').message).to.include('4,500');
    // A + metadata + connection Composite + B + profile metadata + two more pages (each page's
    // nextRecordsUrl comes with the one before it, so one Composite call each)
    expect(result.apiCalls).to.equal(commandCalls(sim));
    expect(result.apiCalls).to.equal(7);
    const pages = sim.requests.filter((r) => r.subrequests?.some((s) => /\/query\/[A-Za-z0-9]+-\d+$/.test(s.url)));
    expect(pages.map((r) => r.subrequests?.length)).to.deep.equal([1, 1]);
  });
});
