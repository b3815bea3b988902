/** @jest-environment node */
import { execFileSync } from 'child_process';
import path from 'path';

// Code42HealthController.getHealthFacts answers the typed Code42HealthFacts. This test parses
// that class and Code42HealthConnection with prettier-plugin-apex's parser (apex-members.mjs,
// run in its own node process because the plugin is ESM) and holds their @AuraEnabled members,
// at every depth, to the shared contract the dashboard's tests use: exactly its keys, no more.
const PROJECT = path.resolve(__dirname, '..', '..', '..');
const CONTRACT = require('../healthFacts.contract.json');
const MEMBERS_SCRIPT = path.join(PROJECT, 'scripts', 'contracts', 'apex-members.mjs');
const CLASSES = ['Code42HealthFacts.cls', 'Code42HealthConnection.cls'].map((file) =>
  path.join(PROJECT, 'force-app', 'main', 'default', 'classes', file)
);
const SCALARS = { String: 'String', Boolean: 'Boolean', Integer: 'Integer', Datetime: 'Datetime', Null: 'Object' };

function membersOf(args, input) {
  return JSON.parse(execFileSync(process.execPath, [MEMBERS_SCRIPT, ...args], { input, encoding: 'utf8' }));
}

/** 'Map<String, List<X>>' => { name: 'Map', args: [{ name: 'String' }, { name: 'List', args: [...] }] } */
function parseType(text) {
  let i = 0;
  function one() {
    const start = i;
    while (i < text.length && !'<>, '.includes(text[i])) i++;
    const node = { name: text.slice(start, i), args: [] };
    if (text[i] === '<') {
      i++;
      for (;;) {
        while (text[i] === ' ') i++;
        node.args.push(one());
        while (text[i] === ' ') i++;
        if (text[i++] === '>') break;
      }
    }
    return node;
  }
  return one();
}

const show = (t) => (t.args.length ? `${t.name}<${t.args.map(show).join(', ')}>` : t.name);

/** Where the Apex type at `where` differs from the contract's spec; [] when it matches. */
function mismatches(spec, type, owner, members, where) {
  if (typeof spec === 'string') {
    return SCALARS[spec] === show(type) ? [] : [`${where}: ${show(type)} is not ${spec}`];
  }
  if (Array.isArray(spec)) {
    return type.name === 'List' ? mismatches(spec[0], type.args[0], owner, members, `${where}[]`) : [`${where}: not a List`];
  }
  if (Object.keys(spec).length === 1 && spec['*'] !== undefined) {
    return type.name === 'Map' && show(type.args[0]) === 'String'
      ? mismatches(spec['*'], type.args[1], owner, members, `${where}.*`)
      : [`${where}: not a Map<String, ...>`];
  }
  const keys = Object.keys(spec).map((key) => key.replace(/\?$/, ''));
  if (show(type) === 'Map<String, String>') {
    // { type, name }: `type` is an Apex reserved word, so Code42HealthFacts.source() builds a map.
    const sourceLeaf = keys.sort().join() === 'name,type' && Object.values(spec).every((v) => v === 'String');
    return sourceLeaf ? [] : [`${where}: a Map<String, String> stands only for {type, name}`];
  }
  const className = [`${owner}.${type.name}`, type.name].find((name) => members[name]);
  if (!className) return [`${where}: ${show(type)} is not a class of the answer`];
  const declared = members[className];
  const out = [];
  for (const key of keys) if (!(key in declared)) out.push(`${where}.${key}: missing in ${className}`);
  for (const key of Object.keys(declared)) if (!keys.includes(key)) out.push(`${where}.${key}: not in the contract`);
  for (const [key, value] of Object.entries(spec)) {
    const name = key.replace(/\?$/, '');
    if (name in declared) {
      const memberType = parseType(declared[name]);
      const memberOwner = memberType.name.includes('.') ? '' : className.split('.')[0];
      out.push(...mismatches(value, memberType, memberOwner, members, `${where}.${name}`));
    }
  }
  return out;
}

const members = membersOf(CLASSES);
const root = { name: 'Code42HealthFacts', args: [] };

test('Code42HealthFacts declares exactly the shared contract keys, at every depth, as @AuraEnabled members', () => {
  expect(mismatches(CONTRACT.keys, root, '', members, 'facts')).toEqual([]);
});

test('a contract key the Apex does not declare is reported', () => {
  const contract = { ...CONTRACT.keys, holders: { totalCount: 'Integer', activeCount: 'Integer' } };
  expect(mismatches(contract, root, '', members, 'facts')).toEqual([
    'facts.holders.activeCount: missing in Code42HealthFacts.Holders',
    'facts.holders.inScopeCount: not in the contract'
  ]);
});

test('a member of the wrong type or shape is reported', () => {
  const contract = { ...CONTRACT.keys, holders: { totalCount: 'String', inScopeCount: ['Integer'] } };
  expect(mismatches(contract, root, '', members, 'facts')).toEqual([
    'facts.holders.totalCount: Integer is not String',
    'facts.holders.inScopeCount: not a List'
  ]);
});

test('only @AuraEnabled fields count: not a comment, a plain field or a method', () => {
  const source = [
    'public class A {',
    '  @AuraEnabled public String real;',
    '  // @AuraEnabled public String ghost;',
    '  /* @AuraEnabled public String spirit; */',
    '  public String plain;',
    '  @AuraEnabled public static String method() { return null; }',
    '  public class B { @AuraEnabled public Integer inner; }',
    '}'
  ].join('\n');
  expect(membersOf(['--stdin'], source)).toEqual({ A: { real: 'String' }, 'A.B': { inner: 'Integer' } });
});
