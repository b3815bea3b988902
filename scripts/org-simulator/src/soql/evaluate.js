/**
 * Evaluates a SOQL query over the fixture records, one clause per module:
 *   fields.js     FROM object, field paths through parent relationships, typed getters
 *   where.js      WHERE (AND/OR/NOT, comparisons, IN/NOT IN lists and semi-joins, LIKE, null),
 *                 with literals.js (typed literals, date literals, comparison)
 *   select.js     SELECT: the projection of a record as the REST API answers it
 *   aggregate.js  GROUP BY / HAVING with COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX
 *   order.js      ORDER BY, LIMIT, OFFSET
 *   columns.js    the column metadata of `/query?columns=true`
 * Errors are Salesforce's: INVALID_TYPE, INVALID_FIELD, MALFORMED_QUERY, INVALID_QUERY_FILTER_OPERATOR.
 */
import { ApiError } from '../errors.js';
import { parseSoql } from './parse.js';
import { expandFields, objectFor, positioned, recordsFor } from './fields.js';
import { compileWhere } from './where.js';
import { compileAggregate, isAggregateQuery } from './aggregate.js';
import { projection, resolveSelect, semiJoinGetterFor } from './select.js';
import { recordSortKeys, sortRows, windowOf } from './order.js';

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
  const where = compileWhere(ctx, desc, ast.where, compileQuery);
  const groupBy = ast.groupBy ? (Array.isArray(ast.groupBy) ? ast.groupBy : [ast.groupBy]) : [];
  const isAggregate = isAggregateQuery(fields, groupBy);
  const countOnly = fields.length === 1 && fields[0].type === 'FieldFunctionExpression' && fields[0].functionName.toUpperCase() === 'COUNT' && !fields[0].parameters?.length;
  const orderBy = ast.orderBy ? (Array.isArray(ast.orderBy) ? ast.orderBy : [ast.orderBy]) : [];
  const source = () => {
    const all = recordsFor(ctx, desc);
    return ctx.includeDeleted ? all : all.filter((r) => r.IsDeleted !== true);
  };
  const limit = ast.limit;
  const offset = ast.offset || 0;
  const window = windowOf(limit, offset);
  const semiJoinGetter = semiJoin ? semiJoinGetterFor(ctx, desc, ast, fields) : undefined;

  if (countOnly) {
    return { desc, run: () => {
      let n = 0;
      for (const r of source()) if (where(r)) n++;
      n = Math.max(0, Math.min(n - offset, limit ?? Infinity));
      return { countOnly: true, totalSize: n, rows: [], project: (x) => x };
    } };
  }

  if (isAggregate) return { desc, run: compileAggregate(ctx, desc, fields, groupBy, where, source, orderBy, window, ast) };

  const select = resolveSelect(ctx, desc, fields);
  const sortKeys = recordSortKeys(ctx, desc, orderBy);
  const project = projection(ctx, desc, select);
  return { desc, semiJoinGetter, run: () => {
    const matched = [];
    for (const r of source()) if (where(r)) matched.push(r);
    const rows = window(sortRows(matched, sortKeys));
    return { countOnly: false, totalSize: rows.length, rows, project };
  } };
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
