#!/usr/bin/env node
/*
 * `npm run bench`: what a preflight costs on small, medium and large orgs (not part of npm test).
 *
 * For generated orgs S, M and L (1,000 / 10,000 / 100,000 active users, ~20% holding Export
 * Reports; 3,000 nested public groups over a 200-role hierarchy; a groups CSV of 300 groups)
 * served by the local simulator with 100 ms latency per request, it runs `sf code42 preflight`
 * in each scope mode and, for comparison, what admins do today: Code42's Report export query
 * with `sf data query`. It prints API calls (counted by the simulator, as Salesforce charges
 * them), wall time and the measured process's peak RSS, and checks the budget for L / groups.
 *
 *   npm run bench                       S, M and L
 *   npm run bench -- --sizes S,M        some sizes only
 *   npm run bench -- --latency 0        no simulated latency
 *   npm run bench -- --sizes L --modes all,users-over
 *                                       a users CSV of every user (100,000 rows on L), over
 *                                       Code42's 1,000-entry limit: no call may be spent on its rows
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensurePluginBuilt, PLUGIN_BIN } from './plugin-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.tmp', 'bench');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'S,M,L' },
    latency: { type: 'string', default: '100' },
    modes: { type: 'string', default: 'all,users,groups' }
  }
});
const BUDGET = { size: 'L', mode: 'groups', apiCalls: 40, seconds: 6, rssMb: 300 };
const CODE42_QUERY =
  'SELECT Name, Email FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsExportReport = true)';

ensurePluginBuilt();
const { startSimulator, generateOrg, cliEnv, GENERATOR_SIZES } = await import('@code42-companion/org-simulator');

function measure(args, sim) {
  const rssFile = join(work, `rss-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const home = join(work, 'home');
  mkdirSync(home, { recursive: true });
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', join(root, 'scripts', 'bench', 'rss-probe.mjs'), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: cliEnv(sim, { home, extra: { BENCH_RSS_FILE: rssFile } })
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
      resolvePromise({ code, out, err, seconds, rssMb: rss / 1024 / 1024 });
    });
  });
}

/** A users CSV of up to 1,000 usernames (Code42's limit). */
function usersCsvFrom(org) {
  const users = org.objects.User.filter((u) => u.IsActive).slice(0, 1000);
  return ['Username', ...users.map((u) => u.Username)].join('\n') + '\n';
}

const rows = [];
for (const size of values.sizes.split(',')) {
  const users = GENERATOR_SIZES[size];
  if (!users) throw new Error(`Unknown size ${size}; use ${Object.keys(GENERATOR_SIZES).join(', ')}`);
  const genStart = Date.now();
  const { org, groupsCsv: groupsCsvText } = generateOrg({ users, seed: 42 });
  const groupsCsv = join(work, `groups-${size}.csv`);
  const usersCsv = join(work, `users-${size}.csv`);
  writeFileSync(groupsCsv, groupsCsvText);
  writeFileSync(usersCsv, usersCsvFrom(org));
  const usersOverCsv = join(work, `users-over-${size}.csv`);
  if (values.modes.split(',').includes('users-over')) {
    writeFileSync(usersOverCsv, ['Username', ...org.objects.User.map((u) => u.Username)].join('\n') + '\n');
  }
  console.error(`${size}: generated ${users.toLocaleString('en-US')} users in ${((Date.now() - genStart) / 1000).toFixed(1)} s`);
  const sim = await startSimulator({ org, latencyMs: Number(values.latency) });
  try {
    const scopeArgs = {
      all: [],
      users: ['--scope', 'users', '--users-file', usersCsv],
      'users-over': ['--scope', 'users', '--users-file', usersOverCsv],
      groups: ['--scope', 'groups', '--groups-file', groupsCsv]
    };
    for (const mode of values.modes.split(',')) {
      sim.resetLog();
      const r = await measure(
        [PLUGIN_BIN, 'code42', 'preflight', '--target-org', sim.accessToken, '--json', ...scopeArgs[mode]],
        sim
      );
      let inScope = '?';
      try {
        const doc = JSON.parse(r.out);
        inScope = doc.result?.inScopeUsers?.length ?? '?';
        if (doc.result?.apiCalls !== undefined && doc.result.apiCalls !== sim.apiCalls()) {
          console.error(`  note: plugin counted ${doc.result.apiCalls} calls, simulator ${sim.apiCalls()}`);
        }
      } catch {
        console.error(`  ${size}/${mode}: no JSON document (exit ${r.code}): ${r.err.slice(0, 400)}`);
      }
      rows.push({ size, tool: 'sf code42 preflight', mode, users: inScope, calls: sim.apiCalls(), writes: sim.writeRequests().length, ...r });
    }
    sim.resetLog();
    const today = await measure(
      [join(root, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js'), 'data', 'query', '--query', CODE42_QUERY, '--target-org', sim.accessToken, '--json'],
      sim
    );
    let n = '?';
    try {
      n = JSON.parse(today.out).result?.totalSize ?? '?';
    } catch {
      console.error(`  ${size}/sf data query: no JSON document (exit ${today.code}): ${today.err.slice(0, 400)}`);
    }
    rows.push({ size, tool: 'sf data query (Code42 query)', mode: 'all', users: n, calls: sim.apiCalls(), writes: sim.writeRequests().length, ...today });
  } finally {
    await sim.stop();
  }
}

const header = '| size | tool | scope | users found | API calls | wall (s) | peak RSS (MB) |';
console.log(`\nLatency ${values.latency} ms per request; ${new Date().toISOString().slice(0, 10)}; Node ${process.version}.\n`);
console.log(header);
console.log('|---|---|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.size} | ${r.tool} | ${r.mode} | ${r.users} | ${r.calls} | ${r.seconds.toFixed(1)} | ${r.rssMb.toFixed(0)} |`);
}
const budgetRow = rows.find((r) => r.size === BUDGET.size && r.mode === BUDGET.mode && r.tool.startsWith('sf code42'));
let exitCode = rows.some((r) => r.writes > 0) ? 1 : 0;
if (budgetRow) {
  const ok = budgetRow.calls <= BUDGET.apiCalls && budgetRow.seconds <= BUDGET.seconds && budgetRow.rssMb <= BUDGET.rssMb;
  console.log(
    `\nBudget for ${BUDGET.size} / ${BUDGET.mode} scope: <= ${BUDGET.apiCalls} calls, <= ${BUDGET.seconds} s, <= ${BUDGET.rssMb} MB: ` +
      `${budgetRow.calls} calls, ${budgetRow.seconds.toFixed(1)} s, ${budgetRow.rssMb.toFixed(0)} MB -> ${ok ? 'within budget' : 'OVER BUDGET'}`
  );
  if (!ok) exitCode = 1;
}
if (rows.some((r) => r.writes > 0)) console.log('A run made a write request: preflight must be read-only.');
process.exit(exitCode);
