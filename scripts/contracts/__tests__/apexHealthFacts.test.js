/** @jest-environment node */
import fs from 'fs';
import path from 'path';

// Code42HealthController.getHealthFacts still answers a Map<String, Object> built by its
// readers, so this test reads the keys those readers write ('key' => ... and .put('key', ...))
// from the Apex source and holds them to the shared contract the dashboard's tests use.
const PROJECT = path.resolve(__dirname, '..', '..', '..');
const CONTRACT = require('../healthFacts.contract.json');
const READERS = ['Code42HealthController.cls', 'Code42ConnectionFacts.cls'];

function withoutComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

function keysApexWrites(source) {
  const code = withoutComments(source);
  const keys = new Set();
  for (const m of code.matchAll(/'(\w+)'\s*=>/g)) keys.add(m[1]);
  for (const m of code.matchAll(/\.put\(\s*'(\w+)'/g)) keys.add(m[1]);
  return keys;
}

/** Every named key of the contract at any depth (map entries under "*" have no fixed name). */
function contractKeys(spec, out = new Set()) {
  if (Array.isArray(spec)) return contractKeys(spec[0], out);
  if (spec && typeof spec === 'object') {
    for (const [key, value] of Object.entries(spec)) {
      if (key !== '*') out.add(key.replace(/\?$/, ''));
      contractKeys(value, out);
    }
  }
  return out;
}

const apexSource = READERS.map((file) =>
  fs.readFileSync(path.join(PROJECT, 'force-app', 'main', 'default', 'classes', file), 'utf8')
).join('\n');

test('every key of the shared health facts contract is written by the Apex readers', () => {
  const written = keysApexWrites(apexSource);
  const missing = [...contractKeys(CONTRACT.keys)].filter((key) => !written.has(key));
  expect(missing).toEqual([]);
});

test('a contract key the Apex does not write is reported', () => {
  const written = keysApexWrites(apexSource);
  const keys = contractKeys({ ...CONTRACT.keys, holders: { totalCount: 'Integer', activeCount: 'Integer' } });
  expect([...keys].filter((key) => !written.has(key))).toEqual(['activeCount']);
});

test('a key named only in a comment does not count as written', () => {
  expect([...keysApexWrites("// facts.put('ghost', 1);\n/* 'spirit' => 2 */\nm.put('real', 3);")]).toEqual([
    'real'
  ]);
});
