/*
 * Fills the Facts v1 structure documented in code42Rules.js from the org, with as few API
 * calls as the answer allows:
 *   1. Composite A (1 call): Organization, service-user candidates, permission set group
 *      components, muting permission sets, [public groups for group scope], and describes of
 *      PermissionSet, PermissionSetAssignment, ReportEvent, ReportEventStream.
 *   2. Metadata readMetadata RealTimeEventSettings (1 call), at the same time as 1.
 *   3. Composite B (1 call): the service users' assignments with the required permission
 *      fields, UserLogin, LoginHistory of the last hour, the Export Reports holders,
 *      AuthSession; then any further pages, five per Composite call.
 *   4. Only when needed: users-scope lookups of rows that match no holder, group expansion
 *      (one Composite call per breadth-first level, UserRole with the first), GET /limits
 *      when no Sforce-Limit-Info header was seen.
 * It decides nothing: code42Rules.evaluateChecks() does.
 */
import { Messages } from '@salesforce/core';
import {
  EVENT_MONITORING_ENTITIES,
  EXPORT_REPORT_PERMISSION,
  FACTS_VERSION,
  hiddenFromRunningUser,
  LOGIN_RATE_STATUS,
  REQUIRED_PERMISSIONS,
  REQUIRED_STREAMS,
  THRESHOLDS,
  formatCount,
} from '@code42-companion/rules';
import type { SalesforceClient } from '../salesforce/client.js';
import type { ReadOutcome, ReadRequest } from '../salesforce/composite.js';
import type { ReadFailure } from '../salesforce/errors.js';
import type { SfRecord } from '../salesforce/records.js';
import {
  assignmentLapsed,
  grantSource,
  groupsMuting,
  holdersFromAssignments,
  id18,
  idKey,
  type Holder,
} from '../scope/holders.js';
import { expandGroups, holdersInGroups, indexGroups, matchGroupEntries, type MemberRow, type RoleRow } from '../scope/groups.js';
import { classifyLookups, matchUserEntries, type NotMonitored } from '../scope/users.js';
import { serviceUserAssignmentsSoql, soqlList, userLookupSoql } from '../salesforce/soql.js';
import type { ScopeEntry, ScopeFile } from '../scope/scopeFile.js';
import * as connection from '../facts/connection.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');

export type ScopeMode = 'all' | 'users' | 'groups';

export type GatherOptions = {
  serviceUser?: string;
  scopeMode: ScopeMode;
  scopeFile?: ScopeFile;
  instanceUrl?: string;
  now?: Date;
  progress?: (status: string) => void;
  /** Only the in-scope users are wanted (access-errors --in-scope): skip the Metadata call. */
  scopeOnly?: boolean;
};

export type ServiceUserFacts = {
  id: string;
  username: string;
  name: string;
  email: string;
  isActive: boolean;
  profileName: string | null;
  licenseName: string | null;
  lastLoginDate: string | null;
  isFrozen: boolean | null;
  isPasswordLocked: boolean | null;
  loginsLastHour: number | null;
  loginRateExceeded: boolean | null;
  permissionGrants: Record<string, Array<{ type: string; name: string }>> | null;
  unknownPermissions: string[];
};

export type Facts = {
  factsVersion: number;
  source: 'cli';
  collectedAt: string;
  org?: { id: string; name: string; edition: string; isSandbox: boolean; instanceUrl: string; myDomain?: string | null } | null;
  eventMonitoring?: { available: boolean; evidence: string } | null;
  streams?: Record<string, boolean> | null;
  serviceUserSelection: { requested?: string };
  serviceUsers?: ServiceUserFacts[] | null;
  holders?: { totalCount: number; inScopeCount: number } | null;
  scope: { mode: ScopeMode; entries: number; unmatched: ScopeEntry[] };
  sessions?: { inScopeUsersWithSessions: number } | null;
  limits?: { dailyApiRequests: { max: number; remaining: number } } | null;
  /** Permissions found by their describe label (REQUIRED_PERMISSIONS findByLabel): key -> field name. */
  permissionApiNames?: Record<string, string>;
  connection?: connection.ConnectionFacts | null;
  unavailable: Record<string, string>;
};

