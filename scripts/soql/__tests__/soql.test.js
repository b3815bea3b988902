/** @jest-environment node */
import fs from 'fs';
import path from 'path';
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { SERVICE_PERMISSION_SET, SERVICE_PROFILE } from '@code42-companion/rules';

const DIR = path.join(__dirname, '..');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.soql'));
const read = (f) => fs.readFileSync(path.join(DIR, f), 'utf8');

// The API v64.0 describe (the simulator's copy of the shared salesforce-schema.json): a field is
// [type, label, nillable, relationshipName, referenceTo]; Permissions* fields are listed apart.
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'org-simulator', 'src', 'schema', 'salesforce-schema.json'), 'utf8'));

function hasField(object, field) {
  const fields = SCHEMA[object] ? SCHEMA[object].fields : {};
  return field in fields || (object === 'PermissionSet' && SCHEMA.__permissionFields.includes(field));
}

function checkPath(object, dotted) {
  const parts = dotted.split('.');
  let current = object;
  for (const rel of parts.slice(0, -1)) {
    const fk = Object.values(SCHEMA[current] ? SCHEMA[current].fields : {}).find((f) => f[3] === rel);
    if (!fk || !fk[4]) return `${current} has no relationship ${rel}`;
    current = fk[4];
  }
  const field = parts[parts.length - 1];
  return hasField(current, field) ? null : `${current} has no field ${field}`;
}

/** Every field path a query uses (SELECT, WHERE, GROUP BY, ORDER BY, functions), with its object. */
function fieldPaths(query, out = []) {
  const object = query.sObject;
  const add = (p) => p && out.push([object, p]);
  for (const f of query.fields || []) {
    if (f.type === 'Field') add(f.field);
    if (f.type === 'FieldRelationship') add(f.rawValue);
    if (f.type === 'FieldFunctionExpression') (f.parameters || []).forEach((p) => typeof p === 'string' && add(p));
  }
  const walkWhere = (w) => {
    if (!w) return;
    const left = w.left;
    if (left) {
      if (left.field) add(left.field);
      if (left.fn && left.fn.parameters) left.fn.parameters.forEach((p) => typeof p === 'string' && add(p));
      if (left.valueQuery) fieldPaths(left.valueQuery, out);
    }
    walkWhere(w.right);
  };
  walkWhere(query.where);
  for (const g of [].concat(query.groupBy || [])) {
    if (g.field) add(g.field);
    if (g.fn && g.fn.parameters) g.fn.parameters.forEach((p) => typeof p === 'string' && add(p));
  }
  for (const o of [].concat(query.orderBy || [])) {
    if (o.field) add(o.field);
    if (o.fn && o.fn.parameters) o.fn.parameters.forEach((p) => typeof p === 'string' && add(p));
  }
  return out;
}

test('there are the five queries the README describes', () => {
  expect(files.sort()).toEqual([
    'code42-report-export-users.soql',
    'export-report-holders.soql',
    'service-user-login-state.soql',
    'service-user-logins-by-hour.soql',
    'service-user.soql'
  ]);
  const readme = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
  for (const f of files) expect(readme).toContain(`\`${f}\``);
});

test("Code42's Report export query is verbatim", () => {
  expect(read('code42-report-export-users.soql').trim()).toBe(
    'SELECT Name, Email FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsExportReport = true)'
  );
});

test.each(files)('%s parses as SOQL and uses only known fields', (file) => {
  const text = read(file);
  expect(text).not.toMatch(/^\s*(\/\/|--|#)/m); // no comments: sf data query --file sends text as is
  const query = parseQuery(text);
  const problems = fieldPaths(query)
    .map(([object, p]) => checkPath(object, p))
    .filter(Boolean);
  expect(problems).toEqual([]);
  expect(fieldPaths(query).length).toBeGreaterThan(2);
});

test('the service user queries name the deployed permission set and profile', () => {
  for (const f of ['service-user.soql', 'service-user-login-state.soql', 'service-user-logins-by-hour.soql']) {
    expect(read(f)).toContain(`PermissionSet.Name = '${SERVICE_PERMISSION_SET}'`);
    expect(read(f)).toContain(`PermissionSet.Profile.Name = '${SERVICE_PROFILE}'`);
  }
});

test('the field check follows the describe and reports unknown fields and relationships', () => {
  expect(checkPath('User', 'Profile.UserLicense.Name')).toBeNull();
  expect(checkPath('PermissionSetAssignment', 'PermissionSet.PermissionsExportReport')).toBeNull();
  expect(checkPath('User', 'Profile.Nmae')).toBe('Profile has no field Nmae');
  expect(checkPath('PermissionSetAssignment', 'Assignee.PermissionsExportReport')).toBe('User has no field PermissionsExportReport');
  expect(checkPath('User', 'Boss.Name')).toBe('User has no relationship Boss');
});
