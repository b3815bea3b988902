/*
 * The Export Reports holders: every active user granted Export Reports, minus grants muted
 * through a permission set group (Composite A reads the muting sets and the group components,
 * Composite B the assignments, paged).
 */
import { EXPORT_REPORT_PERMISSION } from '@code42-companion/rules';
import type { ReadOutcome, ReadRequest } from '../salesforce/composite.js';
import { groupsMuting, holdersFromAssignments, type Holder } from '../scope/holders.js';
import { failureOf, records, unavailableReason, type FactOutcome } from './read.js';

/** Composite A: what mutes Export Reports inside permission set groups. */
export const mutingReads: ReadRequest[] = [
  { id: 'groupComponents', soql: 'SELECT PermissionSetGroupId, PermissionSetId FROM PermissionSetGroupComponent' },
  { id: 'muting', soql: `SELECT Id, DeveloperName FROM MutingPermissionSet WHERE Permissions${EXPORT_REPORT_PERMISSION} = true` },
];

/** Composite B: the active holders' assignments. */
export function holdersRead(assignmentFields: string): ReadRequest {
  return {
    id: 'holders',
    soql:
      `SELECT ${assignmentFields}, Assignee.Username, Assignee.Name, Assignee.Email, Assignee.UserRoleId, Assignee.UserType FROM PermissionSetAssignment ` +
      `WHERE PermissionSet.Permissions${EXPORT_REPORT_PERMISSION} = true AND Assignee.IsActive = true`,
  };
}

/** Groups whose muting permission set mutes Export Reports; a failed read becomes a note. */
export function mutedGroupsOf(a: Map<string, ReadOutcome>, notes: string[]): Set<string> {
  const mutingRows = records(a.get('muting'));
  const componentRows = records(a.get('groupComponents'));
  if (mutingRows && componentRows) return groupsMuting(componentRows, mutingRows.map((m) => String(m.Id)));
  const failure = failureOf(a.get('muting')) ?? failureOf(a.get('groupComponents'));
  if (failure) notes.push(unavailableReason('Muting permission sets', failure));
  return new Set<string>();
}

export function holdersFact(outcome: ReadOutcome | undefined, now: Date, mutedGroups: Set<string>): FactOutcome<Holder[]> {
  const rows = records(outcome);
  if (!rows) return { unavailable: unavailableReason('Export Reports holders (PermissionSetAssignment)', failureOf(outcome) as never) };
  return { value: holdersFromAssignments(rows, { now, mutedGroups }) };
}
