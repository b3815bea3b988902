#!/usr/bin/env node
/*
 * `npm test`: every test suite of the project, one after the other, then one closing line
 * `N passed, N failed` summed over all of them (CI reads that line).
 *
 *   node scripts/run-tests.mjs                 all suites
 *   node scripts/run-tests.mjs jest plugin     only the named suites
 *   node scripts/run-tests.mjs --with-browser  also the headless-Chromium dashboard test
 *
 * Each runner prints as usual; its counts are read from its own summary (jest's JSON file,
 * mocha's "N passing / N failing", node:test's "# pass / # fail"). A runner that exits
 * non-zero without reporting a failure counts as one failure, so a crash is never green.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, '.test-results');
mkdirSync(resultsDir, { recursive: true });
const jestJson = join(resultsDir, 'jest.json');

const quietSf = {
  SF_DISABLE_TELEMETRY: 'true',
  SF_DISABLE_AUTOUPDATE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
  SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '0'
};

/** Read "N passing / N failing / N pending" from mocha's spec reporter. */
function mochaCounts(out) {
  const num = (re) => {
    const m = out.match(re);
    return m ? Number(m[1]) : 0;
  };
  return { passed: num(/^\s*(\d+) passing/m), failed: num(/^\s*(\d+) failing/m), skipped: num(/^\s*(\d+) pending/m) };
}

/** Read the totals of node's test runner (spec or tap reporter). */
function nodeTestCounts(out) {
  const num = (re) => {
    const all = [...out.matchAll(re)];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  return {
    passed: num(/^\S*\s*(?:#|ℹ)\s*pass (\d+)/gm),
    failed: num(/^\S*\s*(?:#|ℹ)\s*fail (\d+)/gm),
    skipped: num(/^\S*\s*(?:#|ℹ)\s*skipped (\d+)/gm) + num(/^\S*\s*(?:#|ℹ)\s*todo (\d+)/gm)
  };
}

function jestCounts() {
  if (!existsSync(jestJson)) return { passed: 0, failed: 0, skipped: 0 };
  const r = JSON.parse(readFileSync(jestJson, 'utf8'));
  // A test file that fails to load has no test results but counts as a failed suite.
  const brokenSuites = (r.testResults || []).filter((s) => s.status === 'failed' && (s.assertionResults || []).length === 0).length;
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + brokenSuites,
    skipped: r.numPendingTests + (r.numTodoTests || 0)
  };
}

/** Read a plain "N passed, N failed" line (our own browser test prints one). */
function plainCounts(out) {
  const all = [...out.matchAll(/^(?:\w+:\s*)?(\d+) passed, (\d+) failed/gm)];
  if (!all.length) return { passed: 0, failed: 0, skipped: 0 };
  const m = all[all.length - 1];
  return { passed: Number(m[1]), failed: Number(m[2]), skipped: 0 };
}

const npx = (args) => ['npx', ['--no-install', ...args]];

const SUITES = {
  build: {
    title: 'plugin build (tsc)',
    cmd: ['npm', ['run', '--silent', 'build', '-w', 'plugin']],
    counts: () => ({ passed: 0, failed: 0, skipped: 0 }),
    prerequisite: true
  },
  rules: {
    title: 'rules package (node:test)',
    cmd: ['npm', ['test', '--silent', '-w', '@code42-companion/rules']],
    counts: nodeTestCounts
  },
  jest: {
    title: 'jest: metadata validation, Apex checks, rules, LWC',
    before: () => rmSync(jestJson, { force: true }),
    cmd: npx(['sfdx-lwc-jest', '--skipApiVersionCheck', '--', '--json', `--outputFile=${jestJson}`]),
    counts: () => jestCounts()
  },
  simulator: {
    title: 'org simulator (node:test)',
    cmd: ['npm', ['test', '--silent', '-w', 'scripts/org-simulator']],
    counts: nodeTestCounts
  },
  plugin: {
    title: 'plugin: unit and end-to-end (mocha)',
    cmd: ['npm', ['test', '--silent', '-w', 'plugin']],
    counts: mochaCounts
  },
  browser: {
    title: 'dashboard in headless Chromium',
    cmd: ['node', ['scripts/browser-preview/run-browser-test.mjs']],
    counts: plainCounts,
    optional: true
  }
};

function run(suite) {
  return new Promise((resolvePromise) => {
    const [command, args] = suite.cmd;
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...quietSf }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolvePromise({ code, out }));
    child.on('error', (err) => resolvePromise({ code: 127, out: String(err) }));
  });
}

const argv = process.argv.slice(2);
const withBrowser = argv.includes('--with-browser');
const named = argv.filter((a) => !a.startsWith('--'));
for (const n of named) {
  if (!SUITES[n]) {
    console.error(`Unknown suite "${n}". Known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
}
const wanted = Object.keys(SUITES).filter((n) =>
  named.length ? named.includes(n) || (SUITES[n].prerequisite && named.some((x) => x === 'plugin')) : !SUITES[n].optional || (n === 'browser' && withBrowser)
);

const rows = [];
let total = { passed: 0, failed: 0, skipped: 0 };
for (const name of wanted) {
  const suite = SUITES[name];
  console.log(`\n=== ${suite.title} ===`);
  suite.before?.();
  const started = Date.now();
  const { code, out } = await run(suite);
  const c = suite.counts(out);
  if (code !== 0 && c.failed === 0) c.failed = 1; // crashed or failed outside a test: never green
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  rows.push({ name, ...c, seconds, code });
  total = { passed: total.passed + c.passed, failed: total.failed + c.failed, skipped: total.skipped + c.skipped };
  if (suite.prerequisite && code !== 0) {
    console.error(`\n${suite.title} failed: the suites after it need it.`);
    break;
  }
}

console.log('\n=== summary ===');
for (const r of rows) {
  console.log(`${r.name.padEnd(10)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped).padStart(4)} skipped  ${r.seconds.padStart(6)} s  exit ${r.code}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
