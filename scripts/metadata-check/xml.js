/*
 * Reading metadata XML for the checks: one parser (tag values as text, the lists the checks
 * read always arrays), the files of a force-app directory and the project root above it.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { XMLParser } = require('fast-xml-parser');

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => ['userPermissions', 'realTimeEvents', 'types', 'members'].includes(name)
});

function asArray(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function text(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return String(value['#text'] ?? '');
  return String(value).trim();
}

/** Every file under dir, without __tests__, node_modules and dot folders. */
function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '__tests__' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

function findProjectRoot(dir) {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, 'sfdx-project.json'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return path.dirname(path.resolve(dir));
    current = parent;
  }
}

module.exports = { parser, asArray, text, walk, findProjectRoot };
