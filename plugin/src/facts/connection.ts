/*
 * Facts for the authorization block of checks (connected-app-access, code42-authorization,
 * service-user-licence, service-user-login-access) and the My Domain Code42's Step 3 asks for.
 * The orchestrator (gather.ts) calls three functions of this module:
 *   1. connectionReads(): one Composite request (4 queries) run at the same time as Composite A:
 *      Code42's OauthToken rows, its installed ConnectedApplication, the profiles and permission
 *      sets that admit it (SetupEntityAccess) and the Salesforce UserLicense.
 *   2. permissionFieldsByLabel(): PermissionSet fields found by describe label (Approve Uninstalled
 *      Connected Apps, API Only User), added to the service user's assignment query of Composite B.
 *   3. readProfiles(): one Metadata API readMetadata of the service users' profiles (login IP ranges
 *      and login hours exist only there), at the same time as Composite B.
 * Sources (Salesforce docs): OauthToken object reference ("Users with the Customize Application
 * permission see all tokens for all users in the org. Otherwise, you see only your own tokens.");
 * SetupEntityAccess ("only users with View Setup and Configuration permission can access this
 * object"; SetupEntityType 'ConnectedApplication' since API 28.0); ConnectedApplication ("Represents
 * a connected app and its details"); Metadata API Profile (loginIpRanges, loginHours).
 * Never selects OauthToken.AccessToken, RequestToken or DeleteToken: the token values are secrets.
 */
import { Messages } from '@salesforce/core';
import { CODE42_APP_NAME_PATTERNS, PERMISSION_LABELS, isCode42AppName } from '@code42-companion/rules';
import type { SalesforceClient } from '../salesforce/client.js';
import type { ReadOutcome, ReadRequest } from '../salesforce/composite.js';
import type { ReadFailure } from '../salesforce/errors.js';
import type { MetadataReadOutcome } from '../salesforce/metadata.js';
import type { SfRecord } from '../salesforce/records.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');

/** OauthToken fields this project may read. The secret token fields are never among them. */
export const OAUTH_TOKEN_FIELDS = ['AppName', 'UserId', 'CreatedDate', 'LastUsedDate', 'UseCount'];

export type ConnectionUserFacts = {
  apiOnly: boolean | null;
  approveUninstalled: boolean | null;
  permissionSetNames: string[] | null;
  loginIpRanges: Array<{ start: string; end: string; description: string }> | null;
  loginHours: Record<string, { start: string; end: string }> | null;
};

export type ConnectionFacts = {
  apps: Array<{ id: string; name: string; adminApprovedOnly: boolean | null; admitted: Array<{ type: string; name: string }> | null }> | null;
  approvePermission: { field: string; label: string } | null;
  tokens: Array<{ appName: string; userId: string; createdDate: string | null; lastUsedDate: string | null; useCount: number | null }> | null;
  salesforceLicence: { name: string; total: number; used: number } | null;
  users: Record<string, ConnectionUserFacts>;
};

export type PermissionFields = { approveUninstalled?: string; apiOnly?: string };

const likeAny = (field: string): string =>
  `(${(CODE42_APP_NAME_PATTERNS as string[]).map((p) => `${field} LIKE '%${p}%'`).join(' OR ')})`;

/** The reads of the connection Composite request (run at the same time as Composite A). */
export function connectionReads(): ReadRequest[] {
  return [
    { id: 'oauthTokens', soql: `SELECT ${OAUTH_TOKEN_FIELDS.join(', ')} FROM OauthToken WHERE ${likeAny('AppName')}` },
    { id: 'connectedApps', soql: `SELECT Id, Name, OptionsAllowAdminApprovedUsersOnly FROM ConnectedApplication WHERE ${likeAny('Name')}` },
    {
      id: 'connectedAppAccess',
      soql:
        'SELECT SetupEntityId, Parent.Name, Parent.IsOwnedByProfile, Parent.Profile.Name FROM SetupEntityAccess ' +
        `WHERE SetupEntityType = 'ConnectedApplication' AND SetupEntityId IN (SELECT Id FROM ConnectedApplication WHERE ${likeAny('Name')})`,
    },
    { id: 'userLicense', soql: "SELECT Name, TotalLicenses, UsedLicenses FROM UserLicense WHERE Name = 'Salesforce'" },
  ];
}

