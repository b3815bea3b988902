/**
 * Evaluates a SOQL query over the fixture records: field paths through parent relationships,
 * WHERE (AND/OR/NOT, comparisons, IN/NOT IN lists and semi-joins, LIKE, null, date literals),
 * GROUP BY / HAVING with COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX, ORDER BY, LIMIT, OFFSET.
 * Errors are Salesforce's: INVALID_TYPE, INVALID_FIELD, MALFORMED_QUERY, INVALID_QUERY_FILTER_OPERATOR.
 */
import { ApiError } from '../errors.js';
import { looksLikeId, canonicalId } from '../ids.js';
import { parseSoql, whereTree } from './parse.js';
import { dateLiteralRange, toMs } from './dates.js';
import { canSee, visibleRows } from '../access.js';

const DAY = 86400000;
const NUMERIC = new Set(['int', 'double', 'currency', 'percent', 'long']);
const DATES = new Set(['date', 'datetime']);
const IDS = new Set(['id', 'reference']);
const AGG = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

function positioned(soql, token, text) {
  const idx = Math.max(0, soql.toLowerCase().indexOf(String(token).toLowerCase()));
  return `\n${soql}\n${' '.repeat(idx)}^\nERROR at Row:1:Column:${idx + 1}\n${text}`;
}

function noSuchColumn(ctx, token, field, objName) {
  return new ApiError('INVALID_FIELD', positioned(ctx.soql, token, `No such column '${field}' on entity '${objName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`));
}

/** Object descriptor for a FROM clause, or the INVALID_TYPE / access error Salesforce gives. */
export function objectFor(ctx, name) {
  const org = ctx.store.org;
  const denied = org.noAccess?.[Object.keys(org.noAccess || {}).find((k) => k.toLowerCase() === String(name).toLowerCase())];
  if (denied && denied !== 'INVALID_TYPE') {
    const d = typeof denied === 'object' ? denied : { errorCode: denied };
    throw new ApiError(d.errorCode, d.message || `Insufficient privileges: you do not have access to query ${name}.`, d.status || 403);
  }
  // An object the running user may not see answers like one that does not exist (see access.js).
  const desc = denied || !canSee(ctx.store, name) ? undefined : ctx.store.schema.describe(name);
  if (!desc) {
    throw new ApiError('INVALID_TYPE', positioned(ctx.soql, name, `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`));
  }
  if (desc.stream) throw new ApiError('INVALID_TYPE_FOR_OPERATION', `entity type ${desc.name} does not support query`);
  return desc;
}

/** 'PermissionSet.Profile.Name' -> { steps: [{ fk, rel, targets }], field, objName }. */
function resolvePath(ctx, desc, path) {
  const parts = path.split('.');
  if (parts.length > 1 && ctx.alias && parts[0].toLowerCase() === ctx.alias.toLowerCase()) parts.shift();
  const steps = [];
  let descs = [desc];
  for (let i = 0; i < parts.length - 1; i++) {
    const rel = parts[i].toLowerCase();
    let fk;
    for (const d of descs) {
      for (const f of d.fields.values()) if (f.relationshipName && f.relationshipName.toLowerCase() === rel) fk = f;
      if (fk) break;
    }
    if (!fk) {
      throw new ApiError('INVALID_FIELD', positioned(ctx.soql, parts[i], `Didn't understand relationship '${parts[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`));
    }
    const targets = fk.referenceTo.map((t) => ctx.store.schema.describe(t)).filter(Boolean);
    steps.push({ fk: fk.name, rel: fk.relationshipName, targets: targets.map((t) => t.name) });
    descs = targets;
    if (!descs.length) throw noSuchColumn(ctx, parts[i + 1], parts[i + 1], fk.referenceTo[0] || parts[i]);
  }
  const last = parts[parts.length - 1];
  let field;
  for (const d of descs) if ((field = d.fields.get(last.toLowerCase()))) break;
  if (!field) throw noSuchColumn(ctx, path, last, descs[0].name);
  return { steps, field, path: parts.join('.') };
}

