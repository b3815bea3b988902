/*
 * SOQL text shared by `sf code42 preflight` and `sf code42 access-errors`: literal quoting and
 * the user look-ups both commands make, so the two find users the same way.
 */
import { SERVICE_PERMISSION_SET, SERVICE_PROFILE } from '@code42-companion/rules';
import { recordId18 } from './ids.js';
import { entryKind } from '../scope/users.js';

/** SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The inside of a SOQL `IN (...)`. */
export const soqlList = (values: string[]): string => values.map(soqlString).join(', ');

/**
 * Values split into lists of at most `size`, one SOQL `IN (...)` each, so no query's text grows
 * past what one GET URL carries. (Packing the queries into Composite requests is composite.ts's
 * compositeBatches.)
 */
export function inListBatches<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/**
 * The Code42 service account: whoever holds our permission set, or our profile (through the
 * profile's own permission set). Shared by both commands, so they find the same user.
 */
export function serviceUserAssignmentsSoql(): string {
  return (
    'SELECT AssigneeId, Assignee.Username, Assignee.Name, Assignee.Email, Assignee.IsActive, Assignee.LastLoginDate, Assignee.Profile.Name, Assignee.Profile.UserLicense.Name FROM PermissionSetAssignment ' +
    `WHERE PermissionSet.Name = ${soqlString(SERVICE_PERMISSION_SET)} OR (PermissionSet.IsOwnedByProfile = true AND PermissionSet.Profile.Name = ${soqlString(SERVICE_PROFILE)})`
  );
}

/**
 * Users named by usernames (and, with `byEmail`, email addresses) or 15/18-character Ids,
 * in one query. `values` must not be empty.
 */
export function userLookupSoql(fields: string, values: string[], options: { byEmail?: boolean } = {}): string {
  const ids = values.filter((v) => entryKind(v) === 'id').map((v) => recordId18(v.trim()) as string);
  const names = values.filter((v) => entryKind(v) !== 'id');
  const clauses = [
    ...(names.length > 0 ? [`Username IN (${soqlList(names)})`] : []),
    ...(names.length > 0 && options.byEmail ? [`Email IN (${soqlList(names)})`] : []),
    ...(ids.length > 0 ? [`Id IN (${soqlList(ids)})`] : []),
  ];
  return `SELECT ${fields} FROM User WHERE ${clauses.join(' OR ')}`;
}
