import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenarioOrg } from '../src/fixtures/scenarios.js';
import { buildDemoOrg } from '../src/fixtures/demo.js';
import { Store } from '../src/store.js';
import { soql, NOW } from './helpers.js';
import { parseSoql } from '../src/soql/parse.js';

const org = buildScenarioOrg('healthy', { now: NOW });
const store = new Store(org);
const q = (text, opts) => soql(org, text, { store, ...opts });
const users = org.objects.User;
const active = users.filter((u) => u.IsActive);
const service = users.find((u) => u.Username.startsWith('code42-service'));

const counts = [
  ['=', "SELECT Id FROM User WHERE Username = 'USER1@scenario.example.com'", 1],
  ['!=', 'SELECT Id FROM User WHERE IsActive != true', users.length - active.length],
  ['< on datetime', 'SELECT Id FROM User WHERE LastLoginDate < 2000-01-01T00:00:00Z', 0],
  ['>= on datetime', 'SELECT Id FROM User WHERE LastLoginDate >= 2000-01-01T00:00:00Z', users.length],
  ['IN list', "SELECT Id FROM User WHERE Username IN ('user1@scenario.example.com', 'user2@scenario.example.com', 'nobody@x.com')", 2],
  ['NOT IN list', "SELECT Id FROM User WHERE Username NOT IN ('user1@scenario.example.com')", users.length - 1],
  ['LIKE %', "SELECT Id FROM User WHERE Username LIKE 'USER1%'", 8],
  ['LIKE _', "SELECT Id FROM User WHERE Username LIKE 'user_@%'", 9],
  ['= null', 'SELECT Id FROM User WHERE UserRoleId = null', users.filter((u) => !u.UserRoleId).length],
  ['!= null', 'SELECT Id FROM User WHERE UserRoleId != null', users.filter((u) => u.UserRoleId).length],
  ['AND / OR / NOT', "SELECT Id FROM User WHERE IsActive = true AND (Username LIKE 'user1%' OR NOT Username LIKE 'user%')", active.filter((u) => u.Username.startsWith('user1') || !u.Username.startsWith('user')).length],
  ['NOT with parentheses', "SELECT Id FROM User WHERE NOT (Username LIKE 'user%' OR Username LIKE 'admin%')", 1],
  ['semi-join', 'SELECT Id FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsExportReport = true)', 11],
  ['anti-join', 'SELECT Id FROM User WHERE Id NOT IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsExportReport = true)', users.length - 11],
  ['two-level relationship', "SELECT Id FROM PermissionSetAssignment WHERE PermissionSet.Profile.Name = 'Code42 Service Account'", 1],
  ['boolean through relationship', 'SELECT Id FROM PermissionSetAssignment WHERE Assignee.IsActive = false', 1],
  ['date literal TODAY', 'SELECT Id FROM User WHERE LastLoginDate = TODAY', 2],
  ['LAST_N_DAYS', 'SELECT Id FROM User WHERE LastLoginDate = LAST_N_DAYS:7', users.length],
  ['date literal in the future', 'SELECT Id FROM User WHERE LastLoginDate > TODAY', 0],
  ['LoginTime in the last hour (Salesforce rate window)', 'SELECT Id FROM LoginHistory WHERE LoginTime > 2025-06-15T11:00:00Z', 1],
  ['case-insensitive names', "select id from USER where USERNAME = 'admin@scenario.example.com'", 1],
  ['LIMIT / OFFSET', 'SELECT Id FROM User ORDER BY Username LIMIT 5 OFFSET 3', 5],
  ['Id equality, 15 chars', `SELECT Id FROM User WHERE Id = '${service.Id.slice(0, 15)}'`, 1],
  ['Id equality, 18 chars lower case', `SELECT Id FROM User WHERE Id = '${service.Id.toLowerCase()}'`, 1],
  ['role groups', "SELECT Id FROM Group WHERE Type IN ('Role', 'RoleAndSubordinates') AND Related.Name = 'Sales'", 2]
];
for (const [name, text, expected] of counts) {
  test(`SOQL ${name}`, () => assert.equal(q(text).totalSize, expected, text));
}

test('records carry attributes and nested parents (null when absent)', () => {
  const r = q(`SELECT Id, Name, Profile.Name, UserRole.Name, Profile.UserLicense.Name FROM User WHERE Id = '${service.Id}'`).records[0];
  assert.deepEqual(Object.keys(r), ['attributes', 'Id', 'Name', 'Profile', 'UserRole']);
  assert.equal(r.attributes.type, 'User');
  assert.match(r.attributes.url, /^\/services\/data\/v62\.0\/sobjects\/User\/005/);
  assert.equal(r.Profile.Name, 'Code42 Service Account');
  assert.equal(r.Profile.UserLicense.Name, 'Salesforce');
  assert.equal(r.Profile.attributes.type, 'Profile');
  assert.equal(r.UserRole, null);
});

