/**
 * Which objects and fields exist: the standard fields in schema/salesforce-schema.json (from an API
 * v64.0 describe), every Permissions* field on PermissionSet/Profile/MutingPermissionSet, plus any field
 * the fixture's records carry or declare in `org.extraFields`. Objects in `org.missingObjects` do not exist.
 */
import { readFileSync } from 'node:fs';
import { KEY_PREFIXES, looksLikeId, objectForId } from './ids.js';

const RAW = JSON.parse(readFileSync(new URL('./schema/salesforce-schema.json', import.meta.url), 'utf8'));
const PERMISSION_FIELDS = RAW.__permissionFields;
const PERMISSION_OBJECTS = ['PermissionSet', 'Profile', 'MutingPermissionSet'];

/** Relationship targets (relationship name -> objects) that the schema file leaves out or gets too broad. */
export const RELATIONSHIPS = {
  PermissionSetAssignment: { AssigneeId: ['Assignee', ['User']], PermissionSetId: ['PermissionSet', ['PermissionSet']], PermissionSetGroupId: ['PermissionSetGroup', ['PermissionSetGroup']] },
  PermissionSet: { ProfileId: ['Profile', ['Profile']], PermissionSetGroupId: ['PermissionSetGroup', ['PermissionSetGroup']] },
  Profile: { UserLicenseId: ['UserLicense', ['UserLicense']] },
  User: { ProfileId: ['Profile', ['Profile']], UserRoleId: ['UserRole', ['UserRole']], ManagerId: ['Manager', ['User']] },
  UserRole: { ParentRoleId: ['ParentRole', ['UserRole']] },
  GroupMember: { GroupId: ['Group', ['Group']] },
  PermissionSetGroupComponent: { PermissionSetId: ['PermissionSet', ['PermissionSet', 'MutingPermissionSet']], PermissionSetGroupId: ['PermissionSetGroup', ['PermissionSetGroup']] },
  UserLogin: { UserId: ['User', ['User']] },
  LoginHistory: { UserId: ['User', ['User']] },
  AuthSession: { UsersId: ['Users', ['User']], LoginHistoryId: ['LoginHistory', ['LoginHistory']] },
  Group: { RelatedId: ['Related', ['UserRole']] },
  PermissionSetLicenseAssign: { AssigneeId: ['Assignee', ['User']] },
  CronTrigger: { CronJobDetailId: ['CronJobDetail', ['CronJobDetail']], CreatedById: ['CreatedBy', ['User']], OwnerId: ['Owner', ['User']] },
  OauthToken: { UserId: ['User', ['User']] },
  SetupEntityAccess: { ParentId: ['Parent', ['PermissionSet']] }
};

/**
 * Describe labels that differ from the field name. PermissionsApproveUninstalledConnectedApps is the
 * simulator's guess at an unpublished API name (Salesforce help 005132365 names only the label
 * "Approve Uninstalled Connected Apps"): clients must find it by its label, as the plugin does.
 */
export const PERMISSION_LABELS = {
  PermissionsApiUserOnly: 'API Only User',
  PermissionsApproveUninstalledConnectedApps: 'Approve Uninstalled Connected Apps',
  PermissionsCustomizeApplication: 'Customize Application',
  PermissionsViewSetup: 'View Setup and Configuration'
};

