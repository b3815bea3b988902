/*
 * The service-user facts: the candidates (Composite A: the requested user, or everyone assigned
 * the Code42 permission set), then their assignments, UserLogin and last hour's LoginHistory
 * (Composite B), read together for all candidates.
 */
import { LOGIN_RATE_STATUS } from '@code42-companion/rules';
import type { ReadOutcome, ReadRequest } from '../salesforce/composite.js';
import type { SfRecord } from '../salesforce/records.js';
import { serviceUserAssignmentsSoql, soqlList, userLookupSoql } from '../salesforce/soql.js';
import { recordId18 } from '../salesforce/ids.js';
import * as connection from './connection.js';
import { permissionGrants, type PermissionPlan } from './permissions.js';
import { failureOf, hiddenOrFailed, records, unavailableReason, type FactOutcome } from './read.js';
import type { ServiceUserFacts } from './types.js';

export function serviceUserCandidatesRead(requested: string | undefined): ReadRequest {
  return requested
    ? {
        id: 'serviceUsers',
        // A username or a 15/18-character Id, as access-errors accepts it.
        soql: userLookupSoql('Id, Username, Name, Email, IsActive, LastLoginDate, Profile.Name, Profile.UserLicense.Name', [requested]),
      }
    : { id: 'serviceUsers', soql: serviceUserAssignmentsSoql() };
}

/** The candidates, deduplicated by Id and sorted by username; their B-facts still null. */
export function serviceUserCandidates(
  outcome: ReadOutcome | undefined,
  requested: string | undefined,
  unknownPermissions: string[]
): FactOutcome<ServiceUserFacts[]> {
  const rows = records(outcome);
  if (!rows) return { unavailable: unavailableReason('The service account user', failureOf(outcome) as never) };
  const byId = new Map<string, ServiceUserFacts>();
  for (const row of rows) {
    const u = (requested ? row : row.Assignee ?? {}) as SfRecord;
    const id = recordId18(requested ? row.Id : row.AssigneeId);
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
  return { value: [...byId.values()].sort((x, y) => x.username.localeCompare(y.username)) };
}

/** Composite B's reads about the candidates (none without candidates). */
export function serviceUserDetailReads(
  ids: string[],
  assignmentFields: string,
  plan: PermissionPlan,
  connectionFields: ReturnType<typeof connection.permissionFieldsByLabel>,
  now: Date
): ReadRequest[] {
  if (ids.length === 0) return [];
  const idList = soqlList(ids);
  const sinceIso = new Date(now.getTime() - 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const permFields = [
    ...plan.known.map((p) => `PermissionSet.${plan.toField.get(p) as string}`),
    ...connection.assignmentPermissionFields(connectionFields),
  ];
  return [
    {
      id: 'serviceAssignments',
      soql: `SELECT ${[assignmentFields, ...permFields].join(', ')} FROM PermissionSetAssignment WHERE AssigneeId IN (${idList})`,
    },
    { id: 'userLogin', soql: `SELECT UserId, IsFrozen, IsPasswordLocked FROM UserLogin WHERE UserId IN (${idList})` },
    {
      id: 'loginHistory',
      soql: `SELECT UserId, Status, COUNT(Id) logins FROM LoginHistory WHERE UserId IN (${idList}) AND LoginTime >= ${sinceIso} GROUP BY UserId, Status`,
    },
  ];
}

/** Fills each candidate's grants, frozen/locked state and login rate from Composite B; failures into `unavailable`. */
export function addServiceUserDetails(
  users: ServiceUserFacts[],
  b: Map<string, ReadOutcome>,
  plan: PermissionPlan,
  now: Date,
  unavailable: Record<string, string>
): void {
  const assignments = records(b.get('serviceAssignments'));
  const logins = records(b.get('userLogin'));
  const history = records(b.get('loginHistory'));
  for (const user of users) {
    if (assignments) user.permissionGrants = permissionGrants(user.id, assignments, plan, now);
    if (logins) {
      const row = logins.find((l) => recordId18(l.UserId) === user.id);
      user.isFrozen = row ? row.IsFrozen === true : null;
      user.isPasswordLocked = row ? row.IsPasswordLocked === true : null;
    }
    if (history) {
      const rows = history.filter((h) => recordId18(h.UserId) === user.id);
      user.loginsLastHour = rows.reduce((sum, h) => sum + Number(h.logins ?? h.expr0 ?? 1), 0);
      user.loginRateExceeded = rows.some((h) => LOGIN_RATE_STATUS.test(String(h.Status ?? '')));
    }
  }
  const assignmentFailure = failureOf(b.get('serviceAssignments'));
  if (assignmentFailure) unavailable.permissions = unavailableReason("The service account user's permission assignments", assignmentFailure);
  const loginFailure = failureOf(b.get('userLogin'));
  if (loginFailure) unavailable.userLogin = hiddenOrFailed('userLogin', 'UserLogin (frozen and locked state)', loginFailure);
  const historyFailure = failureOf(b.get('loginHistory'));
  if (historyFailure) unavailable.loginHistory = hiddenOrFailed('loginHistory', 'LoginHistory', historyFailure);
}
