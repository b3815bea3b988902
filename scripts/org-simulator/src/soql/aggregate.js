/**
 * Aggregate queries: GROUP BY / HAVING with COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX, answered
 * as AggregateResult rows (an alias or expr0, expr1, ... as keys), ORDER BY a grouping or aggregate.
 */
import { ApiError } from '../errors.js';
import { whereTree } from './parse.js';
import { fieldPath, makeGetter, normalizer, positioned, resolvePath } from './fields.js';
import { compare, literalValue } from './literals.js';
import { compileTree } from './where.js';
import { direction, sortRows } from './order.js';

const AGG = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** True when the query groups or selects an aggregate function. */
export function isAggregateQuery(fields, groupBy) {
  return groupBy.length > 0 || fields.some((f) => f.type === 'FieldFunctionExpression' && AGG.has(f.functionName.toUpperCase()));
}

/** Returns run(): { countOnly: false, totalSize, rows, project }. */
export function compileAggregate(ctx, desc, fields, groupBy, where, source, orderBy, window, ast) {
  const store = ctx.store;
  const groups = groupBy.map((g) => {
    if (g.fn) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, 'GROUP BY', 'GROUP BY functions are not supported by the org simulator.'));
    const resolved = resolvePath(ctx, desc, g.field);
    return { resolved, get: makeGetter(store, resolved), norm: normalizer(resolved.field.type), key: resolved.field.name, lower: resolved.path.toLowerCase() };
  });
  let exprN = 0;
  const aggSpec = (f) => {
    const fn = f.functionName.toUpperCase();
    if (!AGG.has(fn)) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, f.rawValue || fn, `Function ${fn} is not supported by the org simulator.`));
    const param = f.parameters?.[0];
    if (param != null && typeof param !== 'string') throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, f.rawValue, 'Nested functions are not supported by the org simulator.'));
    const resolved = param ? resolvePath(ctx, desc, param) : null;
    return { fn, get: resolved ? makeGetter(store, resolved) : null, type: resolved?.field.type, raw: (f.rawValue || '').replace(/\s+/g, '').toLowerCase() };
  };
  const items = fields.map((f) => {
    if (f.type === 'FieldFunctionExpression') {
      const spec = aggSpec(f);
      return { kind: 'agg', ...spec, key: f.alias || `expr${exprN++}` };
    }
    const p = fieldPath(f);
    const g = groups.find((gr) => gr.lower === resolvePath(ctx, desc, p).path.toLowerCase());
    if (!g) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, p, `Field must be grouped or aggregated: ${p.split('.').pop()}`));
    return { kind: 'group', group: g, key: f.alias || g.key };
  });
  const aggregateOf = (spec, recs) => {
    if (spec.fn === 'COUNT') return spec.get ? recs.reduce((n, r) => n + (spec.get(r) != null ? 1 : 0), 0) : recs.length;
    const vals = recs.map(spec.get).filter((v) => v != null);
    if (spec.fn === 'COUNT_DISTINCT') {
      const norm = normalizer(spec.type);
      return new Set(vals.map(norm)).size;
    }
    if (!vals.length) return null;
    if (spec.fn === 'SUM') return vals.reduce((a, b) => a + Number(b), 0);
    if (spec.fn === 'AVG') return vals.reduce((a, b) => a + Number(b), 0) / vals.length;
    const norm = normalizer(spec.type);
    let best = vals[0];
    for (const v of vals) if (spec.fn === 'MIN' ? norm(v) < norm(best) : norm(v) > norm(best)) best = v;
    return best;
  };
  const having = compileTree(whereTree(ast.having), (cond) => {
    const op = cond.operator === '<>' ? '!=' : cond.operator;
    const lit = { kind: 'point', v: Number(Array.isArray(cond.value) ? cond.value[0] : cond.value) };
    if (cond.fn) {
      const spec = aggSpec(cond.fn);
      return (grp) => compare(op, aggregateOf(spec, grp.recs), lit);
    }
    const g = groups.find((gr) => gr.lower === String(cond.field).toLowerCase());
    if (!g) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, cond.field, `Field must be grouped or aggregated: ${cond.field}`));
    const l = literalValue(ctx, cond.value, cond.literalType, g.resolved);
    return (grp) => compare(op, g.norm(grp.values[groups.indexOf(g)]), l);
  });
  const sortKeys = orderBy.map((o) => {
    let key;
    if (o.fn) {
      const raw = (o.fn.rawValue || '').replace(/\s+/g, '').toLowerCase();
      key = items.find((it) => it.kind === 'agg' && it.raw === raw)?.key;
    } else {
      const name = String(o.field).toLowerCase();
      key = items.find((it) => it.key.toLowerCase() === name || (it.kind === 'group' && it.group.lower === name))?.key;
    }
    if (!key) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, 'ORDER BY', 'ORDER BY in an aggregate query must name a selected grouping or aggregate'));
    return { get: (row) => (typeof row[key] === 'string' ? row[key].toLowerCase() : row[key]), ...direction(o) };
  });
  return () => {
    const buckets = new Map();
    for (const r of source()) {
      if (!where(r)) continue;
      const values = groups.map((g) => g.get(r));
      const k = JSON.stringify(groups.map((g, i) => g.norm(values[i])));
      let b = buckets.get(k);
      if (!b) buckets.set(k, (b = { values, recs: [] }));
      b.recs.push(r);
    }
    if (!groups.length && !buckets.size) buckets.set('', { values: [], recs: [] });
    const rows = [];
    for (const b of buckets.values()) {
      if (!having(b)) continue;
      const row = { attributes: { type: 'AggregateResult' } };
      for (const it of items) row[it.key] = it.kind === 'agg' ? aggregateOf(it, b.recs) : (b.values[groups.indexOf(it.group)] ?? null);
      rows.push(row);
    }
    const out = window(sortRows(rows, sortKeys));
    return { countOnly: false, totalSize: out.length, rows: out, project: (x) => x };
  };
}
