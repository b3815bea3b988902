/* sf code42 preflight --scope users|groups: which holders are in scope, and which CSV rows match nothing. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { check, harness, runWith } from '../../helpers/run.js';
import { simulatedOrgs } from './acme.js';
import { commandCalls } from '../../e2e/cli.js';

const csv = (name: string, text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'c42-preflight-')), name);
  writeFileSync(file, text);
  return file;
};

describe('sf code42 preflight: scope', () => {
  const h = harness();
  const orgs = simulatedOrgs();

  it('users scope: matches by username, email and 15-char Id; tells inactive/no-permission rows from unmatched ones', async () => {
    let bobId15 = '';
    const sim = await orgs.acme(({ b, bob }) => {
      bobId15 = (bob.Id as string).slice(0, 15);
      b.user({ first: 'carol', last: '', username: 'carol@acme.com', profile: 'Standard User', active: false });
      b.user({ first: 'dave', last: '', username: 'dave@acme.com', profile: 'Standard User' });
    });
    const file = csv('users.csv', `\uFEFFUsername\r\nALICE@acme.com\r\n${bobId15}\r\ncarol@acme.com\r\ndave@acme.com\r\nghost@acme.com\r\n`);
    const result = await runWith(h, sim, ['--scope', 'users', '--users-file', file]);
    expect(result.inScopeUsers.map((u) => u.username)).to.deep.equal(['alice@acme.com', 'bob@acme.com']);
    expect(result.scope.entries).to.equal(5);
    expect(result.scope.unmatched).to.deep.equal([{ row: 6, value: 'ghost@acme.com' }]);
    expect(result.scope.notMonitored.map((n) => [n.value, n.reason])).to.deep.equal([
      ['carol@acme.com', 'inactive'],
      ['dave@acme.com', 'noExportReports'],
    ]);
    expect(check(result, 'scope-entries').status).to.equal('warn');
    expect(check(result, 'scope-entries').message).to.include('row 6: ghost@acme.com');
    expect(result.apiCalls).to.equal(commandCalls(sim));
    expect(result.apiCalls).to.be.at.most(7); // the healthy run's 5 + one lookup for the rows that matched no holder
  });

  it('users scope with more than 1,000 entries fails scope-entries', async () => {
    const file = csv('many.csv', ['email', ...Array.from({ length: 1001 }, (_, i) => `u${i}@acme.com`)].join('\n'));
    const result = await runWith(h, await orgs.acme(), ['--scope', 'users', '--users-file', file]);
    expect(check(result, 'scope-entries').status).to.equal('fail');
    expect(check(result, 'scope-entries').message).to.include('1,001');
  });

  it('groups scope: nested groups, roles and subordinates, cycles; unmatched group rows', async () => {
    // Sales holds Sales EMEA (which holds Sales back: a cycle), Sales EMEA holds Alice and role R1
    // with its subordinates: Bob (role R2, under R1) is in scope; Carol (role R9) and Erin are not.
    const sim = await orgs.acme(({ b, alice, bob }) => {
      const r1 = b.role('R1');
      const r2 = b.role('R2', r1);
      const r9 = b.role('R9');
      bob.UserRoleId = r2.Id;
      const carol = b.user({ first: 'carol', last: '', username: 'carol@acme.com', profile: 'Standard User', role: r9 });
      const erin = b.user({ first: 'erin', last: '', username: 'erin@acme.com', profile: 'Standard User' });
      for (const u of [carol, erin]) b.assign(u, 'Report_Exporters');
      const sales = b.group('Sales', 'Sales');
      const emea = b.group('Sales EMEA', 'Sales_EMEA');
      b.member(sales, emea.Id as string);
      b.member(emea, sales.Id as string);
      b.member(emea, alice.Id as string);
      b.member(emea, b.roleGroup(r1, 'RoleAndSubordinates').Id as string);
    });
    const file = csv('groups.csv', 'Name;Description\n"Sales";top\nNo Such Group;x\n');
    const result = await runWith(h, sim, ['--scope', 'groups', '--groups-file', file]);
    expect(result.inScopeUsers.map((u) => u.username)).to.deep.equal(['alice@acme.com', 'bob@acme.com']);
    expect(result.scope.unmatched).to.deep.equal([{ row: 3, value: 'No Such Group' }]);
    expect(check(result, 'report-export-holders').message).to.include('2 users');
    expect(result.apiCalls).to.equal(commandCalls(sim));
  });
});
