// Copies the single source of truth (the LWC rules module) into the plugin sources, so the
// CLI and the in-org dashboard evaluate checks with the very same code and words.
// Build and test both run this first; the copy is gitignored.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(here, '../../force-app/main/default/lwc/code42Rules/code42Rules.js');
const target = resolve(here, '../src/rules/code42Rules.js');
mkdirSync(dirname(target), { recursive: true });
const text = readFileSync(source, 'utf8');
if (!text.includes('export function evaluateChecks')) {
  throw new Error(`${source} does not look like the Code42 rules module.`);
}
copyFileSync(source, target);
