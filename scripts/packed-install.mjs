#!/usr/bin/env node
/*
 * `npm run test:install` (a CI step on Node 22): the install path admins use, end to end.
 *
 *   1. `npm pack` of plugin/ (after a build), as it would be published.
 *   2. The Salesforce CLI of the version a new user gets today (`npm view @salesforce/cli
 *      version`, or SF_CLI_VERSION), installed from the npm registry into a fresh temp prefix.
 *   3. A fresh, isolated CLI state: HOME, XDG_* and SF_CONFIG_DIR / SF_DATA_DIR / SF_CACHE_DIR all
 *      inside the temp dir, no SF_* / SFDX_* variables inherited.
 *   4. The tarball trusted the documented way for an unsigned plugin (Salesforce CLI Setup Guide,
 *      "Install Trusted Unsigned Plugins Automatically": unsignedPluginAllowList.json in the sf
 *      config dir; for a local tarball the entry is the exact `file:` spec given to install),
 *      then `sf plugins install file:<tarball>`.
 *   5. Both commands through that CLI against the local org simulator (demo org), checking what
 *      an admin would see: one JSON document, the documented exit codes, nothing written.
 *
 * Needs Node 22 (current CLIs need it) and the npm registry. Ends with `install: N passed, N failed`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pluginDir = join(root, 'plugin');
const PLUGIN_NAME = '@code42-companion/plugin-code42';
const STEP_TIMEOUT_MS = 180_000;

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n     ${String(detail).slice(0, 2000).replace(/\n/g, '\n     ')}`}`);
  return ok;
}
function finish(code) {
  console.log(`install: ${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
}

/** Run a command, bounded in time; never throws. */
function run(cmd, args, { env = process.env, cwd = root, timeoutMs = STEP_TIMEOUT_MS } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => (stderr += String(e)));
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolveRun({ code: signal ? `killed (${signal}, over ${timeoutMs / 1000} s)` : code, stdout, stderr });
    });
  });
}

/**
 * The lowest Node version an engines.node range accepts, as [major, minor, patch]
 * (">=22" -> [22,0,0], "^22.22.2 || >=24" -> [22,22,2], "<22" or "*" -> [0,0,0]).
 */
function minNodeVersion(range) {
  if (!range || typeof range !== 'string') return [0, 0, 0];
  const mins = range.split('||').map((alt) => {
    if (/^\s*</.test(alt)) return [0, 0, 0];
    const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(alt);
    return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : [0, 0, 0];
  });
  return mins.sort(compareVersions)[0];
}
function compareVersions(a, b) {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** { name, range, min } for every package under node_modules (nested ones too). */
function treeNodeNeeds(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? readdirSync(join(dir, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of names) {
      const pkgDir = join(dir, name);
      try {
        const range = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).engines?.node;
        if (range) out.push({ name, range, min: minNodeVersion(range) });
      } catch {
        // not a package (a stray file or folder)
      }
      treeNodeNeeds(join(pkgDir, 'node_modules'), out);
    }
  }
  return out;
}

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (!check(`Node ${process.versions.node} is 22 or later (the current Salesforce CLI needs it)`, nodeMajor >= 22)) finish(1);

// 1. Build and pack the plugin.
const work = realpathSync(mkdtempSync(join(tmpdir(), 'c42-packed-install-')));
const keep = process.env.KEEP_INSTALL_DIR === 'true';
process.on('exit', () => {
  if (!keep) rmSync(work, { recursive: true, force: true });
});
const build = await run('npm', ['run', '--silent', 'build'], { cwd: pluginDir });
if (!check('plugin builds', build.code === 0, build.stderr || build.stdout)) finish(1);
// The rules package is a bundleDependency: npm packs it from plugin/node_modules, but in a workspace
// it is hoisted to the root, so stage a real copy there for the pack and remove it afterwards.
const stagedRules = join(pluginDir, 'node_modules', '@code42-companion', 'rules');
rmSync(stagedRules, { recursive: true, force: true });
for (const part of ['package.json', 'src', 'types']) cpSync(join(root, 'packages', 'rules', part), join(stagedRules, part), { recursive: true });
const pack = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: pluginDir });
rmSync(join(pluginDir, 'node_modules', '@code42-companion'), { recursive: true, force: true });
let tarball;
try {
  tarball = join(work, JSON.parse(pack.stdout)[0].filename);
} catch {
  tarball = undefined;
}
if (!check('npm pack of plugin/ gives one tarball', pack.code === 0 && tarball, pack.stderr)) finish(1);

