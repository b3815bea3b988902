/**
 * WHERE: AND/OR/NOT trees of comparisons, IN/NOT IN lists and semi-joins, LIKE, INCLUDES/EXCLUDES
 * and null, compiled once into a predicate over records.
 */
import { ApiError } from '../errors.js';
import { canonicalId } from '../ids.js';
import { whereTree } from './parse.js';
import { IDS, makeGetter, normalizer, positioned, resolvePath } from './fields.js';
import { compare, literalValue } from './literals.js';

function likeRegex(pattern) {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** One condition as a predicate; `compileSubquery(ctx, ast, options)` compiles a semi-join's query. */
function compileCondition(ctx, desc, cond, compileSubquery) {
  if (cond.fn) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, cond.fn.rawValue || cond.fn.functionName, 'Functions in WHERE are not supported by the org simulator (aggregates belong in HAVING).'));
  const resolved = resolvePath(ctx, desc, cond.field);
  const get = makeGetter(ctx.store, resolved);
  const norm = normalizer(resolved.field.type);
  const op = cond.operator === '<>' ? '!=' : cond.operator.toUpperCase();
  if (cond.valueQuery) {
    if (!IDS.has(resolved.field.type)) throw new ApiError('INVALID_FIELD', positioned(ctx.soql, cond.field, `Invalid field for semi-join: ${cond.field} must be an Id or a reference field`));
    const sub = compileSubquery({ ...ctx, alias: cond.valueQuery.sObjectAlias }, cond.valueQuery, { semiJoin: true });
    let set;
    const values = () => (set ||= new Set(sub.run().rows.map((r) => sub.semiJoinGetter(r)).filter((v) => v != null).map((v) => (v.length === 18 ? v : canonicalId(v)))));
    if (op === 'IN') return (rec) => values().has(norm(get(rec)));
    if (op === 'NOT IN') return (rec) => !values().has(norm(get(rec)));
    throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, cond.field, 'semi-join requires IN or NOT IN'));
  }
  const raws = Array.isArray(cond.value) ? cond.value : [cond.value];
  const lts = Array.isArray(cond.literalType) ? cond.literalType : raws.map(() => cond.literalType);
  const lits = raws.map((raw, i) => literalValue(ctx, raw, lts[i], resolved));
  if (op === 'IN' || op === 'NOT IN') {
    const points = new Set(lits.filter((l) => l.kind === 'point').map((l) => l.v));
    const hasNull = lits.some((l) => l.kind === 'null');
    const ranges = lits.filter((l) => l.kind === 'range');
    const inList = (v) => (v == null ? hasNull : points.has(v) || ranges.some((r) => v >= r.s && v < r.e));
    return op === 'IN' ? (rec) => inList(norm(get(rec))) : (rec) => !inList(norm(get(rec)));
  }
  if (op === 'LIKE') {
    const re = likeRegex(lits[0].raw ?? String(lits[0].v));
    return (rec) => {
      const v = get(rec);
      return v != null && re.test(String(v));
    };
  }
  if (op === 'INCLUDES' || op === 'EXCLUDES') {
    const wanted = lits.map((l) => String(l.v).toLowerCase());
    const test = (rec) => {
      const v = get(rec);
      const have = v == null ? [] : String(v).toLowerCase().split(';');
      return wanted.some((w) => w.split(';').every((p) => have.includes(p)));
    };
    return op === 'INCLUDES' ? test : (rec) => !test(rec);
  }
  const lit = lits[0];
  return (rec) => compare(op, norm(get(rec)), lit);
}

/** A boolean tree ({ cond } | NOT item | AND/OR items) as one predicate; no tree matches everything. */
export function compileTree(tree, leaf) {
  if (!tree) return () => true;
  if (tree.cond) return leaf(tree.cond);
  if (tree.op === 'NOT') {
    const inner = compileTree(tree.item, leaf);
    return (x) => !inner(x);
  }
  const items = tree.items.map((t) => compileTree(t, leaf));
  return tree.op === 'AND' ? (x) => items.every((f) => f(x)) : (x) => items.some((f) => f(x));
}

/** The WHERE clause of a parsed query as a predicate over records. */
export function compileWhere(ctx, desc, where, compileSubquery) {
  return compileTree(whereTree(where), (cond) => compileCondition(ctx, desc, cond, compileSubquery));
}
