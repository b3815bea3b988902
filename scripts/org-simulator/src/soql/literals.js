/**
 * Filter values (WHERE and HAVING): a literal typed against its field (the quoting and Id errors
 * Salesforce gives), date literals as ranges, and the comparison of a value with a literal.
 */
import { ApiError } from '../errors.js';
import { looksLikeId, canonicalId } from '../ids.js';
import { dateLiteralRange, toMs } from './dates.js';
import { DATES, IDS, NUMERIC, positioned } from './fields.js';

const DAY = 86400000;

function unquote(raw) {
  return raw.slice(1, -1).replace(/\\(.)/g, (m, c) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' })[c] ?? c);
}

/** A literal as { kind: 'null' } | { kind: 'point', v, raw? } | { kind: 'range', s, e }. */
export function literalValue(ctx, raw, lt, resolved) {
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

/** `v <op> lit` for a normalised value: null only equals NULL, a range compares by its bounds. */
export function compare(op, v, lit) {
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