/** Runs connectionReads() as one Composite request. */
export function startConnectionReads(client: SalesforceClient): Promise<Map<string, ReadOutcome>> {
  return client.readAll(connectionReads());
}

/** The `Permissions*` field of a describe whose label is `label` (the one rule for permissions with unpublished API names). */
export function permissionFieldByLabel(fields: SfRecord[], label: string): string | undefined {
  const hit = fields.find((f) => typeof f.name === 'string' && f.name.startsWith('Permissions') && String(f.label ?? '').trim().toLowerCase() === label.toLowerCase());
  return hit ? String(hit.name) : undefined;
}

/** PermissionSet fields found by their describe label (never by a guessed API name). */
export function permissionFieldsByLabel(describe: ReadOutcome | undefined): PermissionFields {
  const fields = describe?.ok && Array.isArray(describe.body?.fields) ? (describe.body.fields as SfRecord[]) : [];
  return {
    approveUninstalled: permissionFieldByLabel(fields, PERMISSION_LABELS.approveUninstalled),
    apiOnly: permissionFieldByLabel(fields, PERMISSION_LABELS.apiOnly),
  };
}

/** `PermissionSet.<field>` selections for the service user's assignment query. */
export function assignmentPermissionFields(fields: PermissionFields): string[] {
  return [fields.approveUninstalled, fields.apiOnly].filter((f): f is string => Boolean(f)).map((f) => `PermissionSet.${f}`);
}

/** One readMetadata of the service users' profiles (at most 10 names), or undefined when none. */
export function readProfiles(client: SalesforceClient, profileNames: Array<string | null>): Promise<MetadataReadOutcome> | undefined {
  const names = [...new Set(profileNames.filter((n): n is string => Boolean(n)))].slice(0, 10);
  if (names.length === 0) return undefined;
  return client.readMetadata('Profile', names);
}

const asList = (value: unknown): SfRecord[] => (Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : []) as SfRecord[];

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The login restrictions of one Metadata API Profile record. */
export function profileRestrictions(record: SfRecord | undefined): Pick<ConnectionUserFacts, 'loginIpRanges' | 'loginHours'> {
  if (!record) return { loginIpRanges: null, loginHours: null };
  const loginIpRanges = asList(record.loginIpRanges).map((r) => ({
    start: String(r.startAddress ?? ''),
    end: String(r.endAddress ?? ''),
    description: String(r.description ?? ''),
  }));
  const hours = asList(record.loginHours)[0] ?? {};
  const loginHours: Record<string, { start: string; end: string }> = {};
  for (const day of DAYS) {
    const start = hours[`${day}Start`];
    const end = hours[`${day}End`];
    if (start !== undefined || end !== undefined) loginHours[day] = { start: String(start ?? ''), end: String(end ?? '') };
  }
  return { loginIpRanges, loginHours };
}

/** The My Domain host to enter in Code42's Step 3 ("Include the suffix"). */
export function myDomainOf(instanceUrl: string | undefined): string | null {
  if (!instanceUrl) return null;
  try {
    return new URL(instanceUrl).host || null;
  } catch {
    return null;
  }
}

const failureOf = (o: ReadOutcome | undefined): ReadFailure | undefined => (o && !o.ok ? o : undefined);
const recordsOf = (o: ReadOutcome | undefined): SfRecord[] | undefined => (o?.ok && o.records ? o.records : undefined);

export type ConnectionInputs = {
  reads: Map<string, ReadOutcome>;
  fields: PermissionFields;
  serviceUsers: Array<{ id: string; profileName: string | null }> | null;
  /** The service users' PermissionSetAssignment rows (Composite B), with the label-found fields. */
  assignments: SfRecord[] | undefined;
  profiles: MetadataReadOutcome | undefined;
  idOf: (value: unknown) => string | undefined;
  lapsed: (row: SfRecord) => boolean;
  reason: (what: string, failure: ReadFailure) => string;
};

