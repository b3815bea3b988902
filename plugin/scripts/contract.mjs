#!/usr/bin/env node
/*
 * The plugin's public contract: the commands and their flags (`command-snapshot.json`) and the
 * JSON `result` of each command (`schemas/<command>.json`, generated from the type its `run()`
 * returns). Checked the way salesforcecli plugins (plugin-org, plugin-limits) check theirs, with
 * the real @oclif/plugin-command-snapshot commands run through bin/dev.js (the sources, not lib/):
 *
 *   node scripts/contract.mjs generate            rewrite command-snapshot.json and schemas/
 *     [--only snapshot|schemas]                   (npm run snapshot:generate / schemas:generate)
 *   node scripts/contract.mjs compare             exit 1 when the commands differ from them
 *     [--only snapshot|schemas] [--snapshot <file>] [--schemas <dir>]   (used by the tests)
 *
 * `npm run contract:generate` / `npm run contract:compare` in plugin/ or at the root call this.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REGENERATE_HINT =
  'If the change is intended, run `npm run contract:generate` (at the repository root or in plugin/) and commit command-snapshot.json and schemas/.';
// One run of the tool loads the plugin through ts-node; schema generation alone takes 10-30 s here.
const TOOL_TIMEOUT_MS = 180_000;

/** One @oclif/plugin-command-snapshot command through bin/dev.js; its output is passed through. */
function tool(args) {
  return new Promise((resolvePromise) => {
    const child = spawn(
      process.execPath,
      ['--loader', 'ts-node/esm', '--no-warnings=ExperimentalWarning', join(pluginDir, 'bin', 'dev.js'), ...args],
      { cwd: pluginDir, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let out = '';
    const pass = (stream) => (d) => {
      out += d;
      stream.write(d);
    };
    child.stdout.on('data', pass(process.stdout));
    child.stderr.on('data', pass(process.stderr));
    const guard = setTimeout(() => child.kill('SIGKILL'), TOOL_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (signal) console.error(`${args[0]} stopped after ${TOOL_TIMEOUT_MS / 1000} s (${signal}).`);
      resolvePromise({ code: code ?? 1, out });
    });
    child.on('error', (err) => {
      clearTimeout(guard);
      console.error(String(err));
      resolvePromise({ code: 127, out: String(err) });
    });
  });
}

/** Command ids (`code42:preflight`) to the file name schema:generate gives them (`code42-preflight.json`). */
const schemaFileName = (id) => `${id.replaceAll('-', '__').replaceAll(':', '-')}.json`;

async function generate(opts) {
  if (opts.only !== 'schemas') {
    const snapshot = await tool(['snapshot:generate', '--filepath', join(pluginDir, 'command-snapshot.json')]);
    if (snapshot.code !== 0 || opts.only === 'snapshot') return snapshot.code;
  }
  // schema:generate only adds files: start empty so a removed command leaves no schema behind.
  const dir = join(pluginDir, 'schemas');
  rmSync(dir, { recursive: true, force: true });
  const schemas = await tool(['schema:generate', '--filepath', dir]);
  return schemas.code;
}

/**
 * Every command in the snapshot has a schema file and every schema file a command. schema:compare
 * alone skips commands whose run() returns void and passes when the folder is missing.
 */
function schemaFilesMatchCommands(snapshotFile, dir) {
  if (!existsSync(dir)) return [`${dir} is missing.`];
  const commands = JSON.parse(readFileSync(snapshotFile, 'utf8')).map((c) => c.command);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const problems = [];
  for (const id of commands) {
    if (!files.includes(schemaFileName(id)))
      problems.push(`${id} has no schema (${schemaFileName(id)}): its run() must return a named, exported result type.`);
  }
  const expected = new Set(commands.map(schemaFileName));
  for (const f of files) if (!expected.has(f)) problems.push(`${f} belongs to no command.`);
  return problems;
}

async function compare(opts) {
  const snapshotFile = resolve(opts.snapshot ?? join(pluginDir, 'command-snapshot.json'));
  const dir = resolve(opts.schemas ?? join(pluginDir, 'schemas'));
  let failed = false;
  if (opts.only !== 'schemas') {
    if (!existsSync(snapshotFile)) {
      console.log(`${snapshotFile} is missing.`);
      failed = true;
    } else {
      console.log('== commands and flags (snapshot:compare) ==');
      failed = (await tool(['snapshot:compare', '--filepath', snapshotFile])).code !== 0 || failed;
    }
  }
  if (opts.only !== 'snapshot') {
    console.log('== JSON results (schema:compare) ==');
    const problems = existsSync(snapshotFile) ? schemaFilesMatchCommands(snapshotFile, dir) : [];
    problems.forEach((p) => console.log(p));
    failed = problems.length > 0 || failed;
    if (existsSync(dir)) {
      const schemas = await tool(['schema:compare', '--filepath', dir]);
      if (schemas.code !== 0) {
        failed = true;
        // The tool diffs the code's schema against the committed one, so its words read backwards.
        if (/not found in latest schema|added to latest schema/.test(schemas.out))
          console.log('(In these lines "not found in latest schema" means: in the code, not yet in schemas/; "added to latest schema": in schemas/, no longer in the code.)');
      }
    }
  }
  console.log(failed ? `\nThe plugin's contract changed. ${REGENERATE_HINT}` : '\nThe commands, flags and JSON results match the contract.');
  return failed ? 1 : 0;
}

function parseArgs(argv) {
  const [mode, ...rest] = argv;
  const opts = {};
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i].replace(/^--/, '');
    if (!['only', 'snapshot', 'schemas'].includes(name) || rest[i + 1] === undefined) {
      throw new Error(`Unknown or incomplete option "${rest[i]}". Usage: contract.mjs generate | compare [--only snapshot|schemas] [--snapshot <file>] [--schemas <dir>]`);
    }
    opts[name] = rest[i + 1];
  }
  if (!['generate', 'compare'].includes(mode)) throw new Error('Usage: contract.mjs generate | compare [--only snapshot|schemas] [--snapshot <file>] [--schemas <dir>]');
  return { mode, opts };
}

let parsed;
try {
  parsed = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
process.exitCode = parsed.mode === 'generate' ? await generate(parsed.opts) : await compare(parsed.opts);
