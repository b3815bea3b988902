/**
 * Salesforce record Ids: 15-character case-sensitive Ids and their 18-character case-safe form.
 * The three suffix characters encode, for each 5-character chunk, which characters are upper case.
 * The 15 -> 18 conversion itself is the rules package's `toId18` (one definition for the plugin,
 * the dashboard and the simulator); this file adds what only an org does: restoring the case of an
 * 18-character Id typed in any case, validating a suffix, and making new Ids.
 */
import { ID18_SUFFIX_ALPHABET, toId18 } from '@code42-companion/rules';

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The Id exactly as Salesforce returns it: a 15-character Id gets its case-safe suffix, an
 * 18-character one has the case of its first 15 characters restored; anything else is returned as is.
 */
export function canonicalId(id) {
  if (typeof id !== 'string') return id;
  if (id.length === 15) return toId18(id);
  if (id.length === 18) return canonicalId18(id);
  return id;
}

/** Restores the case of an 18-character Id from its suffix (Salesforce treats 18-char Ids case-insensitively). */
export function canonicalId18(id18) {
  const suffix = id18.slice(15).toUpperCase();
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = ID18_SUFFIX_ALPHABET.indexOf(suffix[chunk]);
    if (bits < 0) return id18;
    for (let i = 0; i < 5; i++) {
      const ch = id18[chunk * 5 + i];
      out += bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  return out + suffix;
}

/** True when `id` is a well-formed 18-character Id whose suffix matches its first 15 characters. */
export function isValidId18(id) {
  return typeof id === 'string' && /^[a-zA-Z0-9]{18}$/.test(id) && toId18(id.slice(0, 15)) === id;
}

/** Looks like a Salesforce Id (15 or 18 alphanumerics). */
export function looksLikeId(value) {
  return typeof value === 'string' && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value);
}

function base62(n, width) {
  let s = '';
  do {
    s = BASE62[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}

/** Key prefixes of the objects the simulator knows (Salesforce's real ones). */
export const KEY_PREFIXES = {
  Organization: '00D',
  User: '005',
  Profile: '00e',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  PermissionSetGroup: '0PG',
  PermissionSetGroupComponent: '0PH',
  MutingPermissionSet: '0QM',
  PermissionSetLicense: '0PL',
  PermissionSetLicenseAssign: '2LA',
  Group: '00G',
  GroupMember: '011',
  UserRole: '00E',
  UserLicense: '100',
  UserLogin: '060',
  LoginHistory: '0Ya',
  AuthSession: '0Ak',
  EventLogFile: '0AT',
  LoginEvent: '0Lg',
  LogoutEvent: '0Lv',
  ReportEvent: '0Rr',
  EntityDefinition: '000',
  // Scheduled jobs (the watch): CronTrigger 08e, CronJobDetail 0Ao.
  CronTrigger: '08e',
  CronJobDetail: '0Ao',
  ConnectedApplication: '0H4',
  SetupEntityAccess: '0J0'
};

/** Object name for an Id, from its key prefix (first match). */
export function objectForId(id) {
  if (typeof id !== 'string') return undefined;
  const prefix = id.slice(0, 3);
  return Object.keys(KEY_PREFIXES).find((k) => KEY_PREFIXES[k] === prefix);
}

/**
 * Makes sequential, valid 18-character Ids, like a real pod would: prefix + 2-char instance + '0' + counter.
 * One factory per org keeps Ids unique and deterministic.
 */
export function createIdFactory(instance = '5g') {
  const counters = new Map();
  return function newId(objectOrPrefix) {
    const prefix = KEY_PREFIXES[objectOrPrefix] || objectOrPrefix;
    if (!/^[a-zA-Z0-9]{3}$/.test(prefix)) throw new Error(`No key prefix for ${objectOrPrefix}`);
    const n = (counters.get(prefix) || 0) + 1;
    counters.set(prefix, n);
    const id15 = prefix + instance + '0' + base62(n, 9);
    return toId18(id15);
  };
}
