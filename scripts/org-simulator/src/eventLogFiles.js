/**
 * Insufficient Access event log files, as Salesforce Event Monitoring serves them.
 *
 * Salesforce records every "insufficient access" error in EventLogFile records of type
 * `InsufficientAccess` (one file per hour with events when hourly logs are on, and one file per
 * day); each record's log file is a CSV downloaded with
 * `GET /services/data/vNN.0/sobjects/EventLogFile/{id}/LogFile`.
 *
 *   generateInsufficientAccessEvents(options)   the rows, as objects (deterministic for a seed)
 *   toInsufficientAccessCsv(events)             CSV text in Salesforce's format
 *   generateInsufficientAccessLog(options)      both of the above in one call
 *   addInsufficientAccessLogs(org, options)     EventLogFile records + file bodies in a fixture org
 *   handleLogFileRequest(org, id)               the answer to the LogFile download
 *
 * The format follows Salesforce's files: a quoted header row, every value quoted, CRLF-free
 * "\n" line ends, TIMESTAMP as yyyyMMddHHmmss.SSS (GMT), 15-character USER_ID,
 * ACTUAL_LOGGED_IN_USER_ID and ORGANIZATION_ID, then the derived columns TIMESTAMP_DERIVED
 * (ISO-8601) and USER_ID_DERIVED (18 characters).
 */
import { BASE62, createIdFactory, canonicalId } from './ids.js';
import { seededRandom } from './fixtures/model.js';
import { formatDateTime } from './soql/dates.js';
import { SERVICE_PERMISSION_SET, SERVICE_PROFILE } from './rules.js';

export const INSUFFICIENT_ACCESS_EVENT_TYPE = 'InsufficientAccess';

/** Columns of an InsufficientAccess log file, in file order, with Salesforce's field types. */
export const INSUFFICIENT_ACCESS_COLUMNS = [
  ['EVENT_TYPE', 'String'],
  ['TIMESTAMP', 'String'],
  ['REQUEST_ID', 'String'],
  ['ORGANIZATION_ID', 'Id'],
  ['USER_ID', 'Id'],
  ['ACTUAL_LOGGED_IN_USER_ID', 'Id'],
  ['ACCESS_ERROR', 'String'],
  ['ENTITY_TYPE', 'String'],
  ['RECORD_ID', 'String'],
  ['REQUESTED_ACCESS_LEVEL', 'String'],
  ['ERROR_DESCRIPTION', 'String'],
  ['ERROR_TIMESTAMP', 'String'],
  ['TIMESTAMP_DERIVED', 'DateTime'],
  ['USER_ID_DERIVED', 'Id']
];

const ENTITY_PREFIX = { Account: '001', Contact: '003', Opportunity: '006', Case: '500' };
const ENTITIES = ['Account', 'Case', 'Contact', 'Opportunity'];
const ACCESS_LEVELS = ['READ', 'WRITE', 'DELETE', 'FULL', 'TRANSFER'];
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

