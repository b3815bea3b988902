#!/usr/bin/env node
/*
 * Generates force-app/main/default/lwc/code42Rules/code42Rules.js, the single-file bundle the
 * dashboard LWC imports as c/code42Rules, from this package (rollup, then prettier with the
 * project's config). `npm run generate:rules-bundle` writes it; test/lwcBundle.test.js fails
 * when the file on disk differs from a fresh bundle.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import * as prettier from 'prettier';

const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_DIR = join(here, '..');
const PROJECT_ROOT = join(PACKAGE_DIR, '..', '..');
export const ENTRY = join(PACKAGE_DIR, 'src', 'index.js');
export const BUNDLE_FILE = join(PROJECT_ROOT, 'force-app', 'main', 'default', 'lwc', 'code42Rules', 'code42Rules.js');
export const REGENERATE_COMMAND = 'npm run generate:rules-bundle';

const HEADER = `/*
 * GENERATED FILE: do not edit. Built from packages/rules/src (the @code42-companion/rules
 * package, the one source of truth) by packages/rules/scripts/lwc-bundle.mjs.
 * Change the package and run \`${REGENERATE_COMMAND}\`.
 */
`;

/** The bundle's text, as it should be on disk. */
export async function buildBundle() {
  const bundle = await rollup({
    input: ENTRY,
    onwarn: (w) => {
      throw new Error(`rollup: ${w.message}`);
    },
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    const options = (await prettier.resolveConfig(BUNDLE_FILE)) || {};
    return prettier.format(HEADER + output[0].code, { ...options, filepath: BUNDLE_FILE });
  } finally {
    await bundle.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await buildBundle();
  const before = (() => {
    try {
      return readFileSync(BUNDLE_FILE, 'utf8');
    } catch {
      return '';
    }
  })();
  if (before === text) console.log(`${relative(PROJECT_ROOT, BUNDLE_FILE)} is up to date.`);
  else {
    writeFileSync(BUNDLE_FILE, text);
    console.log(`Wrote ${relative(PROJECT_ROOT, BUNDLE_FILE)} from packages/rules/src.`);
  }
}