/** Objects the schema file lacks but that clients touch. */
const EXTRA_OBJECTS = {
  EntityDefinition: {
    label: 'Entity Definition',
    tooling: true,
    fields: { Id: ['id', 'Entity Definition ID', 0], DurableId: ['string', 'Durable ID', 0], QualifiedApiName: ['string', 'Qualified API Name', 0], DeveloperName: ['string', 'Developer Name', 0], Label: ['string', 'Label', 0], KeyPrefix: ['string', 'Key Prefix', 1], IsQueryable: ['boolean', 'Queryable', 0], IsCustomizable: ['boolean', 'Customizable', 0] }
  },
  LoginEventStream: { label: 'Login Event Stream', stream: true, fields: streamFields() },
  LogoutEventStream: { label: 'Logout Event Stream', stream: true, fields: streamFields() },
  ReportEventStream: { label: 'Report Event Stream', stream: true, fields: streamFields() },
  // Object Reference: CronTrigger and CronJobDetail (query() and retrieve() only; the watch's
  // Apex REST endpoint creates and aborts them, see apexRest.js).
  CronTrigger: {
    label: 'Scheduled Jobs',
    fields: {
      Id: ['id', 'Scheduled Job ID', 0], CronExpression: ['string', 'Cron Expression', 1], CronJobDetailId: ['reference', 'Job ID', 1],
      EndTime: ['datetime', 'End Time', 1], NextFireTime: ['datetime', 'Next Run Time', 1], OwnerId: ['reference', 'User ID', 1],
      PreviousFireTime: ['datetime', 'Previous Run Time', 1], StartTime: ['datetime', 'Start Time', 1], State: ['string', 'Job State', 1],
      TimesTriggered: ['int', 'Job Fired Count', 1], CreatedById: ['reference', 'Created By ID', 0], CreatedDate: ['datetime', 'Created Date', 0]
    }
  },
  CronJobDetail: {
    label: 'Job',
    fields: { Id: ['id', 'Job ID', 0], Name: ['string', 'Job Name', 1], JobType: ['picklist', 'Type', 1] }
  },
  // OauthToken, Object Reference (API 32.0+): describeSObjects() and query() only.
  OauthToken: {
    label: 'OAuth Token',
    fields: { Id: ['id', 'OAuth Token ID', 0], AccessToken: ['string', 'Access Token', 1], AppMenuItemId: ['reference', 'AppMenuItem ID', 1], AppName: ['string', 'Application Name', 1], CreatedDate: ['datetime', 'Created Date', 0], DeleteToken: ['string', 'Delete Token', 1], LastUsedDate: ['datetime', 'Last Used Date', 1], RequestToken: ['string', 'Request Token', 1], UseCount: ['int', 'Use Count', 1], UserId: ['reference', 'User ID', 1] }
  },
  // ConnectedApplication (Field Reference): a connected app installed or created in the org.
  ConnectedApplication: {
    label: 'Connected App',
    fields: { Id: ['id', 'Connected App ID', 0], Name: ['string', 'Connected App Name', 0], OptionsAllowAdminApprovedUsersOnly: ['boolean', 'AllowAdminApprovedUsersOnly', 0], CreatedDate: ['datetime', 'Created Date', 0], LastModifiedDate: ['datetime', 'Last Modified Date', 0] }
  },
  // SetupEntityAccess (Object Reference, API 25.0+): SetupEntityType ConnectedApplication since 28.0.
  SetupEntityAccess: {
    label: 'Setup Entity Access',
    fields: { Id: ['id', 'Setup Entity Access ID', 0], ParentId: ['reference', 'Parent ID', 0], SetupEntityId: ['reference', 'Setup Entity ID', 0], SetupEntityType: ['picklist', 'Setup Entity Type', 1] }
  }
};

function streamFields() {
  return { ReplayId: ['string', 'Replay ID', 1], CreatedDate: ['datetime', 'Created Date', 0], EventIdentifier: ['string', 'Event Identifier', 1], UserId: ['reference', 'User ID', 1, 'User', 'User'], Username: ['string', 'Username', 1], EventDate: ['datetime', 'Event Date', 1], SessionKey: ['string', 'Session Key', 1], SourceIp: ['string', 'Source IP', 1] };
}

function fieldMeta(objName, name, spec) {
  const [type, label, nillable, relationshipName, referenceTo] = spec;
  const meta = { name, type, label, nillable: !!nillable, relationshipName: relationshipName || null, referenceTo: referenceTo ? [referenceTo] : [] };
  const rel = RELATIONSHIPS[objName]?.[name];
  if (rel) {
    meta.relationshipName = rel[0];
    meta.referenceTo = rel[1];
  }
  return meta;
}

function inferType(name, value) {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'string') {
    if (/^\d{4}-\d\d-\d\d$/.test(value)) return 'date';
    if (/^\d{4}-\d\d-\d\dT/.test(value)) return 'datetime';
    if (name === 'Id') return 'id';
    if (/Id$/.test(name) && looksLikeId(value)) return 'reference';
  }
  return name.startsWith('Permissions') ? 'boolean' : 'string';
}

function baseObject(name, raw) {
  const fields = new Map();
  for (const [fname, spec] of Object.entries(raw.fields)) fields.set(fname.toLowerCase(), fieldMeta(name, fname, spec));
  if (PERMISSION_OBJECTS.includes(name)) {
    for (const p of [...PERMISSION_FIELDS, ...Object.keys(PERMISSION_LABELS)]) if (!fields.has(p.toLowerCase())) fields.set(p.toLowerCase(), { name: p, type: 'boolean', label: PERMISSION_LABELS[p] || p.slice(11), nillable: false, relationshipName: null, referenceTo: [] });
  }
  return { name, label: raw.label, keyPrefix: KEY_PREFIXES[name] || null, tooling: !!raw.tooling, stream: !!raw.stream, fields };
}