function makeGetter(store, resolved) {
  const { steps, field } = resolved;
  const name = field.name;
  const isBool = field.type === 'boolean';
  const val = (v) => (v === undefined || v === null ? (isBool ? false : null) : v);
  if (!steps.length) return (rec) => val(rec[name]);
  return (rec) => {
    let cur = rec;
    for (const s of steps) {
      const hit = store.lookup(cur[s.fk], s.targets);
      if (!hit) return null;
      cur = hit.record;
    }
    return val(cur[name]);
  };
}

/** Normalises a value for comparison according to the field type. */
function normalizer(type) {
  if (IDS.has(type)) return (v) => (v == null ? null : v.length === 18 ? v : canonicalId(String(v)));
  if (DATES.has(type)) return (v) => toMs(v);
  if (NUMERIC.has(type)) return (v) => (v == null ? null : Number(v));
  if (type === 'boolean') return (v) => (v == null ? null : !!v);
  return (v) => (v == null ? null : String(v).toLowerCase());
}

function unquote(raw) {
  return raw.slice(1, -1).replace(/\\(.)/g, (m, c) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' })[c] ?? c);
}

function literalValue(ctx, raw, lt, resolved) {
  const { field } = resolved;
  const type = field.type;
  const quotedTypeName = type === 'boolean' ? 'boolean' : DATES.has(type) ? (type === 'date' ? 'date' : 'dateTime') : NUMERIC.has(type) ? 'number' : null;
  switch (lt) {
    case 'NULL':
      return { kind: 'null' };
    case 'STRING': {
      if (quotedTypeName) throw new ApiError('INVALID_FIELD', positioned(ctx.soql, raw, `value of filter criterion for field '${field.name}' must be of type ${quotedTypeName} and should not be enclosed in quotes`));
      const s = unquote(raw);
      if (IDS.has(type)) {
        if (!looksLikeId(s)) throw new ApiError('INVALID_QUERY_FILTER_OPERATOR', positioned(ctx.soql, raw, `invalid ID field: ${s}`));
        return { kind: 'point', v: canonicalId(s) };
      }
      return { kind: 'point', v: s.toLowerCase(), raw: s };
    }
    case 'BOOLEAN':
      if (type !== 'boolean') throw new ApiError('INVALID_FIELD', positioned(ctx.soql, raw, `value of filter criterion for field '${field.name}' must be of type ${type === 'string' ? 'string' : type} and should be enclosed in quotes`));
      return { kind: 'point', v: raw.toLowerCase() === 'true' };
    case 'INTEGER':
    case 'DECIMAL':
      return { kind: 'point', v: Number(raw) };
    case 'DATE': {
      const s = toMs(raw);
      return { kind: 'range', s, e: s + DAY };
    }
    case 'DATETIME':
      return { kind: 'point', v: toMs(raw) };
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL': {
      const r = dateLiteralRange(raw, ctx.now);
      if (!r) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, raw, `unexpected token: '${raw}'`));
      return { kind: 'range', s: r[0], e: r[1] };
    }
    default:
      throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, raw, `unexpected token: '${raw}'`));
  }
}

function compare(op, v, lit) {
  if (lit.kind === 'null') return op === '=' ? v == null : op === '!=' ? v != null : false;
  if (v == null || Number.isNaN(v)) return op === '!=';
  if (lit.kind === 'range') {
    switch (op) {
      case '=': return v >= lit.s && v < lit.e;
      case '!=': return !(v >= lit.s && v < lit.e);
      case '<': return v < lit.s;
      case '<=': return v < lit.e;
      case '>': return v >= lit.e;
      case '>=': return v >= lit.s;
    }
  }
  switch (op) {
    case '=': return v === lit.v;
    case '!=': return v !== lit.v;
    case '<': return v < lit.v;
    case '<=': return v <= lit.v;
    case '>': return v > lit.v;
    case '>=': return v >= lit.v;
  }
  return false;
}

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

