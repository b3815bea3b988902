/**
 * Fault injection. A fault: { kind, match?: { path?: RegExp|string, object?: string, soap?: boolean, method?: string }, times?, ... }
 *   invalid-session -> 401 INVALID_SESSION_ID (SOAP: sf:INVALID_SESSION_ID fault)
 *   request-limit   -> 403 REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded."
 *   server-error    -> 500 UNKNOWN_EXCEPTION (`status` picks another 5xx, e.g. 502 or 504; SOAP: sf:UNKNOWN_EXCEPTION fault)
 *   unavailable     -> 503 SERVER_UNAVAILABLE with `Retry-After: retryAfter` seconds (default 1). Salesforce answers
 *                      503 when the server is down for maintenance or overloaded (REST API Developer Guide and Connect
 *                      REST API Developer Guide, "Status Codes and Error Responses"); Retry-After is what a server or
 *                      proxy may add (RFC 9110, 10.2.3), so the client must honour it within a bound.
 *   hang            -> never answers (stop() still closes the socket); matches login-time requests too
 *                      (GET /services/data, /services/oauth2/userinfo, the Organization query)
 *   slow            -> answers after delayMs (default 2000)
 *   malformed       -> 200 with a truncated JSON body
 *   html            -> an HTML page instead of JSON (a proxy, captive portal or login page), `status` default 200
 *   garbage         -> 200, Content-Type JSON, a body of bytes that is not JSON (or XML)
 *   empty           -> 200, Content-Type JSON, an empty body
 *   close           -> the socket is closed: without any answer, or with `afterBytes` after that many bytes of the
 *                      real answer (headers already sent: a download cut off in the middle)
 *   drip            -> the real answer, its body sent `chunkBytes` (default 1) every `intervalMs` (default 1000):
 *                      a response that never stalls long enough for an idle timeout, and still never ends in time
 *   api-error       -> one REST resource (a query, a describe, a log file download) answers `status` (default 400)
 *                      [{ errorCode (default INVALID_FIELD), message }]; inside a composite only that subrequest does:
 *                      "If the subrequest returns an error, the body includes the error code and message" and,
 *                      without allOrNone, "the remaining subrequests that don't depend on the failed subrequest are
 *                      executed" (REST API Developer Guide, "Composite Subrequest Result", "Composite Request Body").
 *                      `match.path` is the resource's path; a query is matched by what it reads, not its text:
 *                      `match.object` (FROM) and `match.where` (a field the WHERE clause filters on).
 * `times` limits how often a fault fires (default: always). `object` matches a query's FROM object,
 * including queries inside a composite request. `path` matches per request, so a download fault names
 * one file: { path: '/sobjects/EventLogFile/0AT.../LogFile' } (per-download), or all: { path: /\/LogFile$/ }.
 * An untrusted TLS certificate is not a per-request fault: start the simulator with `https: true` and do
 * not trust its certificate (cliEnv(sim, { home, trustCertificate: false })).
 */
import { parseSoql } from './soql/parse.js';

export const FAULT_KINDS = ['invalid-session', 'request-limit', 'server-error', 'unavailable', 'hang', 'slow', 'malformed', 'html', 'garbage', 'empty', 'close', 'drip', 'api-error'];

export class Faults {
  constructor(list = []) {
    this.set(list);
  }

  set(list = []) {
    for (const f of list) if (!FAULT_KINDS.includes(f.kind)) throw new Error(`Unknown fault kind '${f.kind}' (expected one of ${FAULT_KINDS.join(', ')})`);
    this.list = list.map((f) => ({ ...f, fired: 0 }));
  }

  /** How often each fault has fired so far, in the order they were set. */
  fired() {
    return this.list.map((f) => f.fired);
  }

  /** The first live fault matching this request ({ path, objects: [FROM objects], soap, method }), consumed once. */
  take(req) {
    for (const f of this.list) {
      if (f.kind === 'api-error') continue;
      if (f.times != null && f.fired >= f.times) continue;
      if (!matches(f.match, req)) continue;
      f.fired++;
      return f;
    }
    return undefined;
  }

  /** The first live api-error fault matching this REST resource ({ path, soql }), consumed once; see resourceMatches. */
  takeResource(req) {
    for (const f of this.list) {
      if (f.kind !== 'api-error' || (f.times != null && f.fired >= f.times)) continue;
      if (!resourceMatches(f.match || {}, req)) continue;
      f.fired++;
      return f;
    }
    return undefined;
  }
}

/** path: RegExp or substring of the resource path; object / where: the parsed query's FROM object / a WHERE field. */
function resourceMatches(match, { path, soql }) {
  if (match.path != null && !(match.path instanceof RegExp ? match.path.test(path) : path.includes(match.path))) return false;
  if (match.object == null && match.where == null) return true;
  if (soql == null) return false;
  let parsed;
  try {
    parsed = parseSoql(soql);
  } catch {
    return false;
  }
  if (match.object != null && String(parsed.sObject).toLowerCase() !== String(match.object).toLowerCase()) return false;
  return match.where == null || whereFields(parsed.where).includes(String(match.where).toLowerCase());
}

/** Every field a parsed WHERE clause names (lower case), at any depth. */
function whereFields(node, out = []) {
  if (!node || typeof node !== 'object') return out;
  if (typeof node.field === 'string') out.push(node.field.toLowerCase());
  for (const key of ['left', 'right']) whereFields(node[key], out);
  return out;
}

function matches(match, req) {
  if (!match) return true;
  if (match.path != null) {
    const ok = match.path instanceof RegExp ? match.path.test(req.path) : req.path.includes(match.path);
    if (!ok) return false;
  }
  if (match.object != null && !req.objects.some((o) => o.toLowerCase() === String(match.object).toLowerCase())) return false;
  if (match.soap != null && !!match.soap !== !!req.soap) return false;
  if (match.method != null && String(match.method).toUpperCase() !== String(req.method || '').toUpperCase()) return false;
  return true;
}
