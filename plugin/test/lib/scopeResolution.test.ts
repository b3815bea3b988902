import { expect } from 'chai';
import { toId18 } from '@code42-companion/rules';
import { groupsMuting, holdersFromAssignments } from '../../src/scope/holders.js';
import { idMatchKey } from '../../src/salesforce/ids.js';
import { expandGroups, holdersInGroups, indexGroups, matchGroupEntries, rolesCovered, type MemberRow } from '../../src/scope/groups.js';
import { classifyLookups, matchUserEntries } from '../../src/scope/users.js';
import { holderRow } from '../helpers/assignmentRows.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const id = (n: number, prefix = '005'): string => toId18(`${prefix}${String(n).padStart(12, '0')}`) as string;

describe('inScopeUsers: holders from assignments', () => {
  const cases: Array<{ name: string; rows: Array<Record<string, any>>; muted?: Set<string>; expected: string[] }> = [
    { name: 'profile, permission set and group grants', rows: [
      holderRow(id(1), 'a@x', { profile: 'Admin' }),
      holderRow(id(2), 'b@x', { permissionSet: 'PS' }),
      holderRow(id(3), 'c@x', { group: 'Bundle' }),
    ], expected: ['a@x', 'b@x', 'c@x'] },
    { name: 'an expired assignment does not count; a future expiry does', rows: [
      holderRow(id(1), 'a@x', { permissionSet: 'PS' }, { ExpirationDate: '2026-05-31T23:59:59.000+0000' }),
      holderRow(id(2), 'b@x', { permissionSet: 'PS' }, { ExpirationDate: '2026-06-02T00:00:00.000+0000' }),
    ], expected: ['b@x'] },
    { name: 'an inactive user or an inactive assignment does not count', rows: [
      holderRow(id(1), 'a@x', { permissionSet: 'PS' }, { Assignee: { IsActive: false } }),
      holderRow(id(2), 'b@x', { permissionSet: 'PS' }, { IsActive: false }),
    ], expected: [] },
    { name: 'a group that mutes Export Reports grants nothing; another grant still counts', rows: [
      holderRow(id(1), 'a@x', { group: 'Muted', groupId: id(9, '0PG') }),
      holderRow(id(2), 'b@x', { group: 'Muted', groupId: id(9, '0PG') }),
      holderRow(id(2), 'b@x', { profile: 'Admin' }),
    ], muted: new Set([id(9, '0PG').toUpperCase()]), expected: ['b@x'] },
    { name: 'duplicates (15- and 18-character Id of the same user) become one holder', rows: [
      holderRow(id(1).slice(0, 15), 'a@x', { permissionSet: 'PS1' }),
      holderRow(id(1), 'a@x', { permissionSet: 'PS2' }),
      holderRow(id(1), 'a@x', { permissionSet: 'PS2' }),
    ], expected: ['a@x'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const holders = holdersFromAssignments(c.rows, { now: NOW, mutedGroups: c.muted });
      expect(holders.map((h) => h.username)).to.deep.equal(c.expected);
      holders.forEach((h) => expect(h.id).to.have.length(18));
    });
  }

  it('records every grant once, with its source', () => {
    const [holder] = holdersFromAssignments(
      [holderRow(id(1).slice(0, 15), 'a@x', { permissionSet: 'PS1' }), holderRow(id(1), 'a@x', { permissionSet: 'PS1' }), holderRow(id(1), 'a@x', { group: 'G' })],
      { now: NOW }
    );
    expect(holder.grantedBy).to.deep.equal(['permissionSet:PS1', 'permissionSetGroup:G']);
  });

  it('groupsMuting finds the groups whose muting permission set is listed', () => {
    const muting = id(5, '0QM');
    const groups = groupsMuting(
      [
        { PermissionSetGroupId: id(1, '0PG'), PermissionSetId: muting },
        { PermissionSetGroupId: id(2, '0PG'), PermissionSetId: id(6, '0PS') },
      ],
      [muting.slice(0, 15)]
    );
    expect([...groups]).to.deep.equal([id(1, '0PG').toUpperCase()]);
  });

  it('idMatchKey gives 15- and 18-character forms of one Id the same key', () => {
    expect(idMatchKey(id(7).slice(0, 15))).to.equal(idMatchKey(id(7)));
    expect(idMatchKey(id(7).toLowerCase())).to.equal(idMatchKey(id(7)));
    expect(idMatchKey(id(7))).to.not.equal(idMatchKey(id(8)));
    expect(idMatchKey(id(7))).to.not.equal('');
  });
});

