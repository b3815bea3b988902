import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildDemoOrg, demoScopeCsvs, buildScenarioOrg, SCENARIOS, generateOrg, startSimulator, isValidId18, canonicalId } from '../src/index.js';
import { Store } from '../src/store.js';
import { soql, client } from './helpers.js';

const ID_PREFIX = { User: '005', Profile: '00e', PermissionSet: '0PS', PermissionSetAssignment: '0Pa', PermissionSetGroup: '0PG', MutingPermissionSet: '0QM', Group: '00G', GroupMember: '011', UserRole: '00E', UserLicense: '100', LoginHistory: '0Ya', AuthSession: '0Ak', EventLogFile: '0AT', Organization: '00D' };

test('Id helper: valid 18-character Ids with the case-safe suffix', () => {
  assert.equal(canonicalId('001000000000001'), '001000000000001AAA');
  assert.equal(canonicalId('00D000000000001'), '00D000000000001EAA');
  // Chunks 0055g | 00000 | 0abCD: only C (bit 3) and D (bit 4) are upper case -> 24 -> 'Y'.
  assert.equal(canonicalId('0055g000000abCD'), '0055g000000abCDAAY');
  assert.ok(isValidId18('0055g000000abCDAAY'));
  assert.ok(!isValidId18('0055g000000abCDAAA'));
  assert.equal(canonicalId('0055g000000abcdaay'), '0055g000000abCDAAY', '18-char Ids are case-insensitive');
});

test('demo org: realistic Ids, profile-owned permission sets, group aggregates, one service-user problem', () => {
  const org = buildDemoOrg();
  for (const [obj, prefix] of Object.entries(ID_PREFIX)) {
    assert.ok(org.objects[obj].length > 0, obj);
    for (const r of org.objects[obj]) assert.ok(isValidId18(r.Id) && r.Id.startsWith(prefix), `${obj} ${r.Id}`);
  }
  const users = org.objects.User;
  assert.ok(users.length >= 280 && users.length <= 320);
  const profilePs = new Map(org.objects.PermissionSet.filter((p) => p.IsOwnedByProfile).map((p) => [p.ProfileId, p]));
  for (const u of users) {
    const ps = profilePs.get(u.ProfileId);
    assert.equal(ps.Type, 'Profile');
    assert.ok(org.objects.PermissionSetAssignment.some((a) => a.AssigneeId === u.Id && a.PermissionSetId === ps.Id), u.Username);
  }
  for (const a of org.objects.PermissionSetAssignment.filter((x) => x.PermissionSetGroupId)) {
    const agg = org.objects.PermissionSet.find((p) => p.Id === a.PermissionSetId);
    assert.equal(agg.Type, 'Group');
    assert.equal(agg.PermissionSetGroupId, a.PermissionSetGroupId);
  }
  assert.ok(org.objects.PermissionSetAssignment.some((a) => a.ExpirationDate && Date.parse(a.ExpirationDate.replace('+0000', 'Z')) < Date.now()));
  assert.ok(users.some((u) => !u.IsActive));
  assert.ok(org.objects.Group.some((g) => g.Type === 'RoleAndSubordinatesInternal'));
  // Three levels of nesting: Report Reviewers -> All Sales -> Sales West Team -> West Enterprise Reps.
  const store = new Store(org);
  const nested = soql(org, "SELECT Group.Name FROM GroupMember WHERE UserOrGroupId IN (SELECT Id FROM Group WHERE Name = 'West Enterprise Reps')", { store }).records;
  assert.equal(nested[0].Group.Name, 'Sales West Team');
  const svc = soql(org, `SELECT Id, IsActive, Profile.Name FROM User WHERE Id = '${org.meta.serviceUserId}'`, { store }).records[0];
  assert.equal(svc.Profile.Name, 'Code42 Service Account');
  const grants = soql(org, `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${svc.Id}' AND PermissionSet.PermissionsCustomizeApplication = true`, { store });
  assert.equal(grants.totalSize, 0, 'the demo problem: no Customize Application');
  assert.deepEqual(buildDemoOrg().objects.User.map((u) => u.Username), users.map((u) => u.Username), 'deterministic');
});