export type Gathered = {
  facts: Facts;
  /** Active Export Reports holders in the whole org. */
  holders: Holder[] | null;
  /** Holders in the chosen scope (what Code42 will monitor). */
  inScopeUsers: Holder[];
  notMonitored: NotMonitored[];
  sessionsUserIds: string[];
  /** Notes about partial data an admin should know (e.g. roles could not be read). */
  notes: string[];
};

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A reason an admin can act on, for a read that failed. */
export function unavailableReason(what: string, failure: ReadFailure): string {
  const hints: Record<string, string> = {
    INSUFFICIENT_ACCESS: messages.getMessage('unavailable.hint.access'),
    INSUFFICIENT_ACCESS_OR_READONLY: messages.getMessage('unavailable.hint.access'),
    INVALID_TYPE: messages.getMessage('unavailable.hint.type'),
    NOT_FOUND: messages.getMessage('unavailable.hint.type'),
    INVALID_FIELD: messages.getMessage('unavailable.hint.field'),
  };
  const hint = hints[failure.errorCode] ?? '';
  return messages.getMessage('unavailable.read', [what, failure.errorCode, failure.message || '-', hint]).trim();
}

const PERMISSION_SET_FIELDS = 'PermissionSet.Name, PermissionSet.Label, PermissionSet.Type, PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name';
const USER_IN_CHUNK = 200;
const GROUPS_IN_CHUNK = 300;

function describeFieldNames(outcome: ReadOutcome | undefined): Set<string> | undefined {
  if (!outcome?.ok || !outcome.body || !Array.isArray(outcome.body.fields)) return undefined;
  return new Set((outcome.body.fields as SfRecord[]).map((f) => String(f.name)));
}

type RequiredPermission = { name: string; label: string; confidence: string; findByLabel?: boolean };

/**
 * The permission field of each required permission in this org's PermissionSet describe:
 * `Permissions<name>`, or for a `findByLabel` entry the Permissions* field whose label is the
 * entry's label (its API name is unpublished; labels follow the running user's language).
 */
export function permissionFields(describe: ReadOutcome | undefined, required: RequiredPermission[]): Map<string, string> | undefined {
  if (!describe?.ok || !describe.body || !Array.isArray(describe.body.fields)) return undefined;
  const fields = describe.body.fields as SfRecord[];
  const out = new Map<string, string>();
  for (const perm of required) {
    const field = perm.findByLabel
      ? connection.permissionFieldByLabel(fields, perm.label)
      : fields.find((f) => f.name === `Permissions${perm.name}`)?.name;
    if (field) out.set(perm.name, String(field));
  }
  return out;
}

const HIDDEN_CODES = new Set(['NOT_FOUND', 'INVALID_TYPE', 'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY']);

/**
 * The reason for a failed read of an object every org has (AuthSession, UserLogin, LoginHistory):
 * Salesforce answers "not supported" / "not found" when the running user may not see it, so that
 * answer names the permission the running user needs instead of claiming the org lacks it.
 */
function hiddenOrFailed(key: string, what: string, failure: ReadFailure): string {
  if (HIDDEN_CODES.has(failure.errorCode) || failure.httpStatusCode === 404) {
    return hiddenFromRunningUser(key, `(Salesforce answered ${failure.errorCode}.)`) as string;
  }
  return unavailableReason(what, failure);
}

function records(outcome: ReadOutcome | undefined): SfRecord[] | undefined {
  return outcome?.ok && outcome.records ? outcome.records : undefined;
}

