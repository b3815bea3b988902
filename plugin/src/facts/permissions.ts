/*
 * Which permission fields this org has (from the PermissionSet and PermissionSetAssignment
 * describes in Composite A), so no later query selects a field the org does not have, and the
 * service users' permission grants from their assignments (Composite B).
 */
import { REQUIRED_PERMISSIONS } from '@code42-companion/rules';
import type { ReadOutcome } from '../salesforce/composite.js';
import type { SfRecord } from '../salesforce/records.js';
import { assignmentLapsed, grantSource } from '../scope/holders.js';
import { recordId18 } from '../salesforce/ids.js';
import * as connection from './connection.js';
import { describeFieldNames, failureOf, unavailableReason } from './read.js';

export type RequiredPermission = { name: string; label: string; confidence: string; findByLabel?: boolean };

const PERMISSION_SET_FIELDS = 'PermissionSet.Name, PermissionSet.Label, PermissionSet.Type, PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name';

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

/** The PermissionSetAssignment fields every assignment query selects, as far as the org has them. */
export function assignmentFieldsOf(describeAssignment: ReadOutcome | undefined): string {
  const psaFields = describeFieldNames(describeAssignment);
  const extras = ['ExpirationDate', 'IsActive'].filter((f) => !psaFields || psaFields.has(f));
  const hasGroupField = !psaFields || psaFields.has('PermissionSetGroupId');
  return [
    'AssigneeId',
    'PermissionSetId',
    PERMISSION_SET_FIELDS,
    ...(hasGroupField ? ['PermissionSetGroupId', 'PermissionSetGroup.DeveloperName'] : []),
    ...extras,
  ].join(', ');
}

/** What Composite A says about the required permissions' fields. */
export type PermissionPlan = {
  required: RequiredPermission[];
  /** key -> field, from the describe; undefined when the describe failed. */
  byKey: Map<string, string> | undefined;
  /** key -> field to select. Without the describe, only confirmed names we can trust. */
  toField: Map<string, string>;
  known: string[];
  unknown: string[];
  /** Permissions found by label: key -> field name (Facts.permissionApiNames). */
  apiNames: Record<string, string>;
  /** Why the describe could not be read, when it failed. */
  note?: string;
};

export function permissionPlan(describePermissionSet: ReadOutcome | undefined): PermissionPlan {
  const required = REQUIRED_PERMISSIONS as RequiredPermission[];
  const byKey = permissionFields(describePermissionSet, required);
  const apiNames: Record<string, string> = {};
  for (const p of required) if (p.findByLabel && byKey?.has(p.name)) apiNames[p.name] = byKey.get(p.name) as string;
  // Without the describe, never a permission found by label, whose name is unknown then.
  const toField = byKey
    ? byKey
    : new Map(required.filter((p) => p.confidence === 'confirmed' && !p.findByLabel).map((p) => [p.name, `Permissions${p.name}`]));
  const unknown = byKey ? required.filter((p) => !byKey.has(p.name)).map((p) => p.name) : required.filter((p) => p.findByLabel).map((p) => p.name);
  const failure = byKey ? undefined : failureOf(describePermissionSet);
  return {
    required,
    byKey,
    toField,
    known: [...toField.keys()],
    unknown,
    apiNames,
    ...(failure ? { note: unavailableReason('PermissionSet describe', failure) } : {}),
  };
}

/** One service user's grants of the known permissions, from its unexpired assignments. */
export function permissionGrants(
  userId: string,
  assignments: SfRecord[],
  plan: PermissionPlan,
  now: Date
): Record<string, Array<{ type: string; name: string }>> {
  const grants: Record<string, Array<{ type: string; name: string }>> = {};
  for (const row of assignments) {
    if (recordId18(row.AssigneeId) !== userId || assignmentLapsed(row, now)) continue;
    const source = grantSource(row);
    for (const perm of plan.known) {
      if (row.PermissionSet?.[plan.toField.get(perm) as string] !== true) continue;
      const list = grants[perm] ?? [];
      if (!list.some((g) => g.type === source.type && g.name === source.name)) list.push(source);
      grants[perm] = list;
    }
  }
  return grants;
}