test('committed sample scoping CSVs match the demo org', () => {
  const { usersCsv, groupsCsv } = demoScopeCsvs(buildDemoOrg());
  assert.equal(readFileSync(new URL('../fixtures/demo-users-scope.csv', import.meta.url), 'utf8'), usersCsv);
  assert.equal(readFileSync(new URL('../fixtures/demo-groups-scope.csv', import.meta.url), 'utf8'), groupsCsv);
});

test('every scenario builds and serves its service-user facts', async () => {
  for (const name of SCENARIOS) {
    const org = buildScenarioOrg(name);
    const sim = await startSimulator({ org });
    const res = await client(sim).query("SELECT Id, IsActive FROM User WHERE Username LIKE 'code42-service%'");
    assert.equal(res.status, 200, name);
    const expected = name === 'no-service-user' || name === 'licences-full' ? 0 : name === 'two-service-users' ? 2 : 1;
    assert.equal(res.json.totalSize, expected, name);
    await sim.stop();
  }
  const frozen = buildScenarioOrg('frozen');
  assert.equal(soql(frozen, `SELECT IsFrozen FROM UserLogin WHERE UserId = '${frozen.meta.serviceUserId}'`).records[0].IsFrozen, true);
  const rate = buildScenarioOrg('rate-limited');
  assert.equal(soql(rate, `SELECT COUNT() FROM LoginHistory WHERE UserId = '${rate.meta.serviceUserId}' AND Status = 'Login rate exceeded'`, { now: Date.now() }).totalSize, 3);
  const volume = buildScenarioOrg('login-volume');
  const hourAgo = new Date(Date.now() - 3600000).toISOString().replace(/\.\d+Z$/, 'Z');
  assert.ok(soql(volume, `SELECT COUNT() FROM LoginHistory WHERE UserId = '${volume.meta.serviceUserId}' AND LoginTime > ${hourAgo}`).totalSize >= 3600);
  assert.throws(() => buildScenarioOrg('nope'), /Unknown scenario/);
});

test('generator S and M sizes', () => {
  for (const [size, n] of [['S', 1000], ['M', 10000]]) {
    const { org, groupsCsv } = generateOrg({ size });
    const active = org.objects.User.filter((u) => u.IsActive).length;
    assert.ok(active >= n && active <= n + 10, `${size}: ${active}`);
    assert.equal(org.objects.Group.filter((g) => g.Type === 'Regular').length, 3000);
    assert.equal(org.objects.UserRole.length, 200);
    assert.equal(groupsCsv.trim().split('\n').length, 301);
    const share = org.meta.exportHolders / n;
    assert.ok(share > 0.17 && share < 0.23, `holders share ${share}`);
  }
});

test('generator L: build time, memory and a holders query over the simulator (printed, not asserted)', async () => {
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let t = Date.now();
  const gen = generateOrg({ size: 'L' });
  const buildMs = Date.now() - t;
  const sim = await startSimulator({ org: gen });
  const api = client(sim);
  const holders = "SELECT Id, Name, Email FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsExportReport = true)";
  t = Date.now();
  let res = await api.query(holders);
  const firstPageMs = Date.now() - t;
  let n = res.json.records.length;
  while (res.json.nextRecordsUrl) {
    res = await api.get(res.json.nextRecordsUrl);
    n += res.json.records.length;
  }
  const allPagesMs = Date.now() - t;
  t = Date.now();
  const groups = gen.org.objects.Group.filter((g) => g.Type === 'Regular').slice(0, 200).map((g) => `'${g.Id}'`).join(',');
  const members = await api.query(`SELECT GroupId, UserOrGroupId FROM GroupMember WHERE GroupId IN (${groups})`);
  const membersMs = Date.now() - t;
  const heapMb = Math.round((process.memoryUsage().heapUsed - heap0) / 1e6);
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  console.log(`# generator L: ${gen.stats.User} users built in ${buildMs} ms; holders ${n} (first page ${firstPageMs} ms, all pages ${allPagesMs} ms); GroupMember IN 200 groups: ${members.json.totalSize} rows in ${membersMs} ms; heap +${heapMb} MB, rss ${rssMb} MB`);
  assert.equal(n, gen.org.meta.exportHolders + 1); // + the admin
  await sim.stop();
});
