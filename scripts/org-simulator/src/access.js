/**
 * Who may see what: the running user's permissions (org.currentUserId, through its permission set
 * assignments: profile-owned permission sets, permission sets and permission set group aggregates)
 * and the rules Salesforce documents for the objects the Code42 tools read. The simulator answers a
 * hidden object the way Salesforce does for an object the user may not see: describe 404 NOT_FOUND,
 * query 400 INVALID_TYPE ("sObject type 'X' is not supported"), readMetadata the SOAP fault
 * sf:INSUFFICIENT_ACCESS.
 *
 * A fixture without currentUserId (or whose running user has no assignment) sees everything, as
 * before these rules existed.
 */

/** The permission field label that finds View Real-Time Event Monitoring Data (its API name is unpublished). */
export const VRTEM_LABEL = 'View Real-Time Event Monitoring Data';

const REAL_TIME_EVENT_RULE = {
  vrtem: true,
  source:
    'ReportEventStream (Platform Events Developer Guide), Special Access Rules: "Accessing this object requires either the Salesforce Shield or Salesforce Event Monitoring add-on subscription and the View Real-Time Event Monitoring Data user permission." The LoginEvent, LogoutEvent, ReportEvent and stream pages say the same.'
};

/**
 * Objects the running user may see only with one of `anyOf` (permission API names without the
 * `Permissions` prefix), or, for `vrtem`, with the permission field labelled VRTEM_LABEL.
 */
export const OBJECT_ACCESS_RULES = {
  AuthSession: { anyOf: ['ManageUsers'], source: 'AuthSession (Object Reference): "To access the AuthSession object, users must have the Manage Users permission."' },
  UserLogin: { anyOf: ['ManageUsers'], source: 'UserLogin (Object Reference): reading frozen and locked state needs the Manage Users permission.' },
  LoginHistory: { anyOf: ['ManageUsers', 'MonitorLoginHistory'], source: 'LoginHistory (Object Reference): Manage Users; the Monitor Login History permission also grants it.' },
  EventLogFile: { anyOf: ['ViewEventLogFiles', 'ViewAllData'], source: 'EventLogFile (Object Reference): "requires View Event Log Files and API Enabled" (View All Data also grants it).' },
  // The objects behind the authorization checks. An object the user may not read answers
  // INVALID_TYPE, as Salesforce does for entities it hides (UNCONFIRMED for these two: fixture-chosen).
  SetupEntityAccess: {
    anyOf: ['ViewSetup', 'ModifyAllData'],
    source: 'SetupEntityAccess (Object Reference): "As of Spring \'20 and later, only users with \'View Setup and Configuration\' permission can access this object."'
  },
  ConnectedApplication: {
    anyOf: ['CustomizeApplication', 'ModifyAllData'],
    source: 'Connected Apps (Salesforce Help), User Permissions Needed: "To read: Customize Application".'
  },
  LoginEvent: REAL_TIME_EVENT_RULE,
  LogoutEvent: REAL_TIME_EVENT_RULE,
  ReportEvent: REAL_TIME_EVENT_RULE,
  LoginEventStream: REAL_TIME_EVENT_RULE,
  LogoutEventStream: REAL_TIME_EVENT_RULE,
  ReportEventStream: REAL_TIME_EVENT_RULE
};

/**
 * readMetadata (Metadata API Developer Guide): "must be logged in with the Modify All Data or Modify
 * Metadata Through Metadata API Functions permission". Code42's permission table says Customize
 * Application is enough to read RealTimeEventSettings; the simulator follows Salesforce's text.
 */
export const METADATA_READ_PERMISSIONS = ['ModifyAllData', 'ModifyMetadata'];

/** The org's permission field (on PermissionSet) whose describe label is VRTEM_LABEL, or undefined (no add-on). */
export function vrtemFieldName(schema) {
  const desc = schema.describe('PermissionSet');
  if (!desc) return undefined;
  for (const f of desc.fields.values()) if (f.name.startsWith('Permissions') && f.label === VRTEM_LABEL) return f.name;
  return undefined;
}

/**
 * The running user's permissions as a Set of field names (`PermissionsX`), or null when the fixture
 * names no running user with assignments (no enforcement).
 */
export function runningUserPermissions(store) {
  const org = store.org;
  if (!org.currentUserId) return null;
  const now = Date.now();
  const psIds = new Set();
  for (const a of store.records('PermissionSetAssignment')) {
    if (a.AssigneeId !== org.currentUserId || a.IsActive === false) continue;
    if (a.ExpirationDate && Date.parse(String(a.ExpirationDate).replace(/\+0000$/, 'Z')) < now) continue;
    psIds.add(a.PermissionSetId);
  }
  if (psIds.size === 0) return null;
  const perms = new Set();
  for (const ps of store.records('PermissionSet')) {
    if (!psIds.has(ps.Id)) continue;
    for (const k in ps) if (k.startsWith('Permissions') && ps[k] === true) perms.add(k);
  }
  return perms;
}

/** Does the running user hold any of `names` (without the `Permissions` prefix)? */
export function holdsAny(store, names) {
  const perms = runningUserPermissions(store);
  return !perms || names.some((n) => perms.has(`Permissions${n}`));
}

/** May the running user see object `name`? Objects without a rule are visible. */
export function canSee(store, name) {
  const key = Object.keys(OBJECT_ACCESS_RULES).find((k) => k.toLowerCase() === String(name).toLowerCase());
  if (!key) return true;
  const rule = OBJECT_ACCESS_RULES[key];
  const perms = runningUserPermissions(store);
  if (!perms) return true;
  if (rule.vrtem) {
    const field = vrtemFieldName(store.schema);
    return !!field && perms.has(field);
  }
  return rule.anyOf.some((p) => perms.has(`Permissions${p}`));
}

/**
 * The rows of `objectName` the running user can see. OauthToken (Object Reference, API 32.0+):
 * "Users with the Customize Application permission see all tokens for all users in the org.
 * Otherwise, you see only your own tokens."
 */
export function visibleRows(store, objectName, rows) {
  if (String(objectName).toLowerCase() === 'oauthtoken' && !holdsAny(store, ['CustomizeApplication'])) {
    return rows.filter((r) => r.UserId === store.org.currentUserId);
  }
  return rows;
}
