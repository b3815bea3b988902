/**
 * REST routes under /services/data/vXX.X: query / queryAll / tooling query with paging, composite,
 * limits, describe, sobject records (read, create, update, delete) and EventLogFile LogFile bodies.
 * handleRest() is pure over the simulator state, so composite subrequests go through it too.
 * Returns { status, body, headers?, raw? } (raw: a string body sent as is).
 */
import { ApiError, notFound } from './errors.js';
import { executeQuery, fromObject } from './soql/evaluate.js';
import { queryColumns } from './soql/columns.js';
import { toId18 } from '@code42-companion/rules';
import { createIdFactory, looksLikeId, canonicalId } from './ids.js';
import { handleLogFileRequest } from './eventLogFiles.js';
import { canSee } from './access.js';

export const MAX_COMPOSITE_SUBREQUESTS = 25;
export const MAX_COMPOSITE_QUERIES = 5;

const json = (status, body, headers) => ({ status, body, headers });

export function versionList(apiVersion) {
  const names = { 62: "Winter '25", 61: "Summer '24", 60: "Spring '24", 59: "Winter '24", 58: "Summer '23", 57: "Spring '23", 56: "Winter '23", 63: "Spring '25", 64: "Summer '25", 65: "Winter '26" };
  const out = [];
  for (let v = 31; v <= Math.floor(Number(apiVersion)); v++) out.push({ label: names[v] || `API ${v}`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  return out;
}

/** Parses '/services/data/v62.0/...' -> { version, rest: '/query' } or undefined. */
export function splitDataPath(path) {
  const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
  return m ? { version: m[1], rest: (m[2] || '').replace(/\/$/, '') } : undefined;
}

/** Every SOQL text carried by a request (query param or composite subrequests), for logs and fault matching. */
export function soqlOf(path, query, body) {
  const out = [];
  if (query?.q) out.push(query.q);
  if (/\/composite$/.test(path) && body && Array.isArray(body.compositeRequest)) {
    for (const sub of body.compositeRequest) {
      const q = subrequestQuery(sub.url);
      if (q) out.push(q);
    }
  }
  return out;
}

/** The SOQL of a composite subrequest's URL when it is a query, else null. */
export function subrequestQuery(url) {
  try {
    const u = new URL(String(url), 'http://x');
    return /\/(query|queryAll)$/.test(u.pathname) ? u.searchParams.get('q') : null;
  } catch {
    return null;
  }
}

export function objectsOf(soqls) {
  return soqls.map(fromObject).filter(Boolean);
}

export class Router {
  /** sim: { store, apiVersion, pageSize } */
  constructor(sim) {
    this.sim = sim;
    this.cursors = new Map();
    this.cursorSeq = 0;
    this.newId = createIdFactory('Zz');
  }

  handleRest(method, path, query, body, headers = {}) {
    const parts = splitDataPath(path);
    if (!parts) throw notFound();
    if (Number(parts.version) > Number(this.sim.apiVersion) || Number(parts.version) < 20) throw notFound();
    const v = parts.version;
    const rest = parts.rest;
    const fault = this.sim.takeResourceFault?.({ path, soql: query?.q });
    if (fault) throw new ApiError(fault.errorCode || 'INVALID_FIELD', fault.message || 'An api-error fault.', fault.status || 400);
    const store = this.sim.store;
    let m;
    if (rest === '' && method === 'GET') return json(200, this.resources(v));
    if ((m = /^(\/tooling)?\/(query|queryAll)$/.exec(rest)) && method === 'GET') {
      if (query.q == null) throw new ApiError('MALFORMED_QUERY', 'A query string has to be specified');
      if (query.columns === 'true') return json(200, queryColumns(query.q, { store, apiVersion: v, tooling: !!m[1] }));
      return json(200, this.query(query.q, { version: v, tooling: !!m[1], all: m[2] === 'queryAll', batch: batchSize(headers) }));
    }
    if ((m = /^(\/tooling)?\/(query|queryAll)\/([A-Za-z0-9]+)-(\d+)$/.exec(rest)) && method === 'GET') return json(200, this.more(m[3], Number(m[4])));
    if (rest === '/limits' && method === 'GET') return json(200, this.limits());
    if (rest === '/composite' && method === 'POST') return json(200, this.composite(body, v, headers));
    if ((m = /^(\/tooling)?\/sobjects$/.exec(rest)) && method === 'GET') return json(200, this.globalDescribe(v));
    if ((m = /^(?:\/tooling)?\/sobjects\/([A-Za-z0-9_]+)(\/describe)?$/.exec(rest))) {
      const desc = this.describeOrThrow(m[1]);
      if (method === 'GET') return json(200, m[2] ? this.describe(desc, v) : { objectDescribe: this.objectSummary(desc, v), recentItems: [] });
      if (method === 'POST' && !m[2]) return this.create(desc, body, v);
    }
    if ((m = /^\/sobjects\/EventLogFile\/([A-Za-z0-9]{15,18})\/LogFile$/.exec(rest)) && method === 'GET') return this.logFile(m[1]);
    if ((m = /^(?:\/tooling)?\/sobjects\/([A-Za-z0-9_]+)\/([A-Za-z0-9]{15,18})$/.exec(rest))) {
      const desc = this.describeOrThrow(m[1]);
      const hit = store.lookup(m[2], [desc.name]);
      if (!hit) throw notFound();
      if (method === 'GET') return json(200, this.record(desc, hit.record, v, query.fields));
      if (method === 'PATCH') return this.update(desc, hit.record, body);
      if (method === 'DELETE') {
        store.remove(desc.name, hit.record.Id);
        return json(204, null);
      }
    }
    throw notFound();
  }

  resources(v) {
    const base = `/services/data/v${v}`;
    return Object.fromEntries(['tooling', 'metadata', 'eclair', 'folders', 'prechatForms', 'contact-tracing', 'jsonxform', 'chatter', 'tabs', 'appMenu', 'quickActions', 'queryAll', 'commerce', 'wave', 'iot', 'analytics', 'search', 'identity', 'composite', 'parameterizedSearch', 'fingerprint', 'theme', 'nouns', 'event', 'serviceTemplates', 'recent', 'connect', 'licensing', 'limits', 'process', 'async-queries', 'query', 'match', 'emailConnect', 'compactLayouts', 'knowledgeManagement', 'sobjects', 'actions', 'support'].map((k) => [k, k === 'identity' ? `${this.sim.instanceUrl}/id/${this.sim.orgId}/${this.sim.store.org.currentUserId}` : `${base}/${k}`]));
  }

  query(soql, { version, tooling, all, batch }) {
    const result = executeQuery(soql, { store: this.sim.store, apiVersion: version, includeDeleted: all, tooling });
    if (result.countOnly) return { totalSize: result.totalSize, done: true, records: [] };
    const size = Math.max(1, batch ? Math.min(this.sim.pageSize, batch) : this.sim.pageSize);
    const cursor = { rows: result.rows, project: result.project, size, version, tooling, all };
    return this.page(cursor, 0, this.registerCursor(cursor));
  }

  registerCursor(cursor) {
    this.cursorSeq++;
    const id15 = `01g5g0${String(this.cursorSeq).padStart(9, '0')}`;
    const id = toId18(id15);
    this.cursors.set(id, cursor);
    if (this.cursors.size > 100) this.cursors.delete(this.cursors.keys().next().value);
    return id;
  }

  page(cursor, start, id) {
    const end = Math.min(cursor.rows.length, start + cursor.size);
    const records = [];
    for (let i = start; i < end; i++) records.push(cursor.project(cursor.rows[i]));
    const out = { totalSize: cursor.rows.length, done: end >= cursor.rows.length, records };
    if (!out.done) out.nextRecordsUrl = `/services/data/v${cursor.version}/${cursor.tooling ? 'tooling/' : ''}${cursor.all ? 'queryAll' : 'query'}/${id}-${end}`;
    else this.cursors.delete(id);
    return out;
  }

  more(id, start) {
    const cursor = this.cursors.get(id);
    if (!cursor || start > cursor.rows.length) throw new ApiError('INVALID_QUERY_LOCATOR', 'invalid query locator', 400);
    return this.page(cursor, start, id);
  }

  limits() {
    const l = this.sim.limitsNow();
    return {
      ...Object.fromEntries(Object.entries(this.sim.store.org.limits || {}).filter(([k]) => k !== 'DailyApiRequests')),
      DailyApiRequests: l,
      DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
      DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
      DailyStreamingApiEvents: { Max: 1000000, Remaining: 1000000 },
      DataStorageMB: { Max: 1024, Remaining: 1020 },
      FileStorageMB: { Max: 2048, Remaining: 2040 },
      MonthlyPlatformEventsUsageEntitlement: { Max: 1500000, Remaining: 1500000 },
      SingleEmail: { Max: 5000, Remaining: 5000 }
    };
  }

  describeOrThrow(name) {
    const desc = this.sim.store.schema.describe(name);
    // Describe of an object the running user may not see: 404 NOT_FOUND, as for one that does not exist.
    if (!desc || !canSee(this.sim.store, desc.name)) throw notFound();
    return desc;
  }

  objectSummary(desc, v) {
    const base = `/services/data/v${v}/sobjects/${desc.name}`;
    return {
      name: desc.name, label: desc.label, labelPlural: desc.label, keyPrefix: desc.keyPrefix, custom: false, customSetting: false, queryable: !desc.stream, retrieveable: !desc.stream, searchable: false,
      createable: false, updateable: false, deletable: false, layoutable: false, triggerable: !!desc.stream, deprecatedAndHidden: false,
      urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` }
    };
  }

  globalDescribe(v) {
    const schema = this.sim.store.schema;
    return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: schema.names().filter((n) => canSee(this.sim.store, n)).map((n) => this.objectSummary(schema.describe(n), v)) };
  }

  describe(desc, v) {
    const fields = [...desc.fields.values()].map((f) => ({
      name: f.name, label: f.label, type: f.type, nillable: f.nillable, custom: f.name.endsWith('__c'), referenceTo: f.referenceTo, relationshipName: f.relationshipName,
      polymorphicForeignKey: f.referenceTo.length > 1, length: ['string', 'textarea', 'email', 'phone', 'url', 'picklist'].includes(f.type) ? 255 : 0,
      soapType: soapType(f.type), filterable: true, groupable: f.type !== 'textarea', sortable: f.type !== 'textarea', createable: false, updateable: false, defaultedOnCreate: f.type === 'boolean'
    }));
    return { ...this.objectSummary(desc, v), fields, childRelationships: [], recordTypeInfos: [], supportedScopes: [] };
  }

  record(desc, rec, v, fieldsParam) {
    const out = { attributes: { type: desc.name, url: `/services/data/v${v}/sobjects/${desc.name}/${rec.Id}` } };
    const wanted = fieldsParam ? String(fieldsParam).split(',').map((s) => s.trim()) : [...desc.fields.values()].map((f) => f.name);
    for (const name of wanted) {
      const f = desc.fields.get(name.toLowerCase());
      if (!f) throw new ApiError('INVALID_FIELD', `No such column '${name}' on sobject of type ${desc.name}`);
      const val = rec[f.name];
      out[f.name] = val === undefined || val === null ? (f.type === 'boolean' ? false : null) : val;
    }
    return out;
  }

  checkFields(desc, body) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError('JSON_PARSER_ERROR', 'The request body must be a JSON object');
    const out = {};
    for (const [k, val] of Object.entries(body)) {
      if (k === 'attributes') continue;
      const f = desc.fields.get(k.toLowerCase());
      if (!f) throw new ApiError('INVALID_FIELD', `No such column '${k}' on sobject of type ${desc.name}`);
      // Salesforce refuses a text value longer than the field (StatusCode STRING_TOO_LONG, "data
      // value too large"), it never stores a cut value (SOAP API Developer Guide, StatusCode).
      if (f.length && typeof val === 'string' && val.length > f.length) {
        throw new ApiError('STRING_TOO_LONG', `${f.label}: data value too large: ${val.slice(0, 40)}... (max length=${f.length})`, 400, { fields: [f.name] });
      }
      if (f.name === 'Id') throw new ApiError('INVALID_FIELD_FOR_INSERT_UPDATE', 'Unable to create/update fields: Id. Please check the security settings of this field and verify that it is read/write for your profile or permission set.', 400, { fields: ['Id'] });
      out[f.name] = IDS_TYPES.has(f.type) && typeof val === 'string' && looksLikeId(val) ? canonicalId(val) : val;
    }
    return out;
  }

  create(desc, body, v) {
    if (desc.stream || desc.tooling) throw new ApiError('INVALID_TYPE_FOR_OPERATION', `entity type ${desc.name} does not support create`);
    const fields = this.checkFields(desc, body);
    const id = this.newId(desc.keyPrefix || 'a00');
    this.sim.store.insert(desc.name, { Id: id, CreatedDate: new Date().toISOString().replace('Z', '+0000'), ...fields });
    return { status: 201, body: { id, success: true, errors: [] }, headers: { Location: `/services/data/v${v}/sobjects/${desc.name}/${id}` } };
  }

  update(desc, rec, body) {
    Object.assign(rec, this.checkFields(desc, body));
    return json(204, null);
  }

  logFile(id) {
    if (!canSee(this.sim.store, 'EventLogFile')) throw notFound();
    const res = handleLogFileRequest(this.sim.store.org, id);
    if (res.status !== 200) throw notFound();
    return { status: 200, raw: res.body, headers: { 'Content-Type': res.headers['Content-Type'], 'Content-Disposition': res.headers['Content-Disposition'] } };
  }

  composite(body, v, headers) {
    const subs = body?.compositeRequest;
    if (!Array.isArray(subs) || subs.length === 0) throw new ApiError('JSON_PARSER_ERROR', 'compositeRequest is required and must contain at least one subrequest');
    if (subs.length > MAX_COMPOSITE_SUBREQUESTS) throw new ApiError('INVALID_BATCH_REQUEST', `The composite request has ${subs.length} subrequests; the maximum is ${MAX_COMPOSITE_SUBREQUESTS}.`);
    const queries = subs.filter((s) => subrequestQuery(s.url) != null).length;
    if (queries > MAX_COMPOSITE_QUERIES) throw new ApiError('INVALID_BATCH_REQUEST', `The composite request has ${queries} query subrequests; the maximum is ${MAX_COMPOSITE_QUERIES}.`);
    const seen = new Set();
    for (const s of subs) {
      if (!s.referenceId || !s.method || !s.url) throw new ApiError('JSON_PARSER_ERROR', 'Each subrequest needs method, url and referenceId');
      if (seen.has(s.referenceId)) throw new ApiError('DUPLICATE_VALUE', `Duplicate referenceId provided in the request: ${s.referenceId}`);
      seen.add(s.referenceId);
    }
    const results = {};
    const out = [];
    let halted = false;
    for (const s of subs) {
      if (halted) {
        out.push({ body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }], httpHeaders: {}, httpStatusCode: 400, referenceId: s.referenceId });
        continue;
      }
      let res;
      try {
        const url = resolveRefs(s.url, results, true);
        const subBody = s.body === undefined ? undefined : JSON.parse(resolveRefs(JSON.stringify(s.body), results, false));
        const u = new URL(url, 'http://x');
        if (!splitDataPath(u.pathname)) throw notFound();
        res = this.handleRest(String(s.method).toUpperCase(), u.pathname, Object.fromEntries(u.searchParams), subBody, headers);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        res = { status: e.status, body: e.toBody() };
      }
      results[s.referenceId] = res.body;
      out.push({ body: res.raw ?? res.body, httpHeaders: res.headers || {}, httpStatusCode: res.status, referenceId: s.referenceId });
      if (res.status >= 400 && body.allOrNone) halted = true;
    }
    return { compositeResponse: out };
  }
}

const IDS_TYPES = new Set(['id', 'reference']);

function soapType(type) {
  return { id: 'tns:ID', reference: 'tns:ID', boolean: 'xsd:boolean', int: 'xsd:int', double: 'xsd:double', date: 'xsd:date', datetime: 'xsd:dateTime', currency: 'xsd:double', percent: 'xsd:double' }[type] || 'xsd:string';
}

function batchSize(headers) {
  const m = /batchSize=(\d+)/i.exec(headers['sforce-query-options'] || '');
  return m ? Math.max(200, Math.min(2000, Number(m[1]))) : undefined;
}

/** Replaces @{ref.path[0].field} with values from earlier subrequest bodies. */
function resolveRefs(text, results, encode) {
  return String(text).replace(/@\{([^}]+)\}/g, (all, expr) => {
    const [ref, ...path] = expr.replace(/\[(\d+)\]/g, '.$1').split('.');
    if (!(ref in results)) throw new ApiError('PROCESSING_HALTED', `Invalid reference specified. No value for ${expr} found in ${ref}.`);
    let cur = results[ref];
    for (const p of path) cur = cur == null ? undefined : cur[p];
    if (cur === undefined) throw new ApiError('PROCESSING_HALTED', `Invalid reference specified. No value for ${expr} found in ${ref}.`);
    return encode ? encodeURIComponent(String(cur)) : String(cur);
  });
}