describe('userScope', () => {
  const holders = holdersFromAssignments(
    [holderRow(id(1), 'ann@x.com', { profile: 'Admin' }), holderRow(id(2), 'bo@x.com', { permissionSet: 'PS' }, { Assignee: { Email: 'shared@x.com' } })],
    { now: NOW }
  );
  it('matches username, email (any case), 15- and 18-character Ids; each user once', () => {
    const m = matchUserEntries(
      [
        { row: 2, value: 'ANN@x.com' },
        { row: 3, value: id(2).slice(0, 15) },
        { row: 4, value: 'shared@x.com' },
        { row: 5, value: id(1) },
        { row: 6, value: 'nobody@x.com' },
      ],
      holders
    );
    expect(m.inScope.map((h) => h.username)).to.deep.equal(['ann@x.com', 'bo@x.com']);
    expect(m.needLookup).to.deep.equal([{ row: 6, value: 'nobody@x.com' }]);
  });
  it('a 15-character Id with the wrong case is another Id', () => {
    const lettered = holdersFromAssignments([holderRow('005A0000000000Z', 'z@x', { profile: 'P' })], { now: NOW });
    expect(matchUserEntries([{ row: 2, value: '005a0000000000z' }], lettered).inScope).to.have.length(0);
    expect(matchUserEntries([{ row: 2, value: '005A0000000000Z' }], lettered).inScope).to.have.length(1);
  });
  it('classifies looked-up rows: inactive, without Export Reports, or matching nobody', () => {
    const r = classifyLookups(
      [{ row: 2, value: 'old@x.com' }, { row: 3, value: 'plain@x.com' }, { row: 4, value: 'ghost@x.com' }],
      [
        { Id: id(3), Username: 'old@x.com', Email: 'old@x.com', IsActive: false },
        { Id: id(4), Username: 'plain@x.com', Email: 'plain@x.com', IsActive: true },
      ]
    );
    expect(r.notMonitored.map((n) => n.reason)).to.deep.equal(['inactive', 'noExportReports']);
    expect(r.unmatched).to.deep.equal([{ row: 4, value: 'ghost@x.com' }]);
  });
  it('classifies looked-up rows by email or by a 15-character Id, the first user found wins', () => {
    const r = classifyLookups(
      [{ row: 2, value: 'Mail@X.com' }, { row: 3, value: id(8).slice(0, 15) }],
      [
        { Id: id(7), Username: 'u7@x.com', Email: 'mail@x.com', IsActive: false },
        { Id: id(9), Username: 'mail@x.com', Email: 'other@x.com', IsActive: true },
        { Id: id(8), Username: 'u8@x.com', Email: 'u8@x.com', IsActive: true },
      ]
    );
    expect(r.notMonitored).to.deep.equal([
      { row: 2, value: 'Mail@X.com', reason: 'inactive', username: 'u7@x.com' },
      { row: 3, value: id(8).slice(0, 15), reason: 'noExportReports', username: 'u8@x.com' },
    ]);
    expect(r.unmatched).to.deep.equal([]);
  });
  it('classifies 20,000 looked-up rows against 20,000 users at once (no scan per row)', function () {
    this.timeout(5000);
    const users = Array.from({ length: 20_000 }, (_, i) => ({ Id: id(i + 1), Username: `u${i}@x.com`, Email: `e${i}@x.com`, IsActive: true }));
    const entries = Array.from({ length: 20_000 }, (_, i) => ({ row: i + 2, value: i % 2 ? `e${i}@x.com` : `nobody${i}@x.com` }));
    const r = classifyLookups(entries, users);
    expect(r.notMonitored).to.have.length(10_000);
    expect(r.unmatched).to.have.length(10_000);
  });
});

