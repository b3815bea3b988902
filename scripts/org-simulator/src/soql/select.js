/**
 * SELECT of a record query: each selected path resolved once, and the projection of a record as
 * the REST API answers it (attributes with type and url, parent relationships as nested records,
 * null for a missing parent, false for an unset boolean).
 */
import { ApiError } from '../errors.js';
import { IDS, fieldPath, makeGetter, positioned, resolvePath } from './fields.js';

/** The getter of a semi-join subquery's single selected Id or reference field. */
export function semiJoinGetterFor(ctx, desc, ast, fields) {
  const p = fields.length === 1 ? fieldPath(fields[0]) : null;
  const resolved = p && resolvePath(ctx, desc, p);
  if (!resolved || !IDS.has(resolved.field.type)) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, ast.sObject, 'The selected field in a semi-join subquery must be a single Id or reference field'));
  return makeGetter(ctx.store, resolved);
}

/** The selected paths, resolved (the errors Salesforce gives for an unknown field or relationship). */
export function resolveSelect(ctx, desc, fields) {
  return fields.map((f) => {
    const p = fieldPath(f);
    if (!p) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, f.rawValue || f.functionName || '', `Function ${f.functionName || ''} is not supported by the org simulator here.`));
    return resolvePath(ctx, desc, p);
  });
}

/** project(record) -> the REST API's record for the resolved `select`. */
export function projection(ctx, desc, select) {
  const store = ctx.store;
  const base = `/services/data/v${ctx.apiVersion}/${ctx.tooling ? 'tooling/' : ''}sobjects`;
  return (rec) => {
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
}