function compileCondition(ctx, desc, cond) {
  if (cond.fn) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, cond.fn.rawValue || cond.fn.functionName, 'Functions in WHERE are not supported by the org simulator (aggregates belong in HAVING).'));
  const resolved = resolvePath(ctx, desc, cond.field);
  const get = makeGetter(ctx.store, resolved);
  const norm = normalizer(resolved.field.type);
  const op = cond.operator === '<>' ? '!=' : cond.operator.toUpperCase();
  if (cond.valueQuery) {
    if (!IDS.has(resolved.field.type)) throw new ApiError('INVALID_FIELD', positioned(ctx.soql, cond.field, `Invalid field for semi-join: ${cond.field} must be an Id or a reference field`));
    const sub = compileQuery({ ...ctx, alias: cond.valueQuery.sObjectAlias }, cond.valueQuery, { semiJoin: true });
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

function compileTree(tree, leaf) {
  if (!tree) return () => true;
  if (tree.cond) return leaf(tree.cond);
  if (tree.op === 'NOT') {
    const inner = compileTree(tree.item, leaf);
    return (x) => !inner(x);
  }
  const items = tree.items.map((t) => compileTree(t, leaf));
  return tree.op === 'AND' ? (x) => items.every((f) => f(x)) : (x) => items.some((f) => f(x));
}

/** ORDER BY direction: descending sorts nulls last unless NULLS FIRST says otherwise. */
function direction(o) {
  const desc = String(o.order || 'ASC').toUpperCase() === 'DESC';
  return { desc, nullsLast: o.nulls ? o.nulls.toUpperCase() === 'LAST' : desc };
}

/** Stable sort of rows by keys [{ get(row), desc, nullsLast }]. */
function sortRows(rows, keys) {
  if (!keys.length) return rows;
  const decorated = rows.map((r, i) => ({ r, i, k: keys.map((k) => k.get(r)) }));
  decorated.sort(comparator(keys));
  return decorated.map((d) => d.r);
}

function comparator(keys) {
  return (a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const { desc, nullsLast } = keys[i];
      const x = a.k[i];
      const y = b.k[i];
      if (x === y) continue;
      if (x == null) return nullsLast ? 1 : -1;
      if (y == null) return nullsLast ? -1 : 1;
      const c = x < y ? -1 : 1;
      return desc ? -c : c;
    }
    return a.i - b.i;
  };
}

function expandFields(ctx, desc, fields) {
  const out = [];
  for (const f of fields || []) {
    if (f.type === 'FieldFunctionExpression' && f.functionName.toUpperCase() === 'FIELDS') {
      const which = String(f.parameters[0]).toUpperCase();
      for (const meta of desc.fields.values()) if (which !== 'CUSTOM' || meta.name.endsWith('__c')) out.push({ type: 'Field', field: meta.name });
    } else out.push(f);
  }
  return out;
}

function fieldPath(f) {
  if (f.type === 'Field') return f.field;
  if (f.type === 'FieldRelationship') return f.rawValue || [...f.relationships, f.field].join('.');
  return null;
}

/**
 * Compiles a parsed query. Returns { desc, run(): { countOnly, totalSize, rows, project } }.
 * ctx: { soql, store, now, apiVersion, includeDeleted, tooling, alias }
 */
