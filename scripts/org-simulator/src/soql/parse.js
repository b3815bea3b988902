/**
 * SOQL text -> AST (via @jetstreamapp/soql-parser-js) and the WHERE clause as a proper boolean tree.
 * The parser returns WHERE as a right-leaning chain with parenthesis counters; toTree() rebuilds
 * precedence (NOT > AND > OR, parentheses first).
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { ApiError } from '../errors.js';

/**
 * Parsed queries by text: the parser takes about 100 ms a query, and the plugin, the tests and the
 * benchmark send the same few queries again and again. Each caller gets its own copy.
 */
const parsed = new Map();
const PARSED_MAX = 500;

export function parseSoql(soql) {
  if (typeof soql !== 'string' || !soql.trim()) {
    throw new ApiError('MALFORMED_QUERY', 'The query string is empty. Provide a query in the q parameter.');
  }
  let ast = parsed.get(soql);
  if (!ast) {
    try {
      ast = parseQuery(soql, { allowApexBindVariables: false });
    } catch (e) {
      const first = String(e.message || e).split('\n')[0];
      throw new ApiError('MALFORMED_QUERY', `\n${soql}\n^\nERROR at Row:1:Column:1\n${first}`);
    }
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value);
    parsed.set(soql, ast);
  }
  return structuredClone(ast);
}

/** Flattens the parser's chain into tokens: '(' ')' 'NOT' 'AND' 'OR' and { cond }. */
function tokens(where, out = []) {
  let node = where;
  while (node) {
    const left = node.left;
    if (left && !('field' in left) && !('fn' in left)) {
      // NegationCondition: only parentheses opening before NOT.
      for (let i = 0; i < (left.openParen || 0); i++) out.push('(');
    }
    if (node.operator === 'NOT' && (!left || (!('field' in left) && !('fn' in left)))) {
      out.push('NOT');
      node = node.right;
      continue;
    }
    if (left) {
      for (let i = 0; i < (left.openParen || 0); i++) out.push('(');
      out.push({ cond: left });
      for (let i = 0; i < (left.closeParen || 0); i++) out.push(')');
    }
    if (node.operator && node.right) {
      out.push(node.operator);
      node = node.right;
    } else {
      node = null;
    }
  }
  return out;
}

/** Boolean tree: { op: 'AND'|'OR', items } | { op: 'NOT', item } | { cond }. */
export function whereTree(where) {
  if (!where) return null;
  const toks = tokens(where);
  let i = 0;
  const peek = () => toks[i];
  const fail = () => {
    throw new ApiError('MALFORMED_QUERY', 'unexpected token in WHERE clause');
  };
  function parseOr() {
    const items = [parseAnd()];
    while (peek() === 'OR') {
      i++;
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0] : { op: 'OR', items };
  }
  function parseAnd() {
    const items = [parseNot()];
    while (peek() === 'AND') {
      i++;
      items.push(parseNot());
    }
    return items.length === 1 ? items[0] : { op: 'AND', items };
  }
  function parseNot() {
    if (peek() === 'NOT') {
      i++;
      return { op: 'NOT', item: parseNot() };
    }
    if (peek() === '(') {
      i++;
      const inner = parseOr();
      if (peek() !== ')') fail();
      i++;
      return inner;
    }
    const t = toks[i++];
    if (!t || typeof t !== 'object') fail();
    return t;
  }
  const tree = parseOr();
  if (i !== toks.length) fail();
  return tree;
}
