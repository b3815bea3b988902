/**
 * What every clause of a query reads: the FROM object (or the error Salesforce gives for it),
 * field paths through parent relationships, typed getters and comparison normalisers, and the
 * records the running user may see. Errors are Salesforce's: INVALID_TYPE, INVALID_FIELD.
 */
import { ApiError } from '../errors.js';
import { canonicalId } from '../ids.js';
import { toMs } from './dates.js';
import { canSee, visibleRows } from '../access.js';

export const NUMERIC = new Set(['int', 'double', 'currency', 'percent', 'long']);
export const DATES = new Set(['date', 'datetime']);
export const IDS = new Set(['id', 'reference']);

/** The query text with a caret under `token` and the row/column, as Salesforce words its errors. */
export function positioned(soql, token, text) {
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
export function resolvePath(ctx, desc, path) {
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

/** A record's value at a resolved path (null past a missing parent; false for an unset boolean). */
export function makeGetter(store, resolved) {
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
export function normalizer(type) {
  if (IDS.has(type)) return (v) => (v == null ? null : v.length === 18 ? v : canonicalId(String(v)));
  if (DATES.has(type)) return (v) => toMs(v);
  if (NUMERIC.has(type)) return (v) => (v == null ? null : Number(v));
  if (type === 'boolean') return (v) => (v == null ? null : !!v);
  return (v) => (v == null ? null : String(v).toLowerCase());
}

/** The SELECT list with FIELDS(ALL|STANDARD|CUSTOM) expanded to the object's fields. */
export function expandFields(ctx, desc, fields) {
  const out = [];
  for (const f of fields || []) {
    if (f.type === 'FieldFunctionExpression' && f.functionName.toUpperCase() === 'FIELDS') {
      const which = String(f.parameters[0]).toUpperCase();
      for (const meta of desc.fields.values()) if (which !== 'CUSTOM' || meta.name.endsWith('__c')) out.push({ type: 'Field', field: meta.name });
    } else out.push(f);
  }
  return out;
}

/** The dotted path of a selected field, or null for a function. */
export function fieldPath(f) {
  if (f.type === 'Field') return f.field;
  if (f.type === 'FieldRelationship') return f.rawValue || [...f.relationships, f.field].join('.');
  return null;
}

/** Records behind an object; EntityDefinition is derived from the org's schema when the fixture has none. */
export function recordsFor(ctx, desc) {
  const store = ctx.store;
  if (desc.name === 'EntityDefinition' && !store.org.tooling?.EntityDefinition && !store.org.objects.EntityDefinition) return store.entityDefinitions();
  return visibleRows(store, desc.name, store.records(desc.name, ctx.tooling));
}
