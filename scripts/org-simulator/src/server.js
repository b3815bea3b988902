/**
 * startSimulator(): one fixture org behind an HTTP(S) server on 127.0.0.1, speaking the Salesforce
 * endpoints that @salesforce/core, `sf` and the Code42 preflight use. Counts API calls the way
 * Salesforce does, sends Sforce-Limit-Info, injects latency and faults, and logs every request.
 */
import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import selfsigned from 'selfsigned';
import { Store } from './store.js';
import { Router, splitDataPath, soqlOf, objectsOf, versionList, subrequestQuery } from './router.js';
import { ApiError, notFound } from './errors.js';
import { Faults } from './faults.js';
import { parseSoapRequest, handleMetadataCall, soapFault } from './soap.js';
import { canonicalId, createIdFactory } from './ids.js';
import { ApexRest } from './apexRest.js';

const JSON_TYPE = 'application/json;charset=UTF-8';
const XML_HEADERS = { 'Content-Type': 'text/xml;charset=UTF-8' };
const UNKNOWN_EXCEPTION = 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-89 (-1)';

export async function startSimulator({ org, pageSize = 2000, latencyMs = 0, faults = [], https: useHttps = false, apiVersion = '62.0', port = 0 } = {}) {
  if (org && !org.objects && org.org) org = org.org; // accept generateOrg()'s { org, groupsCsv }
  if (!org) throw new Error('startSimulator needs { org } (see buildDemoOrg / buildScenarioOrg / generateOrg)');
  const store = new Store(org);
  const orgId = org.objects.Organization?.[0]?.Id || '00D5g0000000001EAA';
  const accessToken = `${orgId}!${randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
  const faultList = new Faults(faults);
  const sockets = new Set();
  const timers = new Set();
  const requests = [];
  let used = 0;

  const sim = {
    store,
    apiVersion,
    pageSize,
    orgId,
    instanceUrl: '',
    accessToken,
    requests,
    get org() {
      return store.org;
    },
    apiCalls: () => requests.filter((r) => r.apiCall).length,
    writeRequests: () => requests.filter((r) => r.write),
    resetLog() {
      requests.length = 0;
    },
    setFaults(list) {
      faultList.set(list);
    },
    /** How often each fault set has fired, in order. */
    faultsFired: () => faultList.fired(),
    /** An api-error fault for this REST resource ({ path, soql }): the router answers it (or its subrequest) with it. */
    takeResourceFault: (req) => faultList.takeResource(req),
    setLatency(ms) {
      latencyMs = ms;
    },
    /** DailyApiRequests as Salesforce reports it now: { Max, Remaining } with this run's calls spent. */
    limitsNow() {
      const d = store.org.limits?.DailyApiRequests || { Max: 15000, Remaining: 15000 };
      return { Max: d.Max, Remaining: Math.max(0, d.Remaining - used) };
    }
  };
  const router = new Router(sim);
  const apexRest = new ApexRest(sim, createIdFactory('Zw'));

  const delay = (ms) => new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });

  async function handle(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url.replace(/\/{2,}/g, '/'), 'http://localhost');
    const path = url.pathname.replace(/(.)\/$/, '$1');
    const query = Object.fromEntries(url.searchParams);
    const method = req.method.toUpperCase();
    const isSoap = /^\/services\/Soap\/m\/\d+\.\d$/.test(path);
    const data = splitDataPath(path);
    const isApexRest = apexRest.handles(path);
    let body;
    let bodyError;
    if (raw && !isSoap) {
      try {
        body = JSON.parse(raw);
      } catch (e) {
        bodyError = e;
      }
    }
    const soqls = data ? soqlOf(path, query, body) : [];
    const compositeSubs = data && /\/composite$/.test(path) && Array.isArray(body?.compositeRequest) ? body.compositeRequest : null;
    const entry = {
      method, path, query, soql: data && query.q ? query.q : undefined,
      apiCall: !!data || isSoap || isApexRest,
      write: (isApexRest && method !== 'GET') || isWrite(method, path, data) || !!compositeSubs?.some((s) => String(s.method).toUpperCase() !== 'GET'),
      status: null,
      startedAt: Date.now(),
      ms: null,
      ...(compositeSubs ? { subrequests: compositeSubs.map((s) => ({ method: s.method, url: s.url, soql: subrequestQuery(s.url) ?? undefined })) } : {}),
      ...(isSoap ? { soap: true } : {})
    };
    requests.push(entry);
    const send = (status, payload, headers = {}) => {
      entry.status = status;
      entry.ms = Date.now() - entry.startedAt;
      if (res.destroyed) return;
      const h = { ...headers };
      if (data && entry.apiCall) {
        const l = sim.limitsNow();
        h['Sforce-Limit-Info'] = `api-usage=${l.Max - l.Remaining}/${l.Max}`;
      }
      const text = payload == null ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
      if (!h['Content-Type'] && text) h['Content-Type'] = JSON_TYPE;
      if (bodyFault) return sendFaulty(status, h, Buffer.from(text, 'utf8'));
      res.writeHead(status, h);
      res.end(text);
    };
    // A fault on the body of the real answer: cut off after some bytes, or dripped slowly.
    let bodyFault;
    const sendFaulty = (status, h, bytes) => {
      const fault = bodyFault;
      res.writeHead(status, { ...h, 'Content-Length': String(bytes.length) });
      if (fault.kind === 'close') {
        res.write(bytes.subarray(0, Math.min(bytes.length, fault.afterBytes ?? 0)), () => res.socket?.destroy());
        return undefined;
      }
      const step = Math.max(1, fault.chunkBytes ?? 1);
      let at = 0;
      const drip = () => {
        if (res.destroyed) return;
        if (at >= bytes.length) return res.end();
        res.write(bytes.subarray(at, at + step));
        at += step;
        const t = setTimeout(() => {
          timers.delete(t);
          drip();
        }, fault.intervalMs ?? 1000);
        timers.add(t);
      };
      drip();
      return undefined;
    };
    const sendError = (e) => send(e.status, e.toBody());
    // Refused requests are not API calls.
    const rejectSession = () => {
      entry.apiCall = false;
      if (isSoap) return send(500, soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session'), XML_HEADERS);
      return send(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    };
    const refuseOverLimit = () => {
      entry.apiCall = false;
      return send(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    };

    if (latencyMs > 0) await delay(latencyMs);
    store.refresh();

    let sessionId;
    let soapCall;
    if (isSoap) {
      try {
        soapCall = parseSoapRequest(raw);
        sessionId = soapCall.sessionId;
      } catch {
        entry.apiCall = false;
        return send(500, soapFault('INVALID_SOAP_REQUEST', 'Could not parse the SOAP request'), XML_HEADERS);
      }
      if (soapCall.method === 'readMetadata') entry.write = false;
    }

    const fault = faultList.take({ path, objects: objectsOf(soqls), soap: isSoap, method });
    if (fault) {
      entry.fault = fault.kind;
      if (fault.kind === 'hang') return;
      if (fault.kind === 'slow') await delay(fault.delayMs ?? 2000);
      if (fault.kind === 'invalid-session') return rejectSession();
      if (fault.kind === 'request-limit') return refuseOverLimit();
      if (fault.kind === 'server-error') {
        if (entry.apiCall) used++;
        const status = fault.status ?? 500;
        if (isSoap) return send(status, soapFault('UNKNOWN_EXCEPTION', UNKNOWN_EXCEPTION), XML_HEADERS);
        return send(status, [{ message: UNKNOWN_EXCEPTION, errorCode: 'UNKNOWN_EXCEPTION' }]);
      }
      if (fault.kind === 'unavailable') {
        // Not counted: the request was not processed.
        entry.apiCall = false;
        const retry = { 'Retry-After': String(fault.retryAfter ?? 1) };
        const message = 'The server is temporarily unable to service your request. Please try again later.';
        if (isSoap) return send(503, soapFault('SERVER_UNAVAILABLE', message), { ...XML_HEADERS, ...retry });
        return send(503, [{ message, errorCode: 'SERVER_UNAVAILABLE' }], retry);
      }
      if (fault.kind === 'malformed') {
        if (entry.apiCall) used++;
        return send(200, '{"totalSize": 3, "done": true, "records": [{"attributes": {"type"', { 'Content-Type': JSON_TYPE });
      }
      if (fault.kind === 'html') {
        entry.apiCall = false;
        const page = '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>We are down for maintenance</h1><p>Please try again later.</p></body></html>';
        return send(fault.status ?? 200, page, { 'Content-Type': 'text/html;charset=UTF-8' });
      }
      if (fault.kind === 'garbage') {
        if (entry.apiCall) used++;
        return send(200, '\u0000\u001f\u008b\u0008 PK\u0003\u0004 %%%% not json }{', { 'Content-Type': isSoap ? XML_HEADERS['Content-Type'] : JSON_TYPE });
      }
      if (fault.kind === 'empty') {
        if (entry.apiCall) used++;
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': isSoap ? XML_HEADERS['Content-Type'] : JSON_TYPE, 'Content-Length': '0' });
        return res.end();
      }
      if (fault.kind === 'close' && !fault.afterBytes) {
        entry.apiCall = false;
        res.socket?.destroy();
        return;
      }
      if (fault.kind === 'close' || fault.kind === 'drip') bodyFault = fault;
    }

    // The version list needs no session.
    if (path === '/services/data' && method === 'GET') {
      entry.apiCall = false;
      return send(200, versionList(apiVersion));
    }
    const token = isSoap ? sessionId : /^Bearer\s+(.+)$/i.exec(req.headers.authorization || '')?.[1]?.trim();
    if (token !== accessToken) return rejectSession();
    if (entry.apiCall) {
      if (sim.limitsNow().Remaining <= 0) return refuseOverLimit();
      used++;
    }

    try {
      if (isSoap) {
        const out = handleMetadataCall(store, soapCall);
        return send(out.status, out.xml, XML_HEADERS);
      }
      if (path === '/services/oauth2/userinfo') return send(200, userinfo());
      const idm = /^\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})$/.exec(path);
      if (idm) return send(200, identity());
      if (isApexRest) {
        if (bodyError) throw new ApiError('JSON_PARSER_ERROR', `Unexpected character: ${bodyError.message}`);
        const out = apexRest.handle(method, path);
        return send(out.status, out.body);
      }
      if (!data) throw notFound();
      if (bodyError) throw new ApiError('JSON_PARSER_ERROR', `Unexpected character: ${bodyError.message}`);
      const out = router.handleRest(method, path, query, body, lowerHeaders(req.headers));
      if (out.status >= 400) entry.write = false;
      return send(out.status, out.raw ?? out.body, out.headers || {});
    } catch (e) {
      if (e instanceof ApiError) {
        entry.write = false;
        return sendError(e);
      }
      return send(500, [{ message: `Simulator error: ${e.message}`, errorCode: 'UNKNOWN_EXCEPTION' }]);
    }
  }

  function currentUser() {
    const id = canonicalId(store.org.currentUserId);
    return store.lookup(id, ['User'])?.record || { Id: id, Username: 'admin@example.com', Name: 'Admin' };
  }

  function urls() {
    const base = sim.instanceUrl;
    const u = currentUser();
    return {
      enterprise: `${base}/services/Soap/c/{version}/${orgId}`, metadata: `${base}/services/Soap/m/{version}/${orgId}`, partner: `${base}/services/Soap/u/{version}/${orgId}`,
      rest: `${base}/services/data/v{version}/`, sobjects: `${base}/services/data/v{version}/sobjects/`, search: `${base}/services/data/v{version}/search/`,
      query: `${base}/services/data/v{version}/query/`, recent: `${base}/services/data/v{version}/recent/`, tooling_soap: `${base}/services/Soap/T/{version}/${orgId}`,
      tooling_rest: `${base}/services/data/v{version}/tooling/`, profile: `${base}/${u.Id}`, feeds: `${base}/services/data/v{version}/chatter/feeds`,
      groups: `${base}/services/data/v{version}/chatter/groups`, users: `${base}/services/data/v{version}/chatter/users`, feed_items: `${base}/services/data/v{version}/chatter/feed-items`,
      feed_elements: `${base}/services/data/v{version}/chatter/feed-elements`, custom_domain: base
    };
  }

  function userinfo() {
    const u = currentUser();
    return {
      sub: `${sim.instanceUrl}/id/${orgId}/${u.Id}`, user_id: u.Id, organization_id: orgId, preferred_username: u.Username, nickname: u.Alias || 'admin', name: u.Name,
      email: u.Email || u.Username, email_verified: true, given_name: u.FirstName || '', family_name: u.LastName || '', zoneinfo: u.TimeZoneSidKey || 'America/Los_Angeles',
      photos: { picture: `${sim.instanceUrl}/profilephoto/005/F`, thumbnail: `${sim.instanceUrl}/profilephoto/005/T` }, profile: `${sim.instanceUrl}/${u.Id}`, picture: `${sim.instanceUrl}/profilephoto/005/F`,
      address: { country: 'US' }, is_salesforce_integration_user: false, urls: urls(), active: u.IsActive !== false, user_type: 'STANDARD', language: 'en_US', locale: 'en_US', utcOffset: -28800000,
      updated_at: '2025-01-01T00:00:00Z', is_app_installed: true
    };
  }

  function identity() {
    const u = currentUser();
    return {
      id: `${sim.instanceUrl}/id/${orgId}/${u.Id}`, asserted_user: true, user_id: u.Id, organization_id: orgId, username: u.Username, nick_name: u.Alias || 'admin', display_name: u.Name,
      email: u.Email || u.Username, email_verified: true, first_name: u.FirstName || '', last_name: u.LastName || '', timezone: u.TimeZoneSidKey || 'America/Los_Angeles',
      photos: { picture: `${sim.instanceUrl}/profilephoto/005/F`, thumbnail: `${sim.instanceUrl}/profilephoto/005/T` }, addr_street: null, addr_city: null, addr_state: null, addr_country: 'US', addr_zip: null,
      mobile_phone: null, mobile_phone_verified: false, is_lightning_login_user: false, status: { created_date: null, body: null }, urls: urls(), active: u.IsActive !== false,
      user_type: 'STANDARD', language: 'en_US', locale: 'en_US', utcOffset: -28800000, last_modified_date: '2025-01-01T00:00:00.000+0000', is_app_installed: true
    };
  }

  let server;
  let certificate;
  const onRequest = (req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': JSON_TYPE });
        res.end(JSON.stringify([{ message: `Simulator error: ${e.message}`, errorCode: 'UNKNOWN_EXCEPTION' }]));
      }
    });
  };
  if (useHttps) {
    const pems = selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
      days: 30, keySize: 2048, algorithm: 'sha256',
      extensions: [{ name: 'basicConstraints', cA: true }, { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }]
    });
    certificate = pems.cert;
    server = https.createServer({ key: pems.private, cert: pems.cert }, onRequest);
  } else {
    server = http.createServer(onRequest);
  }
  server.keepAliveTimeout = 5000;
  // stop() destroys every open socket (with HTTPS both the TCP and the TLS one), so a hung request ends too.
  const track = (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  server.on('connection', track);
  if (useHttps) server.on('secureConnection', track);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actualPort } = server.address();
  sim.port = actualPort;
  sim.instanceUrl = `${useHttps ? 'https' : 'http'}://127.0.0.1:${actualPort}`;
  sim.certificate = certificate;
  let stopped;
  sim.stop = () => (stopped ||= new Promise((resolve) => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
    server.closeAllConnections?.();
  }));
  return sim;
}

function lowerHeaders(h) {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/** Would this request change data? Composite counts as a write only when a subrequest is not a GET. */
function isWrite(method, path, data) {
  if (!data || method === 'GET' || method === 'HEAD') return false;
  if (/\/composite$/.test(path)) return false;
  return ['POST', 'PATCH', 'PUT', 'DELETE'].includes(method);
}
