/** ORDER BY (stable, with NULLS FIRST/LAST), LIMIT and OFFSET over result rows. */
import { ApiError } from '../errors.js';
import { makeGetter, normalizer, positioned, resolvePath } from './fields.js';

/** ORDER BY direction: descending sorts nulls last unless NULLS FIRST says otherwise. */
export function direction(o) {
  const desc = String(o.order || 'ASC').toUpperCase() === 'DESC';
  return { desc, nullsLast: o.nulls ? o.nulls.toUpperCase() === 'LAST' : desc };
}

/** Stable sort of rows by keys [{ get(row), desc, nullsLast }]. */
export function sortRows(rows, keys) {
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

/** ORDER BY of a record query: one sort key per field path (functions need GROUP BY). */
export function recordSortKeys(ctx, desc, orderBy) {
  return orderBy.map((o) => {
    if (o.fn) throw new ApiError('MALFORMED_QUERY', positioned(ctx.soql, 'ORDER BY', 'Ordering by a function needs GROUP BY'));
    const resolved = resolvePath(ctx, desc, o.field);
    const get = makeGetter(ctx.store, resolved);
    const norm = normalizer(resolved.field.type);
    return { get: (r) => norm(get(r)), ...direction(o) };
  });
}

/** The rows OFFSET and LIMIT keep: (rows) => rows. */
export function windowOf(limit, offset) {
  return (rows) => (offset || limit != null ? rows.slice(offset, limit != null ? offset + limit : undefined) : rows);
}
