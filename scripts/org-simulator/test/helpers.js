import { Store } from '../src/store.js';
import { executeQuery } from '../src/soql/evaluate.js';

export const NOW = Date.parse('2025-06-15T12:00:00Z');

/** Runs SOQL against an org without a server: returns { totalSize, records } as the API would. */
export function soql(org, text, opts = {}) {
  const store = opts.store || new Store(org);
  const r = executeQuery(text, { store, now: opts.now ?? NOW, includeDeleted: opts.all });
  return { totalSize: r.totalSize, records: r.rows.map(r.project) };
}

/** fetch() against a running simulator with its token. */
export function client(sim) {
  const auth = { Authorization: `Bearer ${sim.accessToken}` };
  const call = async (method, path, body, headers = {}) => {
    const res = await fetch(sim.instanceUrl + path, { method, headers: { ...auth, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    call,
    get: (path, headers) => call('GET', path, undefined, headers),
    post: (path, body) => call('POST', path, body),
    query: (q, headers) => call('GET', `/services/data/v62.0/query?q=${encodeURIComponent(q)}`, undefined, headers)
  };
}