const BASE = new Map();
for (const [name, raw] of Object.entries(RAW)) if (!name.startsWith('__')) BASE.set(name.toLowerCase(), raw);
for (const [name, raw] of Object.entries(EXTRA_OBJECTS)) BASE.set(name.toLowerCase(), raw);
const BASE_NAMES = new Map([...Object.keys(RAW), ...Object.keys(EXTRA_OBJECTS)].filter((n) => !n.startsWith('__')).map((n) => [n.toLowerCase(), n]));

function addField(desc, fname, type, sample, label = fname, length = undefined) {
  const key = fname.toLowerCase();
  if (desc.fields.has(key)) return;
  const meta = { name: fname, type, label, nillable: true, relationshipName: null, referenceTo: [] };
  if (length) meta.length = length;
  const rel = RELATIONSHIPS[desc.name]?.[fname];
  if (rel) {
    meta.relationshipName = rel[0];
    meta.referenceTo = rel[1];
  } else if (type === 'reference') {
    meta.relationshipName = fname.slice(0, -2);
    const target = objectForId(sample);
    meta.referenceTo = target ? [target] : [];
  }
  desc.fields.set(key, meta);
}

/**
 * The schema of one fixture org. Rebuilt by the Store when the fixture's record arrays change.
 * describe(name) -> { name, label, keyPrefix, fields: Map(lowercase -> meta), tooling, stream } | undefined
 */
export function buildSchema(org) {
  const objects = new Map();
  const missing = new Set((org.missingObjects || []).map((n) => n.toLowerCase()));
  const hiddenFields = new Set(Object.keys(org.noAccess || {}).filter((k) => k.includes('.') && org.noAccess[k] === 'INVALID_FIELD').map((k) => k.toLowerCase()));
  const get = (name) => {
    const key = name.toLowerCase();
    if (missing.has(key)) return undefined;
    if (objects.has(key)) return objects.get(key);
    const raw = BASE.get(key);
    const desc = raw ? baseObject(BASE_NAMES.get(key), raw) : null;
    objects.set(key, desc);
    return desc || undefined;
  };
  // `extraFields: { PermissionSet: { PermissionsX: 'boolean' | { type, label } } }`; a PermissionSet
  // entry also applies to Profile and MutingPermissionSet, which carry the same permission fields.
  // Applied before the records (so a declared type and label win over what records imply) and
  // again after them (for objects that only the fixture's records create).
  const applyExtraFields = () => {
    for (const [objName, fields] of Object.entries(org.extraFields || {})) {
      const targets = objName === 'PermissionSet' ? PERMISSION_OBJECTS : [objName];
      for (const t of targets) {
        const desc = get(t);
        if (!desc) continue;
        for (const [f, spec] of Object.entries(fields)) {
          // A field is a type name, or { type, label, length } (a text field whose length create enforces).
          const { type, label, length } = typeof spec === 'object' && spec ? spec : { type: spec };
          addField(desc, f, type, undefined, label || f, length);
          // The declared length holds even when a stored record brought the field in first.
          if (length) desc.fields.get(f.toLowerCase()).length = length;
        }
      }
    }
  };
  applyExtraFields();
  const all = { ...(org.objects || {}), ...(org.tooling || {}) };
  for (const [name, records] of Object.entries(all)) {
    const key = name.toLowerCase();
    if (missing.has(key)) continue;
    let desc = get(name);
    if (!desc) {
      desc = { name, label: name, keyPrefix: KEY_PREFIXES[name] || null, tooling: !!org.tooling?.[name], stream: false, fields: new Map() };
      objects.set(key, desc);
    }
    if (!desc.fields.has('id')) desc.fields.set('id', { name: 'Id', type: 'id', label: `${name} ID`, nillable: false, relationshipName: null, referenceTo: [] });
    const seen = new Set();
    for (const rec of records) {
      for (const f in rec) {
        if (seen.has(f)) continue;
        seen.add(f);
        if (f !== 'attributes' && !desc.fields.has(f.toLowerCase())) addField(desc, f, inferType(f, rec[f]), rec[f]);
      }
    }
  }
  applyExtraFields();
  for (const hidden of hiddenFields) {
    const [o, f] = hidden.split('.');
    get(o)?.fields.delete(f);
  }
  return {
    describe: get,
    /** Names of every object this org has (standard list + fixture objects), without missing ones. */
    names() {
      const names = new Set([...BASE_NAMES.values(), ...Object.keys(all)]);
      return [...names].filter((n) => !missing.has(n.toLowerCase())).sort();
    }
  };
}
