import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { startSimulator, buildDemoOrg, cliEnv } from '../src/index.js';

// The real Salesforce CLI (root devDependency @salesforce/cli) against the simulator.
const run = promisify(execFile);
const require = createRequire(import.meta.url);
let sfBin;
try {
  sfBin = join(dirname(dirname(require.resolve('@salesforce/cli'))), 'bin', 'run.js');
} catch {
  sfBin = null;
}

test('real sf CLI: org login access-token, then data query with relationships and COUNT()', { skip: !sfBin || !existsSync(sfBin) ? '@salesforce/cli not installed' : false, timeout: 120000 }, async () => {
  const sim = await startSimulator({ org: buildDemoOrg() });
  const home = mkdtempSync(join(tmpdir(), 'orgsim-sf-'));
  const env = cliEnv(sim, { home, extra: { SF_ACCESS_TOKEN: sim.accessToken } });
  const sf = async (...args) => {
    try {
      return JSON.parse((await run(process.execPath, [sfBin, ...args, '--json'], { env, encoding: 'utf8' })).stdout);
    } catch (e) {
      return JSON.parse(e.stdout || '{}');
    }
  };
  try {
    const login = await sf('org', 'login', 'access-token', '--instance-url', sim.instanceUrl, '--no-prompt', '--alias', 'sim');
    assert.equal(login.status, 0, JSON.stringify(login));
    assert.equal(login.result.orgId, sim.orgId);
    assert.equal(login.result.instanceApiVersion, '62.0');
    const paths = sim.requests.map((r) => r.path);
    assert.ok(paths.includes('/services/oauth2/userinfo') && paths.includes('/services/data'));
    const count = await sf('data', 'query', '-o', 'sim', '-q', 'SELECT COUNT() FROM User WHERE IsActive = true');
    assert.equal(count.result.totalSize, sim.org.objects.User.filter((u) => u.IsActive).length);
    const rows = await sf('data', 'query', '-o', 'sim', '-q', "SELECT Name, Profile.Name FROM User WHERE Username LIKE 'code42-service%'");
    assert.equal(rows.result.records[0].Profile.Name, 'Code42 Service Account');
  } finally {
    await sim.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
