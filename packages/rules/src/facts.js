/**
 * The Facts structure (FACTS_VERSION 1). Every key is optional: a missing or null value means
 * "could not be read", and facts.unavailable[key] says why (the rule then answers `skip`).
 *
 * {
 *   factsVersion: 1,
 *   source: 'cli' | 'org',
 *   collectedAt: ISO-8601 string,
 *   org: { id, name, edition (Organization.OrganizationType), isSandbox, instanceUrl },
 *   eventMonitoring: { available: boolean, evidence: string },
 *   streams: { LoginEventStream: boolean, LogoutEventStream: boolean, ReportEventStream: boolean },
 *   serviceUserSelection: { requested?: string (the --service-user value) },
 *   serviceUsers: [{
 *     id (18 chars), username, name, email, isActive, profileName, licenseName, lastLoginDate,
 *     isFrozen: boolean|null, isPasswordLocked: boolean|null,
 *     loginsLastHour: number|null, loginRateExceeded: boolean|null,
 *     permissionGrants: { [permissionApiName]: [{ type: 'profile'|'permissionSet'|'permissionSetGroup', name }] } | null (null: could not be read; facts.unavailable.permissions says why),
 *     unknownPermissions: [permissionApiName]   // not exposed by this org's API
 *   }],
 *   holders: { totalCount: number (active holders in the org), inScopeCount: number },
 *   scope: { mode: 'all'|'users'|'groups', entries: number, unmatched: [{ row, value }] },
 *   sessions: { inScopeUsersWithSessions: number },
 *   limits: { dailyApiRequests: { max, remaining } },
 *   insufficientAccess: { logFilesLast7Days: number },  // Insufficient Access event log files of the last 7 days, counted, never downloaded (the dashboard; the CLI's access-errors reads them)
 *   permissionApiNames: { [permissionKey]: 'PermissionsX' }  // REQUIRED_PERMISSIONS with findByLabel: the field found by its describe label
 *   connection: {                       // the authorization step and its evidence (see CONNECTION_CHECKS)
 *     apps: [{ id, name, adminApprovedOnly: boolean|null, admitted: [{ type: 'profile'|'permissionSet', name }] | null }] | null,
 *                                       // Code42's connected apps INSTALLED in the org (ConnectedApplication); null: could not be read
 *     approvePermission: { field, label } | null,  // the "Approve Uninstalled Connected Apps" permission, found by its describe label; null: this org's API has none
 *     tokens: [{ appName, userId, createdDate, lastUsedDate, useCount }] | null,  // Code42's OauthToken rows (never the token values)
 *     salesforceLicence: { name, total, used } | null,  // UserLicense "Salesforce"
 *     users: { [serviceUserId]: { apiOnly: boolean|null, approveUninstalled: boolean|null,
 *              permissionSetNames: [name] | null, loginIpRanges: [{ start, end, description }] | null,
 *              loginHours: { [day]: { start, end } } | null } }
 *   },
 *   unavailable: { [factKey]: 'reason an admin can act on' }  // hidden from the running user: hiddenFromRunningUser(key)
 * }
 * org may also carry myDomain (the My Domain host Code42's Step 3 asks for, e.g. acme.my.salesforce.com).
 */

/** Version of the Facts structure that evaluateChecks() understands. */
export const FACTS_VERSION = 1;
