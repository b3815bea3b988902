/*
 * Runs the BUILT plugin binary (plugin/bin/run.js), or the real `sf` CLI with the plugin linked,
 * as a child process against a running org simulator: what an admin runs, over real HTTP.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulatorCliEnv, startSimulator, type Fault, type SimOrg, type Simulator } from './simulator.js';

export const pluginDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = join(pluginDir, '..');
const runJs = join(pluginDir, 'bin', 'run.js');
const sfRunJs = join(repoRoot, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');

export type CliRun = {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  json?: any;
};

/** Build lib/ once if an earlier step has not (npm test builds first). */
export function ensureBuilt(): void {
  if (existsSync(join(pluginDir, 'lib', 'commands', 'code42', 'preflight.js'))) return;
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: pluginDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('plugin build failed');
}

export function cliEnv(sim: Simulator, home: string): NodeJS.ProcessEnv {
  return simulatorCliEnv(sim, { home, extra: { FORCE_COLOR: '0', NO_COLOR: '1' } });
}

export function newHome(): string {
  return mkdtempSync(join(tmpdir(), 'c42-e2e-home-'));
}

function spawnNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A guard for the test run only: the product bounds its own requests (--request-timeout).
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(guard);
      const run: CliRun = { code, stdout, stderr, seconds: (Date.now() - started) / 1000 };
      try {
        run.json = JSON.parse(stdout);
      } catch {
        run.json = undefined;
      }
      resolvePromise(run);
    });
  });
}

/**
 * Any command of the plugin through its own binary, against the simulator (the access token is
 * passed as --target-org), e.g. `runPlugin(sim, ['code42', 'access-errors', '--json'])`.
 */
export function runPlugin(
  sim: Simulator,
  args: string[],
  opts: { home?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}
): Promise<CliRun> {
  return spawnNode([runJs, ...args, '--target-org', sim.accessToken], opts.env ?? cliEnv(sim, opts.home ?? newHome()), opts.timeoutMs ?? 60_000);
}

/** `sf code42 preflight ...` through the plugin's own binary. */
export function preflight(sim: Simulator, args: string[], opts: { home?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return runPlugin(sim, ['code42', 'preflight', ...args], opts);
}

/**
 * API calls a command made: the simulator's count minus what @salesforce/core sends on its own
 * before the command runs when it logs in from a bare access token (the user record, and an
 * Organization query for the edition that a stored `sf org login` already has).
 */
export function commandCalls(sim: Simulator): number {
  return sim.requests.filter((r) => r.apiCall && !isCoreBootstrap(r.path, r.soql)).length;
}
export function isCoreBootstrap(path: string, soql?: string): boolean {
  return /\/sobjects\/User\/005/.test(path) || /FROM\s+ScratchOrgInfo\b/i.test(soql ?? '') || /TrialExpirationDate/.test(soql ?? '');
}

/** Any command through the real `sf` CLI (local devDependency) with the given HOME. */
export function sf(sim: Simulator, args: string[], home: string, timeoutMs = 120_000): Promise<CliRun> {
  return spawnNode([sfRunJs, ...args], cliEnv(sim, home), timeoutMs);
}

/**
 * Mocha hooks for a suite that starts one simulator per test: builds the plugin once, gives
 * each test two minutes, stops the simulator after each test. Call inside `describe`.
 *   const sims = simulatorPerTest();  ...  const sim = await sims.start(buildDemoOrg());
 */
export function simulatorPerTest(): { start: (org: SimOrg, faults?: Fault[]) => Promise<Simulator> } {
  let current: Simulator | undefined;
  before(function () {
    this.timeout(300_000);
    ensureBuilt();
  });
  beforeEach(function () {
    this.timeout(120_000);
  });
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return {
    start: async (org, faults = []) => {
      current = await startSimulator({ org, faults });
      return current;
    },
  };
}
