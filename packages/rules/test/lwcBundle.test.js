// The dashboard's c/code42Rules is generated from this package: it must match a fresh bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUNDLE_FILE, REGENERATE_COMMAND, buildBundle } from '../scripts/lwc-bundle.mjs';
import * as rules from '../src/index.js';

test('the LWC bundle force-app/.../code42Rules.js is generated from packages/rules and is not stale', async () => {
  const expected = await buildBundle();
  const onDisk = readFileSync(BUNDLE_FILE, 'utf8');
  assert.ok(
    onDisk === expected,
    `force-app/main/default/lwc/code42Rules/code42Rules.js is stale or edited by hand: run \`${REGENERATE_COMMAND}\` and commit the result.`,
  );
  assert.match(onDisk, /^\/\*\n \* GENERATED FILE: do not edit\./);
});

test('the LWC bundle exports exactly the names of the package', async () => {
  const bundle = await import(`data:text/javascript;base64,${Buffer.from(readFileSync(BUNDLE_FILE, 'utf8')).toString('base64')}`);
  assert.deepEqual(Object.keys(bundle).sort(), Object.keys(rules).sort());
  assert.equal(bundle.evaluateChecks({ factsVersion: 1 }).length, rules.evaluateChecks({ factsVersion: 1 }).length);
});