export async function gatherFacts(client: SalesforceClient, options: GatherOptions): Promise<Gathered> {
  const now = options.now ?? new Date();
  const progress = options.progress ?? ((): void => {});
  const unavailable: Record<string, string> = {};
  const notes: string[] = [];
  const requested = options.serviceUser?.trim();

  // ---- 1 + 2: Composite A and the streaming settings, in parallel -------------------------
  progress(messages.getMessage('progress.org'));
  const readsA: ReadRequest[] = [
    { id: 'org', soql: 'SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization LIMIT 1' },
    requested
      ? {
          id: 'serviceUsers',
          // A username or a 15/18-character Id, as access-errors accepts it.
          soql: userLookupSoql('Id, Username, Name, Email, IsActive, LastLoginDate, Profile.Name, Profile.UserLicense.Name', [requested]),
        }
      : {
          id: 'serviceUsers',
          soql: serviceUserAssignmentsSoql(),
        },
    { id: 'groupComponents', soql: 'SELECT PermissionSetGroupId, PermissionSetId FROM PermissionSetGroupComponent' },
    {
      id: 'muting',
      soql: `SELECT Id, DeveloperName FROM MutingPermissionSet WHERE Permissions${EXPORT_REPORT_PERMISSION} = true`,
    },
    ...(options.scopeMode === 'groups'
      ? [
          {
            id: 'groups',
            soql: "SELECT Id, Name, DeveloperName, Type, RelatedId FROM Group WHERE Type IN ('Regular', 'Role', 'RoleAndSubordinates', 'RoleAndSubordinatesInternal', 'Organization')",
          },
        ]
      : []),
    { id: 'describePermissionSet', path: '/sobjects/PermissionSet/describe' },
    { id: 'describeAssignment', path: '/sobjects/PermissionSetAssignment/describe' },
    ...(EVENT_MONITORING_ENTITIES as string[]).map((entity) => ({ id: `describe${entity}`, path: `/sobjects/${entity}/describe` })),
  ];
  const [a, streamsOutcome, connectionReads] = await Promise.all([
    client.readAll(readsA),
    options.scopeOnly ? undefined : client.readMetadata('RealTimeEventSettings', ['RealTimeEvent']),
    options.scopeOnly ? undefined : connection.startConnectionReads(client),
  ]);

  // Organization
  let org: Facts['org'] = null;
  const orgRow = records(a.get('org'))?.[0];
  if (orgRow) {
    org = {
      id: id18(orgRow.Id) ?? String(orgRow.Id),
      name: String(orgRow.Name ?? ''),
      edition: String(orgRow.OrganizationType ?? ''),
      isSandbox: orgRow.IsSandbox === true,
      instanceUrl: options.instanceUrl ?? '',
      myDomain: connection.myDomainOf(options.instanceUrl),
    };
  } else {
    const failure = a.get('org');
    unavailable.org = failure && !failure.ok ? unavailableReason('Organization', failure) : messages.getMessage('unavailable.org');
  }

  // Which permission fields exist (never select a field the org does not have)
  const required = REQUIRED_PERMISSIONS as RequiredPermission[];
  const permFieldByKey = permissionFields(a.get('describePermissionSet'), required);
  const vrtem = required.find((p) => p.findByLabel);
  const permissionApiNames: Record<string, string> = {};
  for (const p of required) if (p.findByLabel && permFieldByKey?.has(p.name)) permissionApiNames[p.name] = permFieldByKey.get(p.name) as string;

  const eventMonitoring = eventMonitoringFact(a, permFieldByKey, vrtem, unavailable);

  // Streams
  let streams: Facts['streams'] = null;
  if (!streamsOutcome) {
    // Not asked for (scopeOnly): nobody evaluates the streams checks.
  } else if (streamsOutcome.ok) {
    const record = streamsOutcome.records.find((r) => r.fullName === 'RealTimeEvent') ?? streamsOutcome.records[0];
    const events = (record?.realTimeEvents ?? []) as SfRecord[];
    streams = {};
    for (const stream of REQUIRED_STREAMS as Array<{ entityName: string }>) {
      const entry = events.find((e) => e.entityName === stream.entityName);
      streams[stream.entityName] = entry ? String(entry.isEnabled).toLowerCase() === 'true' : false;
    }
  } else {
    unavailable.streams =
      streamsOutcome.errorCode === 'INSUFFICIENT_ACCESS'
        ? (hiddenFromRunningUser('streams', `(Salesforce answered ${streamsOutcome.errorCode}.)`) as string)
        : unavailableReason('RealTimeEventSettings (Metadata API)', streamsOutcome);
  }

  const psaFields = describeFieldNames(a.get('describeAssignment'));
  const connectionFields = connection.permissionFieldsByLabel(a.get('describePermissionSet'));
  // key -> field to select. Without the describe, only confirmed names we can trust (never a
  // permission found by label, whose name is unknown then).
  const permissionToField = permFieldByKey
    ? permFieldByKey
    : new Map(required.filter((p) => p.confidence === 'confirmed' && !p.findByLabel).map((p) => [p.name, `Permissions${p.name}`]));
  const knownPermissions = [...permissionToField.keys()];
  const unknownPermissions = permFieldByKey
    ? required.filter((p) => !permFieldByKey.has(p.name)).map((p) => p.name)
    : required.filter((p) => p.findByLabel).map((p) => p.name);
  if (!permFieldByKey) {
    const failure = a.get('describePermissionSet');
    if (failure && !failure.ok) notes.push(unavailableReason('PermissionSet describe', failure));
  }
  const assignmentExtras = ['ExpirationDate', 'IsActive'].filter((f) => !psaFields || psaFields.has(f));
  const hasGroupField = !psaFields || psaFields.has('PermissionSetGroupId');
  const assignmentFields = [
    'AssigneeId',
    'PermissionSetId',
    PERMISSION_SET_FIELDS,
    ...(hasGroupField ? ['PermissionSetGroupId', 'PermissionSetGroup.DeveloperName'] : []),
    ...assignmentExtras,
  ].join(', ');

  // Muting: groups whose muting permission set mutes Export Reports
  const mutingRows = records(a.get('muting'));
  const componentRows = records(a.get('groupComponents'));
  let mutedGroups = new Set<string>();
  if (mutingRows && componentRows) {
    mutedGroups = groupsMuting(componentRows, mutingRows.map((m) => String(m.Id)));
  } else {
    const failure = [a.get('muting'), a.get('groupComponents')].find((o) => o && !o.ok) as ReadFailure | undefined;
    if (failure) notes.push(unavailableReason('Muting permission sets', failure));
  }

  // Service-user candidates (deduplicated by Id)
  let serviceUsers: ServiceUserFacts[] | null = null;
  const svcRows = records(a.get('serviceUsers'));
  if (svcRows) {
    const byId = new Map<string, ServiceUserFacts>();
    for (const row of svcRows) {
      const u = (requested ? row : row.Assignee ?? {}) as SfRecord;
      const id = id18(requested ? row.Id : row.AssigneeId);
      if (!id || byId.has(id)) continue;
      byId.set(id, {
        id,
        username: String(u.Username ?? ''),
        name: String(u.Name ?? ''),
        email: String(u.Email ?? ''),
        isActive: u.IsActive !== false,
        profileName: u.Profile?.Name ?? null,
        licenseName: u.Profile?.UserLicense?.Name ?? null,
        lastLoginDate: u.LastLoginDate ?? null,
        isFrozen: null,
        isPasswordLocked: null,
        loginsLastHour: null,
        loginRateExceeded: null,
        permissionGrants: null,
        unknownPermissions,
      });
    }
    serviceUsers = [...byId.values()].sort((x, y) => x.username.localeCompare(y.username));
  } else {
    const failure = a.get('serviceUsers') as ReadFailure;
    unavailable.serviceUsers = unavailableReason('The service account user', failure);
  }

  // ---- 3: Composite B -----------------------------------------------------------------------
  progress(messages.getMessage('progress.users'));
  const svcIds = (serviceUsers ?? []).map((u) => u.id);
  const sinceIso = new Date(now.getTime() - 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const readsB: ReadRequest[] = [];
  if (svcIds.length > 0) {
    const idList = soqlList(svcIds);
    const permFields = [
      ...knownPermissions.map((p) => `PermissionSet.${permissionToField.get(p) as string}`),
      ...connection.assignmentPermissionFields(connectionFields),
    ];
    readsB.push(
      {
        id: 'serviceAssignments',
        soql: `SELECT ${[assignmentFields, ...permFields].join(', ')} FROM PermissionSetAssignment WHERE AssigneeId IN (${idList})`,
      },
      { id: 'userLogin', soql: `SELECT UserId, IsFrozen, IsPasswordLocked FROM UserLogin WHERE UserId IN (${idList})` },
      {
        id: 'loginHistory',
        soql: `SELECT UserId, Status, COUNT(Id) logins FROM LoginHistory WHERE UserId IN (${idList}) AND LoginTime >= ${sinceIso} GROUP BY UserId, Status`,
      }
    );
  }
  readsB.push(
    {
      id: 'holders',
      soql:
        `SELECT ${assignmentFields}, Assignee.Username, Assignee.Name, Assignee.Email, Assignee.UserRoleId, Assignee.UserType FROM PermissionSetAssignment ` +
        `WHERE PermissionSet.Permissions${EXPORT_REPORT_PERMISSION} = true AND Assignee.IsActive = true`,
    },
    { id: 'sessions', soql: 'SELECT UsersId FROM AuthSession' }
  );
  // Group scope needs only Composite A: expand the groups level by level while Composite B
  // and the holders' pages are read, instead of after them.
  // Over Code42's limit the file would be refused: no call is spent on its rows (no lookups, no group expansion).
  const scopeEntries = options.scopeFile?.entries ?? [];
  const overLimit = options.scopeMode !== 'all' && scopeEntries.length > THRESHOLDS.maxScopeEntries;
  const groupScope =
    options.scopeMode === 'groups' && !overLimit ? expandGroupScope(client, a.get('groups'), scopeEntries, notes) : undefined;
  const [b, profiles] = await Promise.all([
    client.readAll(readsB),
    connection.readProfiles(client, (serviceUsers ?? []).map((u) => u.profileName), Boolean(options.scopeOnly)),
  ]);

  if (serviceUsers && svcIds.length > 0) {
    const assignments = records(b.get('serviceAssignments'));
    const logins = records(b.get('userLogin'));
    const history = records(b.get('loginHistory'));
    for (const user of serviceUsers) {
      if (assignments) {
        const grants: Record<string, Array<{ type: string; name: string }>> = {};
        for (const row of assignments) {
          if (id18(row.AssigneeId) !== user.id || assignmentLapsed(row, now)) continue;
          const source = grantSource(row);
          for (const perm of knownPermissions) {
            if (row.PermissionSet?.[permissionToField.get(perm) as string] !== true) continue;
            const list = grants[perm] ?? [];
            if (!list.some((g) => g.type === source.type && g.name === source.name)) list.push(source);
            grants[perm] = list;
          }
        }
        user.permissionGrants = grants;
      }
      if (logins) {
        const row = logins.find((l) => id18(l.UserId) === user.id);
        user.isFrozen = row ? row.IsFrozen === true : null;
        user.isPasswordLocked = row ? row.IsPasswordLocked === true : null;
      }
      if (history) {
        const rows = history.filter((h) => id18(h.UserId) === user.id);
        user.loginsLastHour = rows.reduce((sum, h) => sum + Number(h.logins ?? h.expr0 ?? 1), 0);
        user.loginRateExceeded = rows.some((h) => LOGIN_RATE_STATUS.test(String(h.Status ?? '')));
      }
    }
    const failed = (key: string): ReadFailure | undefined => {
      const o = b.get(key);
      return o && !o.ok ? o : undefined;
    };
    const assignmentFailure = failed('serviceAssignments');
    if (assignmentFailure) unavailable.permissions = unavailableReason("The service account user's permission assignments", assignmentFailure);
    const loginFailure = failed('userLogin');
    if (loginFailure) unavailable.userLogin = hiddenOrFailed('userLogin', 'UserLogin (frozen and locked state)', loginFailure);
    const historyFailure = failed('loginHistory');
    if (historyFailure) unavailable.loginHistory = hiddenOrFailed('loginHistory', 'LoginHistory', historyFailure);
  }

  // Holders (Export Reports) in the org
  let holders: Holder[] | null = null;
  const holderRows = records(b.get('holders'));
  if (holderRows) {
    holders = holdersFromAssignments(holderRows, { now, mutedGroups });
  } else {
    unavailable.holders = unavailableReason('Export Reports holders (PermissionSetAssignment)', b.get('holders') as ReadFailure);
  }

  // ---- 4: scope ---------------------------------------------------------------------------
  const entries = options.scopeFile?.entries ?? [];
  let inScopeUsers: Holder[] = [];
  let unmatched: ScopeEntry[] = [];
  let notMonitored: NotMonitored[] = [];
  if (options.scopeFile?.duplicates?.length) notes.push(duplicatesNote(options.scopeFile));
  if (options.scopeMode === 'all') {
    inScopeUsers = holders ?? [];
  } else if (overLimit) {
    unavailable.holders = messages.getMessage('unavailable.scopeOverLimit', [
      options.scopeFile?.file ?? '',
      formatCount(entries.length) as string,
      formatCount(THRESHOLDS.maxScopeEntries) as string,
    ]);
    holders = null;
  } else if (options.scopeMode === 'users') {
    progress(messages.getMessage('progress.scope'));
    const match = matchUserEntries(entries, holders ?? []);
    inScopeUsers = match.inScope;
    if (match.needLookup.length > 0) {
      const lookups = chunk(match.needLookup, USER_IN_CHUNK).map((part, i) => ({
        id: `lookup${i}`,
        soql: userLookupSoql(
          'Id, Username, Email, IsActive',
          part.map((e) => e.value.trim()),
          { byEmail: true }
        ),
      }));
      const found = await client.readAll(lookups);
      const users: SfRecord[] = [];
      let lookupFailed: ReadFailure | undefined;
      for (const l of lookups) {
        const o = found.get(l.id);
        if (o?.ok && o.records) users.push(...o.records);
        else if (o && !o.ok) lookupFailed = o;
      }
      if (lookupFailed) notes.push(unavailableReason('User lookup for unmatched CSV rows', lookupFailed));
      ({ unmatched, notMonitored } = classifyLookups(match.needLookup, users));
    }
  } else {
    progress(messages.getMessage('progress.groups'));
    const scope = (await groupScope) as GroupScope;
    unmatched = scope.unmatched;
    if (scope.failure !== undefined || !scope.expansion) {
      unavailable.holders = scope.failure ?? '';
      holders = null;
    } else {
      inScopeUsers = holdersInGroups(holders ?? [], scope.expansion, scope.roles);
    }
  }

  // Sessions of in-scope users
  let sessions: Facts['sessions'] = null;
  let sessionsUserIds: string[] = [];
  const sessionRows = records(b.get('sessions'));
  if (sessionRows) {
    const withSession = new Set(sessionRows.map((s) => idKey(s.UsersId)));
    sessionsUserIds = inScopeUsers.filter((u) => withSession.has(idKey(u.id))).map((u) => u.id);
    sessions = { inScopeUsersWithSessions: sessionsUserIds.length };
  } else {
    unavailable.sessions = hiddenOrFailed('sessions', 'Active sessions (AuthSession)', b.get('sessions') as ReadFailure);
  }

  // Limits: the Sforce-Limit-Info header of our own calls, else one GET /limits.
  let limits: Facts['limits'] = null;
  const fromHeader = client.dailyApiUsageFromHeaders();
  if (fromHeader) {
    limits = { dailyApiRequests: fromHeader };
  } else {
    const outcome = await client.get('/limits');
    const daily = outcome.ok ? (outcome.body?.DailyApiRequests as SfRecord | undefined) : undefined;
    if (daily && typeof daily.Max === 'number' && typeof daily.Remaining === 'number') {
      limits = { dailyApiRequests: { max: daily.Max, remaining: daily.Remaining } };
    } else {
      unavailable.limits = outcome.ok ? messages.getMessage('unavailable.limits') : unavailableReason('Org limits', outcome);
    }
  }

  const facts: Facts = {
    factsVersion: FACTS_VERSION as number,
    source: 'cli',
    collectedAt: now.toISOString(),
    org,
    eventMonitoring,
    streams,
    serviceUserSelection: requested ? { requested } : {},
    serviceUsers,
    holders: holders ? { totalCount: holders.length, inScopeCount: inScopeUsers.length } : null,
    scope: { mode: options.scopeMode, entries: entries.length, unmatched },
    sessions,
    limits,
    ...(Object.keys(permissionApiNames).length ? { permissionApiNames } : {}),
    connection: connectionReads
      ? connection.connectionFacts(
          {
            reads: connectionReads,
            fields: connectionFields,
            serviceUsers,
            assignments: records(b.get('serviceAssignments')),
            profiles,
            idOf: id18,
            lapsed: (row) => assignmentLapsed(row, now),
            reason: unavailableReason,
          },
          unavailable
        )
      : null,
    unavailable,
  };
  return { facts, holders, inScopeUsers: holders ? inScopeUsers : [], notMonitored, sessionsUserIds, notes };
}

/** Rows that repeat an earlier row still count toward Code42's 1,000-entry limit: say which. */
function duplicatesNote(file: ScopeFile): string {
  const duplicates = file.duplicates ?? [];
  const shown = duplicates
    .slice(0, 10)
    .map((d) => `row ${d.row} repeats row ${d.firstRow}`)
    .join('; ');
  const more = duplicates.length > 10 ? `; and ${formatCount(duplicates.length - 10) as string} more` : '';
  const count = `${formatCount(duplicates.length) as string} repeated ${duplicates.length === 1 ? 'row' : 'rows'}`;
  return messages.getMessage('report.duplicates', [file.file, count, shown + more]);
}

/**
 * The Event Monitoring add-on. ReportEvent / ReportEventStream describe only with the add-on AND the
 * running user's View Real-Time Event Monitoring Data permission (ReportEventStream reference), so
 * their absence alone is not a fact about the org. The evidence that does not depend on the running
 * user's grants: the PermissionSet describe lists the permission field labelled "View Real-Time
 * Event Monitoring Data" only in orgs with the add-on (PermissionSet reference: the permission
 * fields vary "depending on the permissions for the organization and license type"; Code42: only
 * these subscriptions include that permission). The entities visible: available. Hidden, and the
 * field present: the add-on is there and the running user lacks the permission (skip, naming it).
 * Hidden and no such field: no add-on (fail). Hidden and no PermissionSet describe: cannot tell (skip).
 */
function eventMonitoringFact(
  a: Map<string, ReadOutcome>,
  permFieldByKey: Map<string, string> | undefined,
  vrtem: RequiredPermission | undefined,
  unavailable: Record<string, string>
): Facts['eventMonitoring'] {
  const entities = EVENT_MONITORING_ENTITIES as string[];
  const hidden: string[] = [];
  let blocked: string | undefined;
  for (const entity of entities) {
    const outcome = a.get(`describe${entity}`);
    if (outcome?.ok) continue;
    if (outcome && (outcome.errorCode === 'NOT_FOUND' || outcome.errorCode === 'INVALID_TYPE' || outcome.httpStatusCode === 404)) {
      hidden.push(`${entity} (${outcome.errorCode})`);
    } else if (outcome) {
      blocked = unavailableReason(`${entity} describe`, outcome);
    }
  }
  const field = vrtem ? permFieldByKey?.get(vrtem.name) : undefined;
  if (hidden.length === 0 && !blocked) {
    const present = messages.getMessage('evidence.present', [entities.join(', ')]);
    return { available: true, evidence: field ? `${present}; ${messages.getMessage('evidence.field', [field, vrtem?.label ?? ''])}` : present };
  }
  if (blocked) {
    unavailable.eventMonitoring = blocked;
    return null;
  }
  if (field) {
    unavailable.eventMonitoring = hiddenFromRunningUser(
      'eventMonitoring',
      messages.getMessage('evidence.hidden', [hidden.join(', '), field, vrtem?.label ?? ''])
    ) as string;
    return null;
  }
  if (!permFieldByKey) {
    const failure = a.get('describePermissionSet');
    unavailable.eventMonitoring = messages.getMessage('evidence.unknown', [
      hidden.join(', '),
      vrtem?.label ?? '',
      failure && !failure.ok ? `${failure.errorCode}: ${failure.message || '-'}` : '-',
    ]);
    return null;
  }
  return { available: false, evidence: messages.getMessage('evidence.missing', [hidden.join(', '), vrtem?.label ?? '']) };
}

type GroupScope = {
  unmatched: ScopeEntry[];
  expansion?: Awaited<ReturnType<typeof expandGroups>>;
  roles: RoleRow[];
  failure?: string;
};

/**
 * Group scope: match the CSV rows to public groups (from Composite A), then follow nested
 * groups one level per Composite call, reading the role hierarchy with the first level.
 */
async function expandGroupScope(
  client: SalesforceClient,
  groupsOutcome: ReadOutcome | undefined,
  entries: ScopeEntry[],
  notes: string[]
): Promise<GroupScope> {
  const groupRows = records(groupsOutcome);
  if (!groupRows) {
    return {
      unmatched: [],
      roles: [],
      failure: unavailableReason('Public groups (Group)', groupsOutcome as ReadFailure),
    };
  }
  const groupsById = indexGroups(groupRows);
  const match = matchGroupEntries(entries, groupRows as never);
  let roles: RoleRow[] = [];
  let firstLevel = true;
  let memberFailure: ReadFailure | undefined;
  const expansion = await expandGroups(match.groupIds, groupsById, async (groupIds) => {
    const reads: ReadRequest[] = chunk(groupIds, GROUPS_IN_CHUNK).map((part, i) => ({
      id: `members${i}`,
      soql: `SELECT GroupId, UserOrGroupId FROM GroupMember WHERE GroupId IN (${soqlList(part)})`,
    }));
    if (firstLevel) reads.push({ id: 'roles', soql: 'SELECT Id, ParentRoleId, PortalType FROM UserRole' });
    const out = await client.readAll(reads);
    if (firstLevel) {
      const roleRows = records(out.get('roles'));
      if (roleRows) roles = roleRows as RoleRow[];
      else notes.push(unavailableReason('UserRole (role hierarchy)', out.get('roles') as ReadFailure));
      firstLevel = false;
    }
    const members: MemberRow[] = [];
    for (const [key, o] of out) {
      if (!key.startsWith('members')) continue;
      if (o.ok && o.records) members.push(...(o.records as MemberRow[]));
      else if (!o.ok) memberFailure = o;
    }
    return members;
  });
  return {
    unmatched: match.unmatched,
    expansion,
    roles,
    ...(memberFailure ? { failure: unavailableReason('GroupMember', memberFailure) } : {}),
  };
}
