/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';

// The checks are ESM (prettier 3 loads its plugins with import()), so the tests run the command
// line with --json, as CI would, instead of importing it into jest's module system.
const PROJECT = path.resolve(__dirname, '..', '..', '..');
const SCRIPT = path.join(__dirname, '..', 'apex-checks.mjs');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'c42-apex-checks-'));

jest.setTimeout(180000);

function runChecks(dir, extra = []) {
  const result = spawnSync(process.execPath, [SCRIPT, dir, '--json', ...extra], {
    cwd: PROJECT,
    encoding: 'utf8',
    timeout: 170000
  });
  if (result.status === 2 || !result.stdout) throw new Error(`apex-checks crashed: ${result.stderr}`);
  return { status: result.status, ...JSON.parse(result.stdout) };
}

function writeClass(dir, name, body) {
  const classes = path.join(dir, 'main', 'default', 'classes');
  fs.mkdirSync(classes, { recursive: true });
  fs.writeFileSync(path.join(classes, `${name}.cls`), body);
  fs.writeFileSync(
    path.join(classes, `${name}.cls-meta.xml`),
    '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>62.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n'
  );
}

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

test('the real force-app has no Apex syntax error, no unformatted class and no high-severity PMD finding', () => {
  const result = runChecks(path.join(PROJECT, 'force-app'));
  const failing = result.findings.filter((f) => f.failing);
  expect(failing).toEqual([]);
  expect(result.status).toBe(0);
  for (const f of result.findings.filter((x) => x.kind === 'pmd')) {
    expect(f.severity).toBeGreaterThan(2);
  }
});

test('(a) a syntax error is named with its file and line, and unformatted code is a finding', () => {
  const dir = path.join(TMP, 'format', 'force-app');
  writeClass(dir, 'Broken', 'public with sharing class Broken {\n  public void m() {\n    Integer i = ;\n  }\n}\n');
  writeClass(dir, 'Squashed', 'public with sharing class Squashed {   public Integer x;}\n');
  writeClass(dir, 'Tidy', 'public with sharing class Tidy {\n  public Integer x;\n}\n');
  const result = runChecks(dir, ['--no-pmd']);
  expect(result.status).toBe(1);
  expect(result.files).toHaveLength(3);
  const byFile = (name) => result.findings.filter((f) => f.file.endsWith(`classes/${name}.cls`));
  expect(byFile('Broken')).toEqual([
    expect.objectContaining({ kind: 'syntax', line: 3, failing: true, message: expect.stringMatching(/line 3: Unexpected token ';'/) })
  ]);
  expect(byFile('Squashed')).toEqual([expect.objectContaining({ kind: 'unformatted', line: 1, failing: true })]);
  expect(byFile('Tidy')).toEqual([]);
});

test('(b) PMD flags SOQL built from untrusted input (ApexSOQLInjection, severity High) as a failure', () => {
  const dir = path.join(TMP, 'pmd', 'force-app');
  writeClass(
    dir,
    'UserLookup',
    [
      'public with sharing class UserLookup {',
      '  public static List<User> byName(String name) {',
      "    return Database.query('SELECT Id FROM User WHERE Name = \\'' + name + '\\'');",
      '  }',
      '}',
      ''
    ].join('\n')
  );
  const result = runChecks(dir);
  const injection = result.findings.filter((f) => f.rule === 'ApexSOQLInjection');
  expect(injection).toEqual([
    expect.objectContaining({ kind: 'pmd', severity: 2, failing: true, line: 3, file: expect.stringMatching(/classes\/UserLookup\.cls$/) })
  ]);
  // The class itself is valid and formatted: only PMD fails it.
  expect(result.findings.filter((f) => f.kind !== 'pmd')).toEqual([]);
  expect(result.status).toBe(1);
});