// 2. The CLI a new user gets today, from the npm registry, into a fresh prefix.
let version = process.env.SF_CLI_VERSION;
if (!version) {
  const view = spawnSync('npm', ['view', '@salesforce/cli', 'version'], { encoding: 'utf8', timeout: 60_000 });
  version = (view.stdout || '').trim();
  if (!check('npm view @salesforce/cli version answers', view.status === 0 && /^\d+\.\d+\.\d+$/.test(version), view.stderr)) finish(1);
}
console.log(`     @salesforce/cli ${version}, plugin tarball ${tarball.slice(work.length + 1)}`);
const prefix = join(work, 'cli');
const install = await run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--omit=dev', '--no-package-lock', `@salesforce/cli@${version}`], {
  env: { ...process.env, npm_config_update_notifier: 'false' },
  timeoutMs: 240_000,
});
if (!check(`@salesforce/cli@${version} installs into a fresh prefix`, install.code === 0, install.stderr)) finish(1);
const sfBin = join(prefix, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');

// 3. A fresh, isolated CLI state.
const home = join(work, 'home');
const configDir = join(home, '.config', 'sf');
const dataDir = join(home, '.local', 'share', 'sf');
mkdirSync(configDir, { recursive: true });
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SF_|SFDX_|XDG_|npm_|OCLIF_)/i.test(k)));
const isolated = {
  ...baseEnv,
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  XDG_DATA_HOME: join(home, '.local', 'share'),
  XDG_CACHE_HOME: join(home, '.cache'),
  XDG_STATE_HOME: join(home, '.local', 'state'),
  SF_CONFIG_DIR: configDir,
  SF_DATA_DIR: dataDir,
  SF_CACHE_DIR: join(home, '.cache', 'sf'),
  SF_DISABLE_TELEMETRY: 'true',
  SF_DISABLE_AUTOUPDATE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
  SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
  SF_HIDE_RELEASE_NOTES: 'true',
  npm_config_update_notifier: 'false',
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};
const sf = (args, env = isolated) => run(process.execPath, [sfBin, ...args], { env });

// 4. Trust the tarball the documented way, then install it like an admin.
const spec = `file:${tarball}`;
writeFileSync(join(configDir, 'unsignedPluginAllowList.json'), JSON.stringify([spec], null, 2));
const installed = await sf(['plugins', 'install', spec]);
check(
  'sf plugins install file:<tarball> installs it without a prompt (allow-listed)',
  installed.code === 0 && /allow-listed/.test(installed.stdout + installed.stderr) && /installed v\d/.test(installed.stdout + installed.stderr),
  `exit ${installed.code}\n${installed.stdout}\n${installed.stderr}`
);
const inspect = await sf(['plugins', 'inspect', PLUGIN_NAME, '--json']);
let location = '';
try {
  location = JSON.parse(inspect.stdout)[0].root;
} catch {
  location = '';
}
check('the plugin is loaded from the isolated data dir, not from this checkout', location.startsWith(dataDir), `location: ${location}\n${inspect.stderr}`);

// `engines` claims only what works: no package of the installed tree needs a newer Node.
const claimed = minNodeVersion(JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8')).engines?.node);
const needs = treeNodeNeeds(join(dataDir, 'node_modules')).filter((n) => n.name !== PLUGIN_NAME);
const strictest = needs.sort((x, y) => compareVersions(y.min, x.min))[0] ?? { min: [0, 0, 0], name: '-', range: '-' };
check(
  `plugin engines (Node ${claimed.join('.')} and later) covers its installed dependency tree (strictest: ${strictest.name} ${strictest.range})`,
  compareVersions(claimed, strictest.min) >= 0,
  needs
    .filter((n) => compareVersions(n.min, claimed) > 0)
    .map((n) => `${n.name} needs node ${n.range}`)
    .join('\n')
);

const help = await sf(['code42', 'preflight', '--help']);
check('sf code42 preflight --help lists the exit codes', help.code === 0 && /Exit codes/i.test(help.stdout), help.stderr);

// 5. Both commands against the simulator through that CLI.
const { startSimulator, buildDemoOrg } = await import('@code42-companion/org-simulator');
const sim = await startSimulator({ org: buildDemoOrg() });
const simEnv = { ...isolated, SF_ORG_INSTANCE_URL: sim.instanceUrl };
try {
  const pre = await sf(['code42', 'preflight', '--target-org', sim.accessToken, '--json'], simEnv);
  let doc;
  try {
    doc = JSON.parse(pre.stdout);
  } catch {
    doc = undefined;
  }
  check('preflight --json prints exactly one JSON document', !!doc, `exit ${pre.code}\n${pre.stdout.slice(0, 500)}\n${pre.stderr}`);
  check(
    'preflight on the demo org: exit 1 (a check failed), the checks and in-scope users of the demo org',
    pre.code === 1 && doc?.status === 1 && doc?.result?.checks?.length >= 10 && doc?.result?.inScopeUsers?.length === 120,
    `exit ${pre.code}, status ${doc?.status}, ${doc?.result?.checks?.length} checks, ${doc?.result?.inScopeUsers?.length} users\n${pre.stderr}`
  );
  check('preflight runs without a crash on stderr', !/TypeError|ReferenceError|at .*\(.*\.js:\d+/.test(pre.stderr), pre.stderr);

  const human = await sf(['code42', 'preflight', '--target-org', sim.accessToken], simEnv);
  check('preflight prints the report table and the exit-code line', human.code === 1 && /Status.*Check/.test(human.stdout) && /Exit code 1/.test(human.stdout), `exit ${human.code}\n${human.stderr}`);

  const ae = await sf(['code42', 'access-errors', '--target-org', sim.accessToken, '--json'], simEnv);
  let aeDoc;
  try {
    aeDoc = JSON.parse(ae.stdout);
  } catch {
    aeDoc = undefined;
  }
  check(
    'access-errors --json: exit 0, one JSON document with the errors of the demo org',
    ae.code === 0 && aeDoc?.status === 0 && aeDoc?.result && JSON.stringify(aeDoc.result).includes('NO_ACCESS'),
    `exit ${ae.code}\n${ae.stdout.slice(0, 500)}\n${ae.stderr}`
  );
  check('neither command wrote to the org', sim.writeRequests().length === 0, JSON.stringify(sim.writeRequests()));
} finally {
  await sim.stop();
}
finish();