describe('groupScope', () => {
  const G = (n: number): string => id(n, '00G');
  const R = (n: number): string => id(n, '00E');
  const groups = [
    { Id: G(1), Name: 'Sales', DeveloperName: 'Sales', Type: 'Regular' },
    { Id: G(2), Name: 'Sales EMEA', DeveloperName: 'Sales_EMEA', Type: 'Regular' },
    { Id: G(3), Name: 'Loop', DeveloperName: 'Loop', Type: 'Regular' },
    { Id: G(10), Name: null, DeveloperName: 'RoleOnly', Type: 'Role', RelatedId: R(1) },
    { Id: G(11), Name: null, DeveloperName: 'RoleSubs', Type: 'RoleAndSubordinates', RelatedId: R(1) },
    { Id: G(12), Name: null, DeveloperName: 'RoleSubsInternal', Type: 'RoleAndSubordinatesInternal', RelatedId: R(1) },
    { Id: G(13), Name: 'All Internal Users', DeveloperName: 'AllInternalUsers', Type: 'Organization' },
    { Id: G(20), Name: 'Queue', DeveloperName: 'Q', Type: 'Queue' },
  ];
  const roles = [
    { Id: R(1), ParentRoleId: null, PortalType: 'None' },
    { Id: R(2), ParentRoleId: R(1), PortalType: 'None' },
    { Id: R(3), ParentRoleId: R(2), PortalType: 'None' },
    { Id: R(4), ParentRoleId: R(1), PortalType: 'CustomerPortal' },
    { Id: R(5), ParentRoleId: R(6), PortalType: 'None' }, // a cycle in bad data
    { Id: R(6), ParentRoleId: R(5), PortalType: 'None' },
  ];
  const holders = holdersFromAssignments(
    [
      holderRow(id(1), 'direct@x', { profile: 'P' }),
      holderRow(id(2), 'top@x', { profile: 'P' }, { Assignee: { UserRoleId: R(1) } }),
      holderRow(id(3), 'mid@x', { profile: 'P' }, { Assignee: { UserRoleId: R(2) } }),
      holderRow(id(4), 'deep@x', { profile: 'P' }, { Assignee: { UserRoleId: R(3) } }),
      holderRow(id(5), 'portal@x', { profile: 'P' }, { Assignee: { UserRoleId: R(4), UserType: 'PowerCustomerSuccess' } }),
      holderRow(id(6), 'nested@x', { profile: 'P' }),
    ],
    { now: NOW }
  );
  const scoped = async (memberRows: MemberRow[], start: string[]): Promise<string[]> => {
    let levels = 0;
    const expansion = await expandGroups(start, indexGroups(groups), (ids) => {
      levels++;
      if (levels > 20) throw new Error('does not terminate');
      const wanted = new Set(ids.map((i) => i.toUpperCase()));
      return Promise.resolve(memberRows.filter((m) => wanted.has(m.GroupId.toUpperCase())));
    });
    return holdersInGroups(holders, expansion, roles).map((h) => h.username).sort();
  };

  it('matches group rows by Name, DeveloperName, 15/18-character Id; role groups and queues are not public groups', () => {
    const m = matchGroupEntries(
      [
        { row: 2, value: 'sales emea' },
        { row: 3, value: 'Sales' },
        { row: 4, value: G(3).slice(0, 15) },
        { row: 5, value: 'RoleOnly' },
        { row: 6, value: 'Q' },
      ],
      groups
    );
    expect(m.groupIds).to.deep.equal([G(2), G(1), G(3)]);
    expect(m.unmatched.map((u) => u.value)).to.deep.equal(['RoleOnly', 'Q']);
  });

  it('follows nested groups, and a cycle between groups terminates', async () => {
    const members = [
      { GroupId: G(1), UserOrGroupId: G(2) },
      { GroupId: G(2), UserOrGroupId: G(3) },
      { GroupId: G(3), UserOrGroupId: G(1) },
      { GroupId: G(3), UserOrGroupId: id(6) },
      { GroupId: G(1), UserOrGroupId: id(1).slice(0, 15) },
    ];
    expect(await scoped(members, [G(1)])).to.deep.equal(['direct@x', 'nested@x']);
  });

  it('Role covers the role only', async () => {
    expect(await scoped([{ GroupId: G(1), UserOrGroupId: G(10) }], [G(1)])).to.deep.equal(['top@x']);
  });

  it('RoleAndSubordinates covers every role below, portal roles included', async () => {
    expect(await scoped([{ GroupId: G(1), UserOrGroupId: G(11) }], [G(1)])).to.deep.equal(['deep@x', 'mid@x', 'portal@x', 'top@x']);
  });

  it('RoleAndSubordinatesInternal leaves portal roles out', async () => {
    expect(await scoped([{ GroupId: G(1), UserOrGroupId: G(12) }], [G(1)])).to.deep.equal(['deep@x', 'mid@x', 'top@x']);
  });

  it('All Internal Users covers internal holders only', async () => {
    expect(await scoped([{ GroupId: G(1), UserOrGroupId: G(13) }], [G(1)])).to.deep.equal(['deep@x', 'direct@x', 'mid@x', 'nested@x', 'top@x']);
  });

  it('a cycle in the role hierarchy terminates', () => {
    const covered = rolesCovered([{ type: 'RoleAndSubordinates', roleId: R(5).toUpperCase() }], roles);
    expect([...covered].sort()).to.deep.equal([R(5).toUpperCase(), R(6).toUpperCase()].sort());
  });
});
