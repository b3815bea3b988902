/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';

// The generator is ESM (prettier 3 loads prettier-plugin-apex with import()), so the test runs
// its --check the way CI would instead of importing it into jest's module system.
const PROJECT = path.resolve(__dirname, '..', '..', '..');
const SCRIPT = path.join(__dirname, '..', 'generate-apex.mjs');
const CONTRACT = path.join(__dirname, '..', 'healthFacts.contract.json');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'c42-contract-'));

jest.setTimeout(60000);
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const check = (extra = []) =>
  spawnSync(process.execPath, [SCRIPT, '--check', ...extra], { cwd: PROJECT, encoding: 'utf8', timeout: 55000 });

test('Code42HealthFactsContract.cls is generated from the current contract', () => {
  const result = check();
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});

test('a key added to the contract makes the Apex class stale, naming the fix', () => {
  const contract = JSON.parse(fs.readFileSync(CONTRACT, 'utf8'));
  contract.keys.holders.activeCount = 'Integer';
  const changed = path.join(TMP, 'contract.json');
  fs.writeFileSync(changed, JSON.stringify(contract));
  const result = check(['--contract', changed]);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('npm run generate:health-contract');
});

test('the generated class lists the required keys of the contract, not the optional ones', () => {
  const source = fs.readFileSync(
    path.join(PROJECT, 'force-app', 'main', 'default', 'classes', 'Code42HealthFactsContract.cls'),
    'utf8'
  );
  expect(source).toContain("'holders' => new List<String>{ 'inScopeCount', 'totalCount' }");
  expect(source).not.toContain("'myDomain'");
  expect(source).not.toContain("'addOnPermissionField'");
  expect(source).toContain('Do not edit');
});