export function compileQuery(ctx, ast, { semiJoin = false } = {}) {
  const desc = objectFor(ctx, ast.sObject);
  ctx = { ...ctx, alias: ast.sObjectAlias };
  const fields = expandFields(ctx, desc, ast.fields);
  for (const f of fields) {
    if (f.type === 'FieldSubquery') throw new ApiError('INVALID_TYPE', positioned(ctx.soql, f.subquery.relationshipName, `Didn't understand relationship '${f.subquery.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`));
    if (f.type === 'FieldTypeof') throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, 'TYPEOF', 'TYPEOF is not supported by the org simulator.'));
  }
  const where = compileTree(whereTree(ast.where), (cond) => compileCondition(ctx, desc, cond));
  const groupBy = ast.groupBy ? (Array.isArray(ast.groupBy) ? ast.groupBy : [ast.groupBy]) : [];
  const isAggregate = groupBy.length > 0 || fields.some((f) => f.type === 'FieldFunctionExpression' && AGG.has(f.functionName.toUpperCase()));
  const countOnly = fields.length === 1 && fields[0].type === 'FieldFunctionExpression' && fields[0].functionName.toUpperCase() === 'COUNT' && !fields[0].parameters?.length;
  const orderBy = ast.orderBy ? (Array.isArray(ast.orderBy) ? ast.orderBy : [ast.orderBy]) : [];
  const store = ctx.store;
  const source = () => {
    const all = recordsFor(ctx, desc);
    return ctx.includeDeleted ? all : all.filter((r) => r.IsDeleted !== true);
  };
  const limit = ast.limit;
  const offset = ast.offset || 0;
  const window = (rows) => (offset || limit != null ? rows.slice(offset, limit != null ? offset + limit : undefined) : rows);

  let semiJoinGetter;
  if (semiJoin) {
    const p = fields.length === 1 ? fieldPath(fields[0]) : null;
    const resolved = p && resolvePath(ctx, desc, p);
    if (!resolved || !IDS.has(resolved.field.type)) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, ast.sObject, 'The selected field in a semi-join subquery must be a single Id or reference field'));
    semiJoinGetter = makeGetter(store, resolved);
  }

  if (countOnly) {
    return { desc, run: () => {
      let n = 0;
      for (const r of source()) if (where(r)) n++;
      n = Math.max(0, Math.min(n - offset, limit ?? Infinity));
      return { countOnly: true, totalSize: n, rows: [], project: (x) => x };
    } };
  }

  if (isAggregate) return { desc, run: compileAggregate(ctx, desc, fields, groupBy, where, source, orderBy, window, ast) };

  const select = fields.map((f) => {
    const p = fieldPath(f);
    if (!p) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, f.rawValue || f.functionName || '', `Function ${f.functionName || ''} is not supported by the org simulator here.`));
    return resolvePath(ctx, desc, p);
  });
  const sortKeys = orderBy.map((o) => {
    if (o.fn) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, 'ORDER BY', 'Ordering by a function needs GROUP BY'));
    const resolved = resolvePath(ctx, desc, o.field);
    const get = makeGetter(store, resolved);
    const norm = normalizer(resolved.field.type);
    return { get: (r) => norm(get(r)), ...direction(o) };
  });
  const base = `/services/data/v${ctx.apiVersion}/${ctx.tooling ? 'tooling/' : ''}sobjects`;
  const project = (rec) => {
    const out = { attributes: { type: desc.name, url: `${base}/${desc.name}/${rec.Id}` } };
    const sources = new Map([[out, rec]]);
    for (const s of select) {
      let target = out;
      let ok = true;
      for (const step of s.steps) {
        const existing = target[step.rel];
        if (existing === null) {
          ok = false;
          break;
        }
        if (existing === undefined) {
          const hit = store.lookup(sources.get(target)[step.fk], step.targets);
          if (!hit) {
            target[step.rel] = null;
            ok = false;
            break;
          }
          const child = { attributes: { type: hit.type, url: `${base}/${hit.type}/${hit.record.Id}` } };
          sources.set(child, hit.record);
          target[step.rel] = child;
        }
        target = target[step.rel];
      }
      if (!ok) continue;
      const v = sources.get(target)[s.field.name];
      target[s.field.name] = v === undefined || v === null ? (s.field.type === 'boolean' ? false : null) : v;
    }
    return out;
  };
  return { desc, semiJoinGetter, run: () => {
    const matched = [];
    for (const r of source()) if (where(r)) matched.push(r);
    const rows = window(sortRows(matched, sortKeys));
    return { countOnly: false, totalSize: rows.length, rows, project };
  } };
}

