/**
 * The answer to `/query?q=...&columns=true` (what `sf data query` asks first): column metadata,
 * relationship fields nested in joinColumns.
 */
import { parseSoql } from './parse.js';
import { NUMERIC, expandFields, fieldPath, objectFor, resolvePath } from './fields.js';

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
