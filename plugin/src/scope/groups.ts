/*
 * Pure: which users a groups CSV puts in scope. Public groups are expanded through nested
 * groups and role groups (Role, RoleAndSubordinates, RoleAndSubordinatesInternal) along the
 * role hierarchy (UserRole.ParentRoleId), safely with cycles. The only I/O is the member
 * fetcher the caller passes in (one call per breadth-first level).
 */
import type { SfRecord } from '../salesforce/records.js';
import type { ScopeEntry } from './scopeFile.js';
import type { Holder } from './holders.js';
import { idMatchKey, looksLikeId, recordId18 } from '../salesforce/ids.js';

export type GroupRow = { Id: string; Name?: string | null; DeveloperName?: string | null; Type?: string; RelatedId?: string | null };
export type MemberRow = { GroupId: string; UserOrGroupId: string };
export type RoleRow = { Id: string; ParentRoleId?: string | null; PortalType?: string | null };

export const ROLE_GROUP_TYPES = ['Role', 'RoleAndSubordinates', 'RoleAndSubordinatesInternal'];

export type GroupMatch = {
  /** 18-character Ids of the public groups the CSV names. */
  groupIds: string[];
  unmatched: ScopeEntry[];
};

const USER_PREFIX = '005';

/** Match CSV entries to public groups by Id (15/18), DeveloperName or Name (case-insensitive). */
export function matchGroupEntries(entries: ScopeEntry[], groups: GroupRow[]): GroupMatch {
  const publicGroups = groups.filter((g) => !g.Type || g.Type === 'Regular');
  const byId = new Map(publicGroups.map((g) => [idMatchKey(g.Id), g]));
  const byName = new Map<string, GroupRow[]>();
  for (const g of publicGroups) {
    for (const n of [g.DeveloperName, g.Name]) {
      if (!n) continue;
      const k = n.trim().toLowerCase();
      const list = byName.get(k) ?? [];
      if (!list.includes(g)) list.push(g);
      byName.set(k, list);
    }
  }
  const ids = new Set<string>();
  const unmatched: ScopeEntry[] = [];
  for (const entry of entries) {
    const value = entry.value.trim();
    const found: GroupRow[] = [];
    if (looksLikeId(value, '00G') && byId.has(idMatchKey(value))) {
      found.push(byId.get(idMatchKey(value)) as GroupRow);
    } else {
      found.push(...(byName.get(value.toLowerCase()) ?? []));
    }
    if (found.length === 0) unmatched.push(entry);
    for (const g of found) ids.add(recordId18(g.Id) as string);
  }
  return { groupIds: [...ids], unmatched };
}

export type Expansion = {
  /** Users named directly as members (keys: 18-character Id, upper case). */
  userIds: Set<string>;
  /** Role groups met on the way. */
  roleGroups: Array<{ type: string; roleId: string }>;
  /** A group contains "All Internal Users" (Group.Type = 'Organization'). */
  allInternalUsers: boolean;
  /** Every group visited (cycle-safe, upper-cased 18-character keys), including the starting ones. */
  visitedGroups: Set<string>;
  /** Breadth-first levels fetched. */
  levels: number;
};

/**
 * Expand groups breadth-first. `fetchMembers` receives the group Ids of one level and returns
 * their GroupMember rows; `groupsById` describes nested groups (Type, RelatedId).
 */
export async function expandGroups(
  startGroupIds: string[],
  groupsById: Map<string, GroupRow>,
  fetchMembers: (groupIds: string[]) => Promise<MemberRow[]>
): Promise<Expansion> {
  const visited = new Set<string>();
  const userIds = new Set<string>();
  const roleGroups: Expansion['roleGroups'] = [];
  let allInternalUsers = false;
  let levels = 0;
  let frontier: string[] = [];

  const visit = (groupId: string): void => {
    const groupKey = idMatchKey(groupId);
    if (!groupKey || visited.has(groupKey)) return;
    visited.add(groupKey);
    const group = groupsById.get(groupKey);
    if (group?.Type && ROLE_GROUP_TYPES.includes(group.Type)) {
      if (group.RelatedId) roleGroups.push({ type: group.Type, roleId: idMatchKey(group.RelatedId) });
      return; // role groups have no GroupMember rows of interest; their users come from roles
    }
    if (group?.Type === 'Organization') {
      allInternalUsers = true;
      return;
    }
    frontier.push(recordId18(groupId) as string); // real Id: the first 15 characters are case-sensitive
  };

  startGroupIds.forEach(visit);
  while (frontier.length > 0) {
    const level = frontier;
    frontier = [];
    levels++;
    // eslint-disable-next-line no-await-in-loop
    const members = await fetchMembers(level);
    for (const m of members) {
      const member = idMatchKey(m.UserOrGroupId);
      if (!member) continue;
      if (member.startsWith(USER_PREFIX)) userIds.add(member);
      else visit(m.UserOrGroupId);
    }
  }
  return { userIds, roleGroups, allInternalUsers, visitedGroups: visited, levels };
}

/**
 * Roles covered by role groups: `Role` is the role alone; `RoleAndSubordinates` adds every
 * role below it; `RoleAndSubordinatesInternal` adds only internal (non-portal) roles below it.
 */
export function rolesCovered(roleGroups: Expansion['roleGroups'], roles: RoleRow[]): Set<string> {
  const children = new Map<string, RoleRow[]>();
  for (const r of roles) {
    const parent = idMatchKey(r.ParentRoleId);
    if (!parent) continue;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  const covered = new Set<string>();
  for (const rg of roleGroups) {
    covered.add(rg.roleId);
    if (rg.type === 'Role') continue;
    const internalOnly = rg.type === 'RoleAndSubordinatesInternal';
    const seen = new Set<string>([rg.roleId]);
    const queue = [rg.roleId];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const child of children.get(current) ?? []) {
        const childKey = idMatchKey(child.Id);
        if (seen.has(childKey)) continue; // a cycle in bad data must not loop forever
        seen.add(childKey);
        if (internalOnly && child.PortalType && child.PortalType !== 'None') continue;
        covered.add(childKey);
        queue.push(childKey);
      }
    }
  }
  return covered;
}

/** Holders that the expansion puts in scope. */
export function holdersInGroups(holders: Holder[], expansion: Expansion, roles: RoleRow[]): Holder[] {
  const covered = rolesCovered(expansion.roleGroups, roles);
  return holders.filter((h) => {
    if (expansion.userIds.has(idMatchKey(h.id))) return true;
    if (h.userRoleId && covered.has(idMatchKey(h.userRoleId))) return true;
    if (expansion.allInternalUsers && (h.userType === undefined || h.userType === 'Standard')) return true;
    return false;
  });
}

/** Index group rows by normalized Id. */
export function indexGroups(rows: SfRecord[]): Map<string, GroupRow> {
  return new Map(rows.map((r) => [idMatchKey(r.Id), r as GroupRow]));
}