/** Builds facts.connection and records why a part could not be read in `unavailable`. */
export function connectionFacts(input: ConnectionInputs, unavailable: Record<string, string>): ConnectionFacts {
  const { reads, fields } = input;

  let tokens: ConnectionFacts['tokens'] = null;
  const tokenRows = recordsOf(reads.get('oauthTokens'));
  if (tokenRows) {
    tokens = tokenRows
      .filter((t) => isCode42AppName(t.AppName))
      .map((t) => ({
        appName: String(t.AppName ?? ''),
        userId: input.idOf(t.UserId) ?? String(t.UserId ?? ''),
        createdDate: (t.CreatedDate as string | undefined) ?? null,
        lastUsedDate: (t.LastUsedDate as string | undefined) ?? null,
        useCount: typeof t.UseCount === 'number' ? t.UseCount : null,
      }));
  } else {
    const f = failureOf(reads.get('oauthTokens'));
    if (f) unavailable.oauthTokens = input.reason('OauthToken (Code42 authorization)', f);
  }

  let apps: ConnectionFacts['apps'] = null;
  const appRows = recordsOf(reads.get('connectedApps'));
  if (appRows) {
    const accessRows = recordsOf(reads.get('connectedAppAccess'));
    const accessFailure = failureOf(reads.get('connectedAppAccess'));
    if (accessFailure) unavailable.connectedAppAccess = input.reason('SetupEntityAccess (who the connected app admits)', accessFailure);
    apps = appRows
      .filter((a) => isCode42AppName(a.Name))
      .map((a) => {
        const id = input.idOf(a.Id) ?? String(a.Id);
        const admitted = accessRows
          ? accessRows
              .filter((r) => input.idOf(r.SetupEntityId) === id)
              .map((r) =>
                r.Parent?.IsOwnedByProfile === true
                  ? { type: 'profile', name: String(r.Parent?.Profile?.Name ?? '') }
                  : { type: 'permissionSet', name: String(r.Parent?.Name ?? '') }
              )
          : null;
        const option = a.OptionsAllowAdminApprovedUsersOnly;
        return { id, name: String(a.Name ?? ''), adminApprovedOnly: typeof option === 'boolean' ? option : null, admitted };
      });
  } else {
    const f = failureOf(reads.get('connectedApps'));
    if (f) unavailable.connectedApps = input.reason('ConnectedApplication (installed connected apps)', f);
  }

  let salesforceLicence: ConnectionFacts['salesforceLicence'] = null;
  const licenceRows = recordsOf(reads.get('userLicense'));
  const licence = licenceRows?.[0];
  if (licence && typeof licence.TotalLicenses === 'number' && typeof licence.UsedLicenses === 'number') {
    salesforceLicence = { name: String(licence.Name ?? 'Salesforce'), total: licence.TotalLicenses, used: licence.UsedLicenses };
  } else {
    const f = failureOf(reads.get('userLicense'));
    unavailable.userLicense = f ? input.reason('UserLicense', f) : messages.getMessage('unavailable.userLicense');
  }

  const approvePermission = fields.approveUninstalled ? { field: fields.approveUninstalled, label: PERMISSION_LABELS.approveUninstalled as string } : null;

  const profileRecords = input.profiles?.ok ? input.profiles.records : undefined;
  if (input.profiles && !input.profiles.ok) {
    unavailable.loginAccess = input.reason('Profile login IP ranges and login hours (Metadata API)', input.profiles);
  }
  const users: Record<string, ConnectionUserFacts> = {};
  for (const user of input.serviceUsers ?? []) {
    const rows = input.assignments?.filter((r) => input.idOf(r.AssigneeId) === user.id && !input.lapsed(r));
    const holds = (field: string | undefined): boolean | null => {
      if (!field || !rows) return null;
      return rows.some((r) => r.PermissionSet?.[field] === true);
    };
    const profile = profileRecords?.find((p) => String(p.fullName ?? '') === user.profileName);
    users[user.id] = {
      apiOnly: holds(fields.apiOnly),
      approveUninstalled: holds(fields.approveUninstalled),
      permissionSetNames: rows ? rows.filter((r) => r.PermissionSet?.IsOwnedByProfile !== true).map((r) => String(r.PermissionSet?.Name ?? '')) : null,
      ...(profileRecords ? profileRestrictions(profile) : { loginIpRanges: null, loginHours: null }),
    };
  }
  return { apps, approvePermission, tokens, salesforceLicence, users };
}