test('boolean permission fields default to false and fixture fields are queryable', () => {
  const r = q("SELECT Name, PermissionsExportReport, PermissionsViewRealTimeEventMonitoringData FROM PermissionSet WHERE Name = 'Code42_Service_Account'").records[0];
  assert.equal(r.PermissionsExportReport, false);
  assert.equal(r.PermissionsViewRealTimeEventMonitoringData, true);
});

test('ORDER BY DESC with NULLS LAST', () => {
  const r = q('SELECT Username, UserRoleId FROM User ORDER BY UserRoleId DESC NULLS LAST, Username').records;
  assert.ok(r[0].UserRoleId !== null);
  assert.equal(r[r.length - 1].UserRoleId, null);
  const names = q('SELECT Username FROM User ORDER BY Username DESC').records.map((x) => x.Username);
  assert.deepEqual(names, [...names].sort().reverse());
});

test('ORDER BY puts nulls first ascending and last descending unless NULLS says otherwise', () => {
  const roles = (text) => q(text).records.map((x) => x.UserRoleId);
  const nulls = users.filter((u) => !u.UserRoleId).length;
  assert.ok(nulls > 0 && nulls < users.length);
  assert.ok(roles('SELECT UserRoleId FROM User ORDER BY UserRoleId').slice(0, nulls).every((v) => v === null));
  assert.ok(roles('SELECT UserRoleId FROM User ORDER BY UserRoleId DESC').slice(-nulls).every((v) => v === null));
  assert.ok(roles('SELECT UserRoleId FROM User ORDER BY UserRoleId DESC NULLS FIRST').slice(0, nulls).every((v) => v === null));
  assert.ok(roles('SELECT UserRoleId FROM User ORDER BY UserRoleId ASC NULLS LAST').slice(-nulls).every((v) => v === null));
});

test('aggregates: COUNT(), COUNT(field), COUNT_DISTINCT, GROUP BY with alias, HAVING', () => {
  assert.deepEqual(q('SELECT COUNT() FROM User WHERE IsActive = true'), { totalSize: active.length, records: [] });
  const [row] = q('SELECT COUNT(Id), COUNT(UserRoleId), COUNT_DISTINCT(ProfileId) FROM User').records;
  assert.deepEqual(row, { attributes: { type: 'AggregateResult' }, expr0: users.length, expr1: users.filter((u) => u.UserRoleId).length, expr2: new Set(users.map((u) => u.ProfileId)).size });
  const groups = q('SELECT Profile.Name, COUNT(Id) total FROM User GROUP BY Profile.Name HAVING COUNT(Id) > 1 ORDER BY COUNT(Id) DESC').records;
  assert.equal(groups[0].Name, 'Standard User');
  assert.equal(groups[0].total, 8);
  assert.ok(groups.every((g) => g.total > 1));
  assert.equal(q('SELECT COUNT(Id) FROM User WHERE Username = null').records[0].expr0, 0);
});

test('queryAll returns deleted rows, query does not', () => {
  const o = buildScenarioOrg('healthy', { now: NOW });
  o.objects.Group[0].IsDeleted = true;
  assert.equal(soql(o, 'SELECT Id FROM Group').totalSize, o.objects.Group.length - 1);
  assert.equal(soql(o, 'SELECT Id FROM Group', { all: true }).totalSize, o.objects.Group.length);
});

