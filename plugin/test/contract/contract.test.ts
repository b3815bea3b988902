/*
 * The plugin's contract with scripts and CI jobs that call it: the commands and flags
 * (command-snapshot.json) and each command's --json `result` (schemas/*.json, generated from the
 * result type its run() returns). Checked with the real @oclif/plugin-command-snapshot through
 * scripts/contract.mjs, the way salesforcecli/plugin-org runs snapshot:compare and schema:compare.
 * A change to a flag, a command or a result key without `npm run contract:generate` fails here.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const pluginDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const contractScript = join(pluginDir, 'scripts', 'contract.mjs');
const snapshotFile = join(pluginDir, 'command-snapshot.json');
const schemasDir = join(pluginDir, 'schemas');
const REGENERATE = 'npm run contract:generate';

type SnapshotEntry = { command: string; flags: string[] };
type Run = { code: number | null; out: string };

function compare(args: string[] = []): Promise<Run> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [contractScript, 'compare', ...args], {
      cwd: pluginDir,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 200_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolvePromise({ code, out });
    });
  });
}

const readSnapshot = (): SnapshotEntry[] => JSON.parse(readFileSync(snapshotFile, 'utf8')) as SnapshotEntry[];

describe('the JSON contract: command-snapshot.json and schemas/', function () {
  // Each compare loads the plugin's sources through ts-node; schema:compare also runs the
  // TypeScript compiler over the result types (10-30 s on a busy machine).
  this.timeout(240_000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'c42-contract-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it(`the commands, flags and JSON result types match the committed files (if not: ${REGENERATE})`, async () => {
    const run = await compare();
    expect(run.code, `${run.out}\nThe contract is out of date: run \`${REGENERATE}\` and commit the files.`).to.equal(0);
    expect(run.out).to.include('match the contract');
  });

  it('lists every command once, each with a schema file', () => {
    const commands = readSnapshot().map((c) => c.command);
    expect(commands).to.include.members(['code42:preflight', 'code42:access-errors']);
    expect(new Set(commands).size).to.equal(commands.length);
    for (const id of commands) {
      const file = join(schemasDir, `${id.replaceAll('-', '__').replaceAll(':', '-')}.json`);
      const schema = JSON.parse(readFileSync(file, 'utf8')) as { $ref?: string; definitions?: Record<string, unknown> };
      // A named result type, not an anonymous or vague one.
      const typeName = String(schema.$ref).replace('#/definitions/', '');
      expect(typeName, file).to.match(/Result$/);
      expect(schema.definitions, file).to.have.property(typeName);
    }
  });

  it('a flag added without regenerating fails, naming the flag and the script to run', async () => {
    const stale = readSnapshot().map((c) =>
      c.command === 'code42:preflight' ? { ...c, flags: c.flags.filter((f) => f !== 'fail-on') } : c
    );
    const file = join(tmp, 'stale-flag.json');
    writeFileSync(file, JSON.stringify(stale, null, 4));
    const run = await compare(['--only', 'snapshot', '--snapshot', file]);
    expect(run.code, run.out).to.equal(1);
    expect(run.out).to.match(/code42:preflight\s+Flags:\s+\+fail-on/);
    expect(run.out).to.include(REGENERATE);
  });

  it('a command added without regenerating fails, naming the command', async () => {
    const file = join(tmp, 'stale-command.json');
    writeFileSync(file, JSON.stringify(readSnapshot().filter((c) => c.command !== 'code42:access-errors'), null, 4));
    const run = await compare(['--only', 'snapshot', '--snapshot', file]);
    expect(run.code, run.out).to.equal(1);
    expect(run.out).to.include('+code42:access-errors');
    expect(run.out).to.include(REGENERATE);
  });

  it('a result key or a command schema missing from schemas/ fails, naming each', async () => {
    const dir = join(tmp, 'stale-schemas');
    cpSync(schemasDir, dir, { recursive: true });
    const preflightFile = join(dir, 'code42-preflight.json');
    const preflight = JSON.parse(readFileSync(preflightFile, 'utf8')) as {
      definitions: { PreflightResult: { properties: { org: { properties: Record<string, unknown> } } } };
    };
    expect(preflight.definitions.PreflightResult.properties.org.properties).to.have.property('instanceUrl');
    delete preflight.definitions.PreflightResult.properties.org.properties.instanceUrl;
    writeFileSync(preflightFile, JSON.stringify(preflight, null, 2));
    rmSync(join(dir, 'code42-access__errors.json'));

    const run = await compare(['--only', 'schemas', '--schemas', dir]);
    expect(run.code, run.out).to.equal(1);
    expect(run.out).to.include('PreflightResult.properties.org.properties.instanceUrl');
    expect(run.out, 'the tool words a key missing from schemas/ as "not found in latest"; the note explains it').to.include(
      'in the code, not yet in schemas/'
    );
    expect(run.out).to.include('code42:access-errors has no schema (code42-access__errors.json)');
    expect(run.out).to.include(REGENERATE);
  });
});
