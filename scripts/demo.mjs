#!/usr/bin/env node
/*
 * `npm run demo`: see the product work before connecting it to a real org.
 *
 * Starts the local org simulator with the built-in demo org (a few hundred users and a Code42
 * service user with one realistic problem), runs `sf code42 preflight` against it through the
 * plugin's own binary, prints the report as an admin would see it, and stops the simulator.
 * No network, no login, nothing written outside .tmp/.
 *
 *   npm run demo                         the full report
 *   npm run demo -- --json               the JSON document instead
 *   npm run demo -- --scope groups --groups-file scripts/org-simulator/fixtures/demo-groups-scope.csv
 *   npm run demo -- access-errors        the access-errors command instead of preflight
 *   npm run demo -- --delegated-admin    the demo org run by an admin without View Real-Time Event
 *                                        Monitoring Data and Manage Users (what is hidden is skipped)
 *
 * Arguments after `--` go to the command unchanged.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePluginBuilt, PLUGIN_BIN } from './plugin-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

ensurePluginBuilt();
const { startSimulator, buildDemoOrg, cliEnv, DEMO_DELEGATED_ADMIN_LACKS } = await import('@code42-companion/org-simulator');

const extra = process.argv.slice(2);
const delegated = extra.includes('--delegated-admin');
if (delegated) extra.splice(extra.indexOf('--delegated-admin'), 1);
const sim = await startSimulator({ org: buildDemoOrg({ adminLacks: delegated ? DEMO_DELEGATED_ADMIN_LACKS : [] }), https: true });
const home = join(root, '.tmp', 'demo-home');
mkdirSync(home, { recursive: true });

const COMMANDS = ['preflight', 'access-errors'];
const command = COMMANDS.includes(extra[0]) ? extra.shift() : 'preflight';
const shown = ['sf', 'code42', command, '--target-org', 'demo-org', ...extra].join(' ');
if (!extra.includes('--json')) {
  console.log(`Demo org simulator on ${sim.instanceUrl} (local, no network).`);
  console.log(`$ ${shown}\n`);
}

const child = spawn(process.execPath, [PLUGIN_BIN, 'code42', command, '--target-org', sim.accessToken, ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: cliEnv(sim, { home })
});

const stopAll = async (code) => {
  await sim.stop();
  process.exit(code);
};
process.on('SIGINT', () => {
  child.kill('SIGINT');
});

child.on('close', async (code) => {
  const calls = sim.apiCalls();
  const writes = sim.writeRequests().length;
  if (!extra.includes('--json')) {
    console.log(
      `\nThe simulator counted ${calls} API call${calls === 1 ? '' : 's'} and ${writes} write request${writes === 1 ? '' : 's'}.`
    );
    if (code === 1 && command === 'preflight') {
      console.log('Exit code 1: a check failed, as the demo org is meant to show. Exit code 0 means nothing reached --fail-on.');
    }
  }
  // 0 and 1 are the preflight's own answers; anything else is a real error.
  await stopAll(code === 0 || code === 1 ? 0 : code ?? 2);
});