const errors = [
  ['unknown object', 'SELECT Id FROM ScratchOrgInfo', 'INVALID_TYPE', /sObject type 'ScratchOrgInfo' is not supported/],
  ['unknown field', 'SELECT Id, Foo FROM User', 'INVALID_FIELD', /No such column 'Foo' on entity 'User'/],
  ['unknown field in parent', 'SELECT Profile.Foo FROM User', 'INVALID_FIELD', /No such column 'Foo' on entity 'Profile'/],
  ['unknown relationship', 'SELECT Boss.Name FROM User', 'INVALID_FIELD', /Didn't understand relationship 'Boss'/],
  ['unknown field in WHERE', 'SELECT Id FROM User WHERE Nope = 1', 'INVALID_FIELD', /No such column 'Nope'/],
  ['parse error', 'SELEC Id FROM User', 'MALFORMED_QUERY', /ERROR at Row:1/],
  ['quoted boolean', "SELECT Id FROM User WHERE IsActive = 'true'", 'INVALID_FIELD', /must be of type boolean/],
  ['bad Id literal', "SELECT Id FROM User WHERE Id = 'abc'", 'INVALID_QUERY_FILTER_OPERATOR', /invalid ID field: abc/],
  ['ungrouped field', 'SELECT Name, COUNT(Id) FROM User', 'MALFORMED_QUERY', /Field must be grouped or aggregated: Name/],
  ['stream objects cannot be queried', 'SELECT Id FROM ReportEventStream', 'INVALID_TYPE_FOR_OPERATION', /does not support query/]
];
for (const [name, text, code, message] of errors) {
  test(`SOQL error: ${name}`, () => {
    assert.throws(() => q(text), (e) => e.errorCode === code && message.test(e.message));
  });
}

test('an edition without Event Monitoring answers INVALID_TYPE and INVALID_FIELD', () => {
  const pe = buildScenarioOrg('no-event-monitoring', { now: NOW });
  assert.throws(() => soql(pe, 'SELECT Id FROM ReportEvent'), (e) => e.errorCode === 'INVALID_TYPE');
  assert.throws(() => soql(pe, 'SELECT Id FROM EventLogFile'), (e) => e.errorCode === 'INVALID_TYPE');
  assert.throws(() => soql(pe, 'SELECT PermissionsViewRealTimeEventMonitoringData FROM PermissionSet'), (e) => e.errorCode === 'INVALID_FIELD');
  assert.equal(soql(pe, 'SELECT OrganizationType FROM Organization').records[0].OrganizationType, 'Professional Edition');
});

test('noAccess makes an object unreadable with the fixture’s error code', () => {
  const o = buildScenarioOrg('userlogin-unreadable', { now: NOW });
  assert.throws(() => soql(o, 'SELECT IsFrozen FROM UserLogin'), (e) => e.errorCode === 'INSUFFICIENT_ACCESS' && e.status === 403);
});

test('answers follow the data, not the query text: mutations change results', () => {
  const o = buildScenarioOrg('healthy', { now: NOW });
  const s = new Store(o);
  const text = "SELECT Id FROM User WHERE IsActive = true AND Username LIKE 'code42%'";
  assert.equal(soql(o, text, { store: s }).totalSize, 1);
  o.objects.User.find((u) => u.Username.startsWith('code42')).IsActive = false;
  assert.equal(soql(o, text, { store: s }).totalSize, 0);
});

test('demo org: permission set group muting removes Export Reports from the aggregate', () => {
  const demo = buildDemoOrg({ now: NOW });
  const r = soql(demo, "SELECT PermissionSetGroup.DeveloperName, PermissionsExportReport FROM PermissionSet WHERE Type = 'Group' ORDER BY PermissionSetGroup.DeveloperName").records;
  assert.deepEqual(r.map((x) => [x.PermissionSetGroup.DeveloperName, x.PermissionsExportReport]), [['Sales_Leadership', true], ['Support_Bundle', false]]);
  const muting = soql(demo, "SELECT PermissionSetGroup.DeveloperName FROM PermissionSetGroupComponent WHERE PermissionSetId IN (SELECT Id FROM MutingPermissionSet WHERE PermissionsExportReport = true)").records;
  assert.equal(muting.length, 1);
  assert.equal(muting[0].PermissionSetGroup.DeveloperName, 'Support_Bundle');
});

test('EntityDefinition rows come from the schema and follow it when an object goes missing', () => {
  const o = buildScenarioOrg('healthy', { now: NOW });
  const st = new Store(o);
  const find = (name) => soql(o, `SELECT QualifiedApiName, KeyPrefix, IsQueryable FROM EntityDefinition WHERE QualifiedApiName = '${name}'`, { store: st }).records;
  assert.deepEqual(find('User').map(({ KeyPrefix, IsQueryable }) => ({ KeyPrefix, IsQueryable })), [{ KeyPrefix: '005', IsQueryable: true }]);
  assert.equal(find('ReportEventStream')[0].IsQueryable, false);
  assert.equal(find('LoginEvent').length, 1);
  o.missingObjects = ['LoginEvent'];
  st.refresh();
  assert.equal(find('LoginEvent').length, 0);
});

test('a query sent again is parsed once, and each caller gets its own copy of the parse', () => {
  const text = "SELECT Id, Username FROM User WHERE IsActive = true AND Username LIKE 'user1%' ORDER BY Username";
  const first = parseSoql(text);
  const value = first.where.left.value;
  first.sObject = 'Account';
  first.where.left.value = "'nobody%'";
  const again = parseSoql(text);
  assert.equal(again.sObject, 'User');
  assert.equal(again.where.left.value, value);
  assert.deepEqual(q(text).records.map((u) => u.Username), q(text).records.map((u) => u.Username));
  assert.ok(q(text).totalSize > 1);
  assert.throws(() => parseSoql('SELECT FROM'), (e) => e.errorCode === 'MALFORMED_QUERY');
  assert.throws(() => parseSoql('SELECT FROM'), (e) => e.errorCode === 'MALFORMED_QUERY');
});
