/*
 * The scope: which Export Reports holders Code42 will monitor. All holders, the users of a
 * users CSV (rows matching no holder are looked up, 200 per read), or the members of the public
 * groups of a groups CSV (nested groups followed one level per Composite call, the role hierarchy
 * read with the first level). `gatherInScopeUsers` is the scope-only entry point
 * (access-errors --in-scope): only the reads the scope needs, no preflight facts.
 */
import { formatCount, THRESHOLDS } from '@code42-companion/rules';
import type { SalesforceClient } from '../salesforce/client.js';
import type { ReadOutcome, ReadRequest } from '../salesforce/composite.js';
import type { ReadFailure } from '../salesforce/errors.js';
import type { SfRecord } from '../salesforce/records.js';
import { inListBatches, soqlList, userLookupSoql } from '../salesforce/soql.js';
import { expandGroups, holdersInGroups, indexGroups, matchGroupEntries, type MemberRow, type RoleRow } from '../scope/groups.js';
import type { Holder } from '../scope/holders.js';
import type { ScopeEntry, ScopeFile } from '../scope/scopeFile.js';
import { classifyLookups, matchUserEntries } from '../scope/users.js';
import { holdersFact, holdersRead, mutedGroupsOf, mutingReads } from './exportHolders.js';
import { assignmentFieldsOf } from './permissions.js';
import { messages, records, settle, unavailableReason } from './read.js';
import type { ScopeMode, ScopeUsers } from './types.js';

/** Values per `IN (...)` list: CSV rows looked up per User query, group Ids per GroupMember query. */
const USERS_PER_LOOKUP = 200;
const GROUP_IDS_PER_QUERY = 300;

export type ScopeOptions = { scopeMode: ScopeMode; scopeFile?: ScopeFile; now?: Date; progress?: (status: string) => void };

/** Composite A, group scope only: the public groups the CSV rows are matched to. */
export function groupsReads(mode: ScopeMode): ReadRequest[] {
  if (mode !== 'groups') return [];
  return [
    {
      id: 'groups',
      soql: "SELECT Id, Name, DeveloperName, Type, RelatedId FROM Group WHERE Type IN ('Regular', 'Role', 'RoleAndSubordinates', 'RoleAndSubordinatesInternal', 'Organization')",
    },
  ];
}

/** Over Code42's limit the file would be refused: no call is spent on its rows. */
export function overScopeLimit(options: ScopeOptions): boolean {
  return options.scopeMode !== 'all' && (options.scopeFile?.entries.length ?? 0) > THRESHOLDS.maxScopeEntries;
}

type GroupScope = { unmatched: ScopeEntry[]; expansion?: Awaited<ReturnType<typeof expandGroups>>; roles: RoleRow[]; failure?: string };

/**
 * Group scope needs only Composite A: start expanding the groups level by level (while
 * Composite B and the holders' pages are read, instead of after them).
 */
export function startGroupScope(
  client: SalesforceClient,
  a: Map<string, ReadOutcome>,
  options: ScopeOptions,
  notes: string[]
): Promise<GroupScope> | undefined {
  if (options.scopeMode !== 'groups' || overScopeLimit(options)) return undefined;
  return expandGroupScope(client, a.get('groups'), options.scopeFile?.entries ?? [], notes);
}

export type ResolvedScope = ScopeUsers & { unmatched: ScopeEntry[]; holdersUnavailable?: string };

/** The holders in scope. When the scope cannot be decided, `holders` is null and says why. */
export async function resolveScope(
  client: SalesforceClient,
  options: ScopeOptions,
  holders: Holder[] | null,
  groupScope: Promise<GroupScope> | undefined,
  notes: string[]
): Promise<ResolvedScope> {
  const entries = options.scopeFile?.entries ?? [];
  const progress = options.progress ?? ((): void => {});
  const none = { holders: null, inScopeUsers: [], notMonitored: [], unmatched: [] };
  if (options.scopeFile?.duplicates?.length) notes.push(duplicatesNote(options.scopeFile));
  if (options.scopeMode === 'all') return { holders, inScopeUsers: holders ?? [], notMonitored: [], unmatched: [] };
  if (overScopeLimit(options)) {
    const reason = messages.getMessage('unavailable.scopeOverLimit', [
      options.scopeFile?.file ?? '',
      formatCount(entries.length) as string,
      formatCount(THRESHOLDS.maxScopeEntries) as string,
    ]);
    return { ...none, holdersUnavailable: reason };
  }
  if (options.scopeMode === 'users') {
    progress(messages.getMessage('progress.scope'));
    const match = matchUserEntries(entries, holders ?? []);
    const inScopeUsers = holders ? match.inScope : [];
    if (match.needLookup.length === 0) return { holders, inScopeUsers, notMonitored: [], unmatched: [] };
    const lookups = inListBatches(match.needLookup, USERS_PER_LOOKUP).map((part, i) => ({
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
    const { unmatched, notMonitored } = classifyLookups(match.needLookup, users);
    return { holders, inScopeUsers, unmatched, notMonitored };
  }
  progress(messages.getMessage('progress.groups'));
  const scope = (await groupScope) as GroupScope;
  if (scope.failure !== undefined || !scope.expansion) return { ...none, unmatched: scope.unmatched, holdersUnavailable: scope.failure ?? '' };
  return { holders, inScopeUsers: holders ? holdersInGroups(holders, scope.expansion, scope.roles) : [], notMonitored: [], unmatched: scope.unmatched };
}

/**
 * Scope-only (access-errors --in-scope): Composite A with what the holders and the scope need
 * (muting, the assignment describe, the groups), Composite B with the holders, then the scope.
 */
export async function gatherInScopeUsers(client: SalesforceClient, options: ScopeOptions): Promise<Holder[]> {
  const now = options.now ?? new Date();
  const notes: string[] = [];
  const a = await client.readAll([
    ...mutingReads,
    ...groupsReads(options.scopeMode),
    { id: 'describeAssignment', path: '/sobjects/PermissionSetAssignment/describe' },
  ]);
  const groupScope = startGroupScope(client, a, options, notes);
  const b = await client.readAll([holdersRead(assignmentFieldsOf(a.get('describeAssignment')))]);
  const holders = settle(holdersFact(b.get('holders'), now, mutedGroupsOf(a, notes)), 'holders', {});
  return (await resolveScope(client, options, holders, groupScope, notes)).inScopeUsers;
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

async function expandGroupScope(
  client: SalesforceClient,
  groupsOutcome: ReadOutcome | undefined,
  entries: ScopeEntry[],
  notes: string[]
): Promise<GroupScope> {
  const groupRows = records(groupsOutcome);
  if (!groupRows) return { unmatched: [], roles: [], failure: unavailableReason('Public groups (Group)', groupsOutcome as ReadFailure) };
  const groupsById = indexGroups(groupRows);
  const match = matchGroupEntries(entries, groupRows as never);
  let roles: RoleRow[] = [];
  let firstLevel = true;
  let memberFailure: ReadFailure | undefined;
  const expansion = await expandGroups(match.groupIds, groupsById, async (groupIds) => {
    const reads: ReadRequest[] = inListBatches(groupIds, GROUP_IDS_PER_QUERY).map((part, i) => ({
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
  return { unmatched: match.unmatched, expansion, roles, ...(memberFailure ? { failure: unavailableReason('GroupMember', memberFailure) } : {}) };
}
