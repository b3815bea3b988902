/*
 * Pure: Export Reports holders from PermissionSetAssignment rows.
 * An assignment counts when the user is active, the assignment has not expired (or been
 * deactivated), and, for a permission set group, the group does not mute Export Reports.
 */
import { idMatchKey, recordId18 } from '../salesforce/ids.js';
import type { SfRecord } from '../salesforce/records.js';

export type GrantSource = { type: 'profile' | 'permissionSet' | 'permissionSetGroup'; name: string };

export type Holder = {
  /** 18-character Id. */
  id: string;
  username: string;
  name: string;
  email: string;
  userRoleId?: string;
  userType?: string;
  /** How the user got the permission, e.g. "profile:System Administrator". */
  grantedBy: string[];
};

/** Where an assignment's permissions come from: a profile, a permission set or a group. */
export function grantSource(row: SfRecord): GrantSource {
  const ps = (row.PermissionSet ?? {}) as SfRecord;
  if (ps.IsOwnedByProfile === true || ps.Type === 'Profile') {
    return { type: 'profile', name: String(ps.Profile?.Name ?? ps.Label ?? ps.Name ?? row.PermissionSetId) };
  }
  if (row.PermissionSetGroupId || ps.Type === 'Group') {
    return {
      type: 'permissionSetGroup',
      name: String(row.PermissionSetGroup?.DeveloperName ?? ps.Name ?? row.PermissionSetGroupId),
    };
  }
  return { type: 'permissionSet', name: String(ps.Name ?? ps.Label ?? row.PermissionSetId) };
}

export function formatGrant(source: GrantSource): string {
  return `${source.type}:${source.name}`;
}

/** True when the assignment no longer grants anything (expired, or marked inactive). */
export function assignmentLapsed(row: SfRecord, now: Date): boolean {
  if (row.IsActive === false) return true;
  if (typeof row.ExpirationDate === 'string' && row.ExpirationDate.length > 0) {
    const expires = Date.parse(row.ExpirationDate);
    if (!Number.isNaN(expires) && expires <= now.getTime()) return true;
  }
  return false;
}

/**
 * Permission set groups that mute a permission: a group mutes it when one of its components
 * is a muting permission set with that permission enabled.
 * @param components PermissionSetGroupComponent rows (PermissionSetGroupId, PermissionSetId)
 * @param mutingIds Ids of MutingPermissionSet rows that have the permission enabled
 */
export function groupsMuting(components: SfRecord[], mutingIds: Iterable<string>): Set<string> {
  const muting = new Set([...mutingIds].map(idMatchKey));
  const groups = new Set<string>();
  for (const c of components) {
    const ps = idMatchKey(c.PermissionSetId);
    const group = idMatchKey(c.PermissionSetGroupId);
    if (ps && group && muting.has(ps)) groups.add(group);
  }
  return groups;
}

/** True when this assignment reaches the user through a group that mutes the permission. */
export function mutedByGroup(row: SfRecord, mutedGroups: Set<string>): boolean {
  const group = idMatchKey(row.PermissionSetGroupId ?? row.PermissionSet?.PermissionSetGroupId);
  return group !== '' && mutedGroups.has(group);
}

/**
 * Active Export Reports holders, one per user (deduplicated), with every live grant.
 * Rows come from: PermissionSetAssignment WHERE PermissionSet.PermissionsExportReport = true.
 */
export function holdersFromAssignments(
  rows: SfRecord[],
  options: { now: Date; mutedGroups?: Set<string> }
): Holder[] {
  const mutedGroups = options.mutedGroups ?? new Set<string>();
  const byId = new Map<string, Holder>();
  for (const row of rows) {
    const id = recordId18(row.AssigneeId);
    if (!id) continue;
    const assignee = (row.Assignee ?? {}) as SfRecord;
    if (assignee.IsActive === false) continue;
    if (assignmentLapsed(row, options.now)) continue;
    if (mutedByGroup(row, mutedGroups)) continue;
    const key = idMatchKey(id);
    let holder = byId.get(key);
    if (!holder) {
      holder = {
        id,
        username: String(assignee.Username ?? ''),
        name: String(assignee.Name ?? ''),
        email: String(assignee.Email ?? ''),
        userRoleId: recordId18(assignee.UserRoleId),
        userType: typeof assignee.UserType === 'string' ? assignee.UserType : undefined,
        grantedBy: [],
      };
      byId.set(key, holder);
    }
    const grant = formatGrant(grantSource(row));
    if (!holder.grantedBy.includes(grant)) holder.grantedBy.push(grant);
  }
  return [...byId.values()].sort((a, b) => a.username.localeCompare(b.username) || a.id.localeCompare(b.id));
}
