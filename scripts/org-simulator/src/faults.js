/**
 * Fault injection. A fault: { kind, match?: { path?: RegExp|string, object?: string, soap?: boolean }, times?, delayMs? }
 *   invalid-session -> 401 INVALID_SESSION_ID (SOAP: sf:INVALID_SESSION_ID fault)
 *   request-limit   -> 403 REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded."
 *   server-error    -> 500 UNKNOWN_EXCEPTION
 *   hang            -> never answers (stop() still closes the socket)
 *   slow            -> answers after delayMs (default 2000)
 *   malformed       -> 200 with a truncated JSON body
 * `times` limits how often a fault fires (default: always). `object` matches a query's FROM object,
 * including queries inside a composite request.
 */
export const FAULT_KINDS = ['invalid-session', 'request-limit', 'server-error', 'hang', 'slow', 'malformed'];

export class Faults {
  constructor(list = []) {
    this.set(list);
  }

  set(list = []) {
    for (const f of list) if (!FAULT_KINDS.includes(f.kind)) throw new Error(`Unknown fault kind '${f.kind}' (expected one of ${FAULT_KINDS.join(', ')})`);
    this.list = list.map((f) => ({ ...f, fired: 0 }));
  }

  /** The first live fault matching this request ({ path, objects: [FROM objects], soap }), consumed once. */
  take(req) {
    for (const f of this.list) {
      if (f.times != null && f.fired >= f.times) continue;
      if (!matches(f.match, req)) continue;
      f.fired++;
      return f;
    }
    return undefined;
  }
}

function matches(match, req) {
  if (!match) return true;
  if (match.path != null) {
    const ok = match.path instanceof RegExp ? match.path.test(req.path) : req.path.includes(match.path);
    if (!ok) return false;
  }
  if (match.object != null && !req.objects.some((o) => o.toLowerCase() === String(match.object).toLowerCase())) return false;
  if (match.soap != null && !!match.soap !== !!req.soap) return false;
  return true;
}
