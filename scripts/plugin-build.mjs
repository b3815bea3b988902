/*
 * The plugin's binary, built from the current sources: the demo and the benchmark run it, and
 * neither should run a stale build (plugin/lib is older than plugin/src, its messages or the rules).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pluginDir = join(root, 'plugin');
const commandFile = join(pluginDir, 'lib', 'commands', 'code42', 'preflight.js');
const rulesDir = join(root, 'packages', 'rules', 'src');

/** The plugin's executable (run it with `node`). */
export const PLUGIN_BIN = join(pluginDir, 'bin', 'run.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the plugin when plugin/lib is missing or older than its sources; exits 2 when the build fails. */
export function ensurePluginBuilt() {
  const stale =
    !existsSync(commandFile) ||
    Math.max(newestMtime(join(pluginDir, 'src')), newestMtime(join(pluginDir, 'messages')), newestMtime(rulesDir)) >
      statSync(commandFile).mtimeMs;
  if (!stale) return;
  console.error('Building the plugin (its sources changed since the last build)...');
  const build = spawnSync('npm', ['run', '--silent', 'build', '-w', 'plugin'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The plugin did not build: see the errors above.');
    process.exit(2);
  }
}
