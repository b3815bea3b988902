import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INSUFFICIENT_ACCESS_COLUMNS,
  addInsufficientAccessLogs,
  formatLogTimestamp,
  generateInsufficientAccessLog,
  handleLogFileRequest
} from '../src/eventLogFiles.js';
import { createIdFactory, isValidId18 } from '../src/ids.js';

const newId = createIdFactory('Tz');
const ORG_ID = newId('Organization');
const USERS = [newId('User'), newId('User'), newId('User')];

/** Minimal RFC 4180 reader for assertions (quoted values, "" escapes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(value);
      value = '';
    } else if (c === '\n') {
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else value += c;
  }
  if (quoted) throw new Error('unclosed quote');
  if (value || row.length) rows.push([...row, value]);
  return rows;
}

test('formatLogTimestamp writes yyyyMMddHHmmss.SSS in GMT', () => {
  assert.equal(formatLogTimestamp(Date.UTC(2013, 6, 15, 23, 33, 22, 670)), '20130715233322.670');
  assert.equal(formatLogTimestamp(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), '20240102030405.006');
});

test('a generated log has the quoted header, every column of the article, and consistent Ids and times', () => {
  const text = generateInsufficientAccessLog({ rows: 200, users: USERS, orgId: ORG_ID, startDate: '2024-05-01T10:00:00Z', seed: 7 });
  assert.ok(text.startsWith('"EVENT_TYPE","TIMESTAMP","REQUEST_ID","ORGANIZATION_ID","USER_ID"'));
  const [header, ...rows] = parseCsv(text);
  assert.deepEqual(header, INSUFFICIENT_ACCESS_COLUMNS.map(([n]) => n));
  assert.equal(rows.length, 200);
  const col = Object.fromEntries(header.map((n, i) => [n, i]));
  let previous = '';
  for (const r of rows) {
    assert.equal(r.length, header.length);
    assert.equal(r[col.EVENT_TYPE], 'InsufficientAccess');
    assert.match(r[col.TIMESTAMP], /^\d{14}\.\d{3}$/);
    assert.equal(r[col.ORGANIZATION_ID], ORG_ID.slice(0, 15));
    assert.equal(r[col.USER_ID].length, 15);
    assert.equal(r[col.ACTUAL_LOGGED_IN_USER_ID].length, 15);
    assert.ok(isValidId18(r[col.USER_ID_DERIVED]));
    assert.equal(r[col.USER_ID_DERIVED].slice(0, 15), r[col.USER_ID]);
    assert.ok(USERS.includes(r[col.USER_ID_DERIVED]));
    assert.ok(['NO_ACCESS', 'DATA_NOT_AVAILABLE', 'INVALID_TYPE'].includes(r[col.ACCESS_ERROR]));
    assert.ok(['Account', 'Case', 'Contact', 'Opportunity'].includes(r[col.ENTITY_TYPE]));
    assert.ok(['READ', 'WRITE', 'DELETE', 'FULL', 'TRANSFER'].includes(r[col.REQUESTED_ACCESS_LEVEL]));
    assert.equal(formatLogTimestamp(Date.parse(r[col.TIMESTAMP_DERIVED])), r[col.TIMESTAMP]);
    const t = Date.parse(r[col.TIMESTAMP_DERIVED]);
    assert.ok(t >= Date.parse('2024-05-01T10:00:00Z') && t < Date.parse('2024-05-01T11:00:00Z'));
    assert.ok(r[col.TIMESTAMP_DERIVED] >= previous, 'rows are in time order');
    previous = r[col.TIMESTAMP_DERIVED];
    if (r[col.ACTUAL_LOGGED_IN_USER_ID] !== r[col.USER_ID]) assert.equal(r[col.REQUESTED_ACCESS_LEVEL], 'TRANSFER');
  }
  const errors = new Set(rows.map((r) => r[col.ACCESS_ERROR]));
  assert.ok(errors.has('NO_ACCESS') && errors.has('DATA_NOT_AVAILABLE'));
});

test('the same seed gives the same file; another seed another file', () => {
  const opts = { rows: 50, users: USERS, orgId: ORG_ID, startDate: 0, seed: 3 };
  assert.equal(generateInsufficientAccessLog(opts), generateInsufficientAccessLog(opts));
  assert.notEqual(generateInsufficientAccessLog(opts), generateInsufficientAccessLog({ ...opts, seed: 4 }));
});

test('tens of thousands of rows come out at a realistic size', () => {
  const text = generateInsufficientAccessLog({ rows: 30000, users: USERS, orgId: ORG_ID, durationMs: 86400000, seed: 1 });
  assert.equal(text.split('\n').length - 2, 30000);
  assert.ok(text.length > 30000 * 250, `${text.length} bytes`);
});

test('a truncated log ends inside a quoted value; a garbled one breaks a middle line', () => {
  const opts = { rows: 100, users: USERS, orgId: ORG_ID, startDate: 0, seed: 9 };
  const full = generateInsufficientAccessLog(opts);
  const truncated = generateInsufficientAccessLog({ ...opts, corrupt: true });
  assert.ok(truncated.length < full.length && full.startsWith(truncated));
  assert.throws(() => parseCsv(truncated), /unclosed quote/);
  const garbled = generateInsufficientAccessLog({ ...opts, corrupt: 'garbled' });
  assert.notEqual(garbled, full);
  assert.equal(garbled.split('\n').length, full.split('\n').length);
});

function demoOrg() {
  const id = createIdFactory('Dm');
  const ps = { Id: id('PermissionSet'), Name: 'Code42_Service_Account' };
  const users = Array.from({ length: 20 }, (_, i) => ({ Id: id('User'), Username: `user${i}@demo.test`, IsActive: i !== 5 }));
  return {
    newId: id,
    objects: {
      Organization: [{ Id: id('Organization') }],
      User: users,
      PermissionSet: [ps],
      PermissionSetAssignment: [{ Id: id('PermissionSetAssignment'), AssigneeId: users[19].Id, PermissionSetId: ps.Id }]
    }
  };
}

test('addInsufficientAccessLogs writes hourly files and a daily file per closed day with the same events', () => {
  const org = demoOrg();
  const end = Date.parse('2024-05-03T15:30:00Z');
  const { records, events } = addInsufficientAccessLogs(org, { days: 3, endDate: end, corrupt: false, eventsPerDay: 300 });
  assert.equal(org.objects.EventLogFile.length, records.length);
  const daily = records.filter((r) => r.Interval === 'Daily');
  const hourly = records.filter((r) => r.Interval === 'Hourly');
  // Daily files for May 1 and 2 only: May 3 is still running.
  assert.deepEqual(daily.map((r) => r.LogDate), ['2024-05-01T00:00:00.000+0000', '2024-05-02T00:00:00.000+0000']);
  assert.ok(hourly.some((r) => r.LogDate.startsWith('2024-05-03T')));
  assert.ok(hourly.every((r) => Date.parse(r.LogDate.replace('+0000', 'Z')) <= end));
  for (const r of records) {
    assert.equal(r.EventType, 'InsufficientAccess');
    assert.ok(isValidId18(r.Id) && r.Id.startsWith('0AT'));
    assert.equal(r.LogFileLength, Buffer.byteLength(org.logFiles[r.Id]));
    assert.equal(r.LogFileFieldNames.split(',')[0], 'EVENT_TYPE');
    assert.equal(r.LogFileFieldNames.split(',').length, r.LogFileFieldTypes.split(',').length);
  }
  const rowsOf = (r) => parseCsv(org.logFiles[r.Id]).slice(1).map((row) => row.join('|'));
  for (const d of daily) {
    const day = d.LogDate.slice(0, 10);
    const fromHours = hourly.filter((h) => h.LogDate.startsWith(day)).flatMap(rowsOf);
    assert.deepEqual(rowsOf(d).sort(), fromHours.sort(), `daily ${day} = its hourly files`);
  }
  const total = hourly.flatMap(rowsOf).length;
  assert.equal(total, events.length);
  // The service user (permission set Code42_Service_Account) is among those with errors; the inactive user is not.
  const users = new Set(events.map((e) => e.USER_ID_DERIVED));
  assert.ok(users.has(org.objects.User[19].Id));
  assert.ok(!users.has(org.objects.User[5].Id));
});

test('by default one daily file is truncated and says its full length', () => {
  const org = demoOrg();
  const { records } = addInsufficientAccessLogs(org, { days: 3, endDate: '2024-05-03T12:00:00Z' });
  const damaged = records.filter((r) => Buffer.byteLength(org.logFiles[r.Id]) !== r.LogFileLength);
  assert.equal(damaged.length, 1);
  assert.equal(damaged[0].Interval, 'Daily');
  assert.ok(Buffer.byteLength(org.logFiles[damaged[0].Id]) < damaged[0].LogFileLength);
});

test('handleLogFileRequest serves the CSV by 18- or 15-character Id, and 404 NOT_FOUND otherwise', () => {
  const org = demoOrg();
  const { records } = addInsufficientAccessLogs(org, { days: 2, endDate: '2024-05-03T12:00:00Z', corrupt: false });
  const r = records[0];
  const ok = handleLogFileRequest(org, r.Id);
  assert.equal(ok.status, 200);
  assert.match(ok.headers['Content-Type'], /^text\/csv/);
  assert.equal(ok.body, org.logFiles[r.Id]);
  assert.equal(ok.headers['Content-Length'], String(Buffer.byteLength(ok.body)));
  assert.equal(handleLogFileRequest(org, r.Id.slice(0, 15)).body, ok.body);
  const missing = handleLogFileRequest(org, '0AT5g000000XXXXAAA');
  assert.equal(missing.status, 404);
  assert.deepEqual(JSON.parse(missing.body), [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  assert.equal(handleLogFileRequest(org, 'nonsense').status, 404);
});