function compileAggregate(ctx, desc, fields, groupBy, where, source, orderBy, window, ast) {
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

/** Records behind an object; EntityDefinition is derived from the org's schema when the fixture has none. */
function recordsFor(ctx, desc) {
  const store = ctx.store;
  if (desc.name === 'EntityDefinition' && !store.org.tooling?.EntityDefinition && !store.org.objects.EntityDefinition) return store.entityDefinitions();
  return visibleRows(store, desc.name, store.records(desc.name, ctx.tooling));
}

/** Parses and runs a SOQL string. */
export function executeQuery(soql, { store, apiVersion = '62.0', includeDeleted = false, tooling = false, now = Date.now() }) {
  const ast = parseSoql(soql);
  const ctx = { soql, store, apiVersion, includeDeleted, tooling, now };
  return compileQuery(ctx, ast).run();
}

/** The FROM object of a SOQL string (for fault matching and logs), or undefined. */
export function fromObject(soql) {
  const m = /\bfrom\s+([A-Za-z0-9_]+)/i.exec(String(soql || '').replace(/\(\s*select[^()]*\)/gi, ''));
  return m ? m[1] : undefined;
}

/**
 * The answer to `/query?q=...&columns=true` (what `sf data query` asks first): column metadata,
 * relationship fields nested in joinColumns.
 */
export function queryColumns(soql, { store, apiVersion = '62.0', tooling = false }) {
  const ast = parseSoql(soql);
  let ctx = { soql, store, apiVersion, tooling, now: Date.now() };
  const desc = objectFor(ctx, ast.sObject);
  ctx = { ...ctx, alias: ast.sObjectAlias };
  const col = (name, display, field, extra = {}) => ({
    aggregate: false, apexType: field ? apexType(field.type) : null, booleanType: field?.type === 'boolean', columnName: name, custom: name.endsWith('__c'), displayName: display,
    foreignKeyName: null, insertable: false, joinColumns: [], numberType: NUMERIC.has(field?.type), textType: !!field && !NUMERIC.has(field.type) && field.type !== 'boolean', updatable: false, ...extra
  });
  const columns = [];
  let exprN = 0;
  for (const f of expandFields(ctx, desc, ast.fields)) {
    if (f.type === 'FieldFunctionExpression') {
      const name = f.alias || `expr${exprN++}`;
      columns.push(col(name, f.alias || f.rawValue, null, { aggregate: true, apexType: null, numberType: /^COUNT/i.test(f.functionName), textType: false }));
      continue;
    }
    const p = fieldPath(f);
    if (!p) continue;
    const resolved = resolvePath(ctx, desc, p);
    let list = columns;
    let display = '';
    for (const step of resolved.steps) {
      display = display ? `${display}.${step.rel}` : step.rel;
      let parent = list.find((c) => c.columnName === step.rel);
      if (!parent) list.push((parent = col(step.rel, display, null, { apexType: null, foreignKeyName: step.fk, textType: false })));
      list = parent.joinColumns;
    }
    list.push(col(resolved.field.name, resolved.steps.length ? `${display}.${resolved.field.name}` : resolved.field.name, resolved.field));
  }
  const countOnly = ast.fields?.length === 1 && ast.fields[0].type === 'FieldFunctionExpression' && !ast.fields[0].parameters?.length;
  return { columnMetadata: countOnly ? [] : columns, entityName: desc.name, groupBy: !!ast.groupBy, idSelected: columns.some((c) => c.columnName === 'Id'), keyPrefix: desc.keyPrefix };
}

function apexType(type) {
  return { id: 'Id', reference: 'Id', boolean: 'Boolean', int: 'Integer', double: 'Double', currency: 'Decimal', percent: 'Decimal', date: 'Date', datetime: 'Datetime' }[type] || 'String';
}