function randomBase62(rand, length) {
  let s = '';
  for (let i = 0; i < length; i++) s += BASE62[Math.floor(rand() * 62)];
  return s;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Salesforce's TIMESTAMP format: yyyyMMddHHmmss.SSS in GMT. */
export function formatLogTimestamp(ms) {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

function userIdOf(user) {
  return typeof user === 'string' ? user : user.Id || user.id;
}

/**
 * Deterministic InsufficientAccess rows.
 *   rows        how many events (default 100)
 *   users       user Ids (15 or 18 characters) or records with `Id`; a record may carry
 *               `weight` (default 1) to make some users hit errors more often
 *   orgId       the organization Id (15 or 18 characters)
 *   startDate   first possible event time (Date, ISO string or ms; default: now minus one hour)
 *   durationMs  events fall in [startDate, startDate + durationMs) (default one hour)
 *   seed        PRNG seed (default 1)
 * Returned rows are sorted by time; their keys are the file's columns.
 */
export function generateInsufficientAccessEvents({
  rows = 100,
  users,
  orgId,
  startDate = Date.now() - HOUR,
  durationMs = HOUR,
  seed = 1
} = {}) {
  if (!Array.isArray(users) || users.length === 0) throw new Error('generateInsufficientAccessEvents: users is required');
  if (typeof orgId !== 'string' || orgId.length < 15) throw new Error('generateInsufficientAccessEvents: orgId is required');
  const rand = seededRandom(seed);
  const start = new Date(startDate).getTime();
  const org15 = orgId.slice(0, 15);
  const weighted = [];
  for (const u of users) {
    const id18 = canonicalId(userIdOf(u));
    const weight = Math.max(1, Math.round(typeof u === 'object' && u.weight ? u.weight : 1));
    for (let i = 0; i < weight; i++) weighted.push(id18);
  }
  const times = [];
  for (let i = 0; i < rows; i++) times.push(start + Math.floor(rand() * durationMs));
  times.sort((a, b) => a - b);

  const events = [];
  let requestId = randomBase62(rand, 22);
  for (let i = 0; i < rows; i++) {
    const userId18 = rand.pick(weighted);
    const accessError = weightedError(rand());
    const entity = rand.pick(ENTITIES);
    const level = accessError === 'NO_ACCESS' ? rand.pick(ACCESS_LEVELS) : rand.pick(['READ', 'WRITE']);
    // A failed ownership transfer: the teammate (USER_ID) lacked access, another user acted.
    const actor18 = level === 'TRANSFER' && weighted.length > 1 ? rand.pick(weighted.filter((u) => u !== userId18)) : userId18;
    const recordId = ENTITY_PREFIX[entity] + randomBase62(rand, 12);
    // Most transactions log one event; now and then one transaction logs a few.
    if (rand() > 0.15) requestId = randomBase62(rand, 22);
    const ts = formatLogTimestamp(times[i]);
    events.push({
      EVENT_TYPE: INSUFFICIENT_ACCESS_EVENT_TYPE,
      TIMESTAMP: ts,
      REQUEST_ID: requestId,
      ORGANIZATION_ID: org15,
      USER_ID: userId18.slice(0, 15),
      ACTUAL_LOGGED_IN_USER_ID: actor18.slice(0, 15),
      ACCESS_ERROR: accessError,
      ENTITY_TYPE: entity,
      RECORD_ID: recordId,
      REQUESTED_ACCESS_LEVEL: level,
      ERROR_DESCRIPTION: describe(accessError, userId18.slice(0, 15), recordId, level, entity),
      ERROR_TIMESTAMP: ts,
      TIMESTAMP_DERIVED: new Date(times[i]).toISOString(),
      USER_ID_DERIVED: userId18
    });
  }
  return events;
}

function weightedError(r) {
  if (r < 0.78) return 'NO_ACCESS';
  if (r < 0.95) return 'DATA_NOT_AVAILABLE';
  return 'INVALID_TYPE';
}

function describe(accessError, user15, recordId, level, entity) {
  if (accessError === 'NO_ACCESS') {
    return `User ${user15} doesn't have ${level.toLowerCase()} access for the record ${recordId}.`;
  }
  if (accessError === 'DATA_NOT_AVAILABLE') return `The ${entity} record ${recordId} is no longer available.`;
  return `The record type of ${entity} record ${recordId} doesn't exist.`;
}

const quote = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;

/** CSV text in Salesforce's EventLogFile format for the given rows. */
export function toInsufficientAccessCsv(events) {
  const names = INSUFFICIENT_ACCESS_COLUMNS.map(([n]) => n);
  const lines = [names.map(quote).join(',')];
  for (const e of events) lines.push(names.map((n) => quote(e[n])).join(','));
  return lines.join('\n') + '\n';
}

/**
 * Damages CSV text the way broken downloads and broken files look:
 *   'truncated'  cut inside a quoted value two thirds of the way in (no final line end)
 *   'garbled'    a line in the middle loses its closing quote and half its columns
 */
export function corruptCsv(text, kind = 'truncated') {
  if (kind === 'garbled') {
    const lines = text.split('\n');
    const mid = Math.max(1, Math.floor(lines.length / 2));
    lines[mid] = lines[mid].slice(0, Math.floor(lines[mid].length / 2)).replace(/"$/, '') + '"unterminated';
    return lines.join('\n');
  }
  let cut = Math.floor(text.length * (2 / 3));
  // Land inside a value: right after an opening quote plus a few characters.
  const open = text.indexOf(',"', cut);
  if (open > 0 && open + 5 < text.length) cut = open + 5;
  return text.slice(0, cut);
}

/**
 * Realistic InsufficientAccess CSV text.
 * Options as generateInsufficientAccessEvents, plus `corrupt`: false (default), true or
 * 'truncated', or 'garbled'.
 */
export function generateInsufficientAccessLog({ corrupt = false, ...options } = {}) {
  const text = toInsufficientAccessCsv(generateInsufficientAccessEvents(options));
  if (!corrupt) return text;
  return corruptCsv(text, corrupt === true ? 'truncated' : corrupt);
}

function serviceUserIds(org) {
  const objects = org.objects || {};
  const psIds = new Set(
    (objects.PermissionSet || []).filter((p) => p.Name === SERVICE_PERMISSION_SET).map((p) => p.Id)
  );
  const profileIds = new Set((objects.Profile || []).filter((p) => p.Name === SERVICE_PROFILE).map((p) => p.Id));
  const ids = new Set((objects.PermissionSetAssignment || []).filter((a) => psIds.has(a.PermissionSetId)).map((a) => a.AssigneeId));
  for (const u of objects.User || []) if (profileIds.has(u.ProfileId)) ids.add(u.Id);
  return [...ids];
}

function defaultUsers(org) {
  const users = (org.objects?.User || []).filter((u) => u.IsActive !== false);
  const service = new Set(serviceUserIds(org));
  const picked = users.filter((u) => service.has(u.Id)).map((u) => ({ Id: u.Id, weight: 4 }));
  for (const u of users) {
    if (picked.length >= 12) break;
    if (!service.has(u.Id)) picked.push({ Id: u.Id, weight: 1 });
  }
  return picked;
}

function orgIdOf(org) {
  return org.objects?.Organization?.[0]?.Id || org.organizationId || org.orgId || '00D5g000000DemoAAA';
}

/**
 * Adds InsufficientAccess EventLogFile records to a fixture org and stores their bodies in
 * `org.logFiles[id]` (CSV text). Per UTC day in the window:
 *   - one Hourly file for each hour that has events (when `hourly` is on),
 *   - one Daily file holding the same events as that day's hourly files, except for the
 *     newest day (Salesforce writes the daily file after the day ends).
 * One file is damaged when `corrupt` is on (default: the oldest Daily file, truncated), so
 * the command's "problems" list has something to show.
 *
 * options:
 *   days (3)              how many UTC days, ending with the day of `endDate`
 *   endDate (now)         Date, ISO string or ms
 *   eventsPerDay (240)    average events per day (each day varies by +-25%)
 *   users                 user Ids or {Id, weight} (default: service users weighted 4, plus
 *                         up to 11 other active users)
 *   hourly (true)         write hourly files too
 *   corrupt (true)        false | true | 'truncated' | 'garbled'
 *   seed (42), apiVersion (64.0), newId (id factory; default org.newId or a private one)
 * Returns { records, events } (the EventLogFile records added, and every generated event).
 */
export function addInsufficientAccessLogs(org, options = {}) {
  const {
    days = 3,
    endDate = Date.now(),
    eventsPerDay = 240,
    hourly = true,
    corrupt = true,
    seed = 42,
    apiVersion = 64.0
  } = options;
  const users = options.users || defaultUsers(org);
  if (!users.length) throw new Error('addInsufficientAccessLogs: the org has no active users to log errors for');
  const orgId = orgIdOf(org);
  const newId =
    options.newId || (typeof org.newId === 'function' ? org.newId.bind(org) : (org.__eventLogIds ||= createIdFactory('Ev')));
  org.objects ||= {};
  org.objects.EventLogFile ||= [];
  org.logFiles ||= {};
  const rand = seededRandom(seed);
  const fieldNames = INSUFFICIENT_ACCESS_COLUMNS.map(([n]) => n).join(',');
  const fieldTypes = INSUFFICIENT_ACCESS_COLUMNS.map(([, t]) => t).join(',');
  const endDay = Math.floor(new Date(endDate).getTime() / DAY) * DAY;
  const now = new Date(endDate).getTime();
  const records = [];
  const allEvents = [];

  const addFile = (logDate, interval, sequence, text, fullLength) => {
    const id = newId('EventLogFile');
    const created = formatDateTime(logDate + (interval === 'Daily' ? DAY + 2 * HOUR : HOUR + 20 * 60 * 1000));
    const record = {
      attributes: { type: 'EventLogFile', url: `/services/data/v${apiVersion.toFixed(1)}/sobjects/EventLogFile/${id}` },
      Id: id,
      IsDeleted: false,
      EventType: INSUFFICIENT_ACCESS_EVENT_TYPE,
      LogDate: formatDateTime(logDate),
      Interval: interval,
      Sequence: sequence,
      // What Salesforce wrote, in bytes; a damaged body is shorter than this.
      LogFileLength: fullLength,
      LogFileContentType: 'CSV',
      LogFileFieldNames: fieldNames,
      LogFileFieldTypes: fieldTypes,
      ApiVersion: apiVersion,
      LogFile: `/services/data/v${apiVersion.toFixed(1)}/sobjects/EventLogFile/${id}/LogFile`,
      CreatedDate: created,
      SystemModstamp: created
    };
    org.objects.EventLogFile.push(record);
    org.logFiles[id] = text;
    records.push(record);
    return record;
  };

  let corruptDone = !corrupt;
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = endDay - d * DAY;
    const isNewestDay = d === 0;
    const dayEnd = isNewestDay ? Math.min(now, dayStart + DAY) : dayStart + DAY;
    const count = Math.max(1, Math.round(eventsPerDay * (0.75 + rand() * 0.5) * ((dayEnd - dayStart) / DAY)));
    const events = generateInsufficientAccessEvents({
      rows: count,
      users,
      orgId,
      startDate: dayStart,
      durationMs: Math.max(1, dayEnd - dayStart),
      seed: seed * 1000 + d
    });
    allEvents.push(...events);
    if (hourly) {
      const byHour = new Map();
      for (const e of events) {
        const h = Math.floor(Date.parse(e.TIMESTAMP_DERIVED) / HOUR) * HOUR;
        if (!byHour.has(h)) byHour.set(h, []);
        byHour.get(h).push(e);
      }
      for (const [h, hourEvents] of [...byHour].sort((a, b) => a[0] - b[0])) {
        const text = toInsufficientAccessCsv(hourEvents);
        addFile(h, 'Hourly', 1, text, Buffer.byteLength(text));
      }
    }
    if (!isNewestDay) {
      const full = toInsufficientAccessCsv(events);
      let body = full;
      if (!corruptDone) {
        body = corruptCsv(full, corrupt === true ? 'truncated' : corrupt);
        corruptDone = true;
      }
      addFile(dayStart, 'Daily', 1, body, Buffer.byteLength(full));
    }
  }
  return { records, events: allEvents };
}

/**
 * The answer to `GET /services/data/vNN.0/sobjects/EventLogFile/{id}/LogFile`.
 * `id` may be the 15- or 18-character Id. Unknown Ids get Salesforce's 404 NOT_FOUND.
 * Returns { status, headers, body } with body a string.
 */
export function handleLogFileRequest(org, id) {
  const wanted = typeof id === 'string' ? canonicalId(id).toLowerCase() : '';
  const record = (org.objects?.EventLogFile || []).find((r) => canonicalId(r.Id).toLowerCase() === wanted);
  const body = record ? org.logFiles?.[record.Id] : undefined;
  if (!record || typeof body !== 'string') {
    const error = JSON.stringify([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    return {
      status: 404,
      headers: { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(error)) },
      body: error
    };
  }
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/csv',
      'Content-Length': String(Buffer.byteLength(body)),
      'Content-Disposition': `attachment; filename="${record.Id}.csv"`
    },
    body
  };
}
