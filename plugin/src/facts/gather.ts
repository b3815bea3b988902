/*
 * Fills the Facts v1 structure documented in code42Rules.js from the org, with as few API
 * calls as the answer allows. One gatherer per fact (org.ts, eventMonitoring.ts, streams.ts,
 * permissions.ts, serviceUsers.ts, exportHolders.ts, scope.ts, sessions.ts, limits.ts,
 * connection.ts); this orchestrator only builds the batches and assembles the facts:
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
import { FACTS_VERSION } from '@code42-companion/rules';
import type { SalesforceClient } from '../salesforce/client.js';
import type { ScopeFile } from '../scope/scopeFile.js';
import { assignmentLapsed } from '../scope/holders.js';
import { recordId18 } from '../salesforce/ids.js';
import * as connection from './connection.js';
import { eventMonitoringFact, eventMonitoringReads } from './eventMonitoring.js';
import { holdersFact, holdersRead, mutedGroupsOf, mutingReads } from './exportHolders.js';
import { limitsFact } from './limits.js';
import { orgFact, orgRead } from './org.js';
import { assignmentFieldsOf, permissionPlan } from './permissions.js';
import { messages, records, settle, unavailableReason } from './read.js';
import { groupsReads, resolveScope, startGroupScope } from './scope.js';
import { addServiceUserDetails, serviceUserCandidates, serviceUserCandidatesRead, serviceUserDetailReads } from './serviceUsers.js';
import { sessionsFact, sessionsRead } from './sessions.js';
import { streamsFact } from './streams.js';
import type { Facts, PreflightGathered, ScopeMode } from './types.js';

export type GatherOptions = {
  serviceUser?: string;
  scopeMode: ScopeMode;
  scopeFile?: ScopeFile;
  instanceUrl?: string;
  now?: Date;
  progress?: (status: string) => void;
};

export async function gatherFacts(client: SalesforceClient, options: GatherOptions): Promise<PreflightGathered> {
  const now = options.now ?? new Date();
  const progress = options.progress ?? ((): void => {});
  const unavailable: Record<string, string> = {};
  const notes: string[] = [];
  const requested = options.serviceUser?.trim();

  // ---- 1 + 2: Composite A and the streaming settings, in parallel -------------------------
  progress(messages.getMessage('progress.org'));
  const [a, streamsOutcome, connectionReads] = await Promise.all([
    client.readAll([
      orgRead,
      serviceUserCandidatesRead(requested),
      ...mutingReads,
      ...groupsReads(options.scopeMode),
      { id: 'describePermissionSet', path: '/sobjects/PermissionSet/describe' },
      { id: 'describeAssignment', path: '/sobjects/PermissionSetAssignment/describe' },
      ...eventMonitoringReads,
    ]),
    client.readMetadata('RealTimeEventSettings', ['RealTimeEvent']),
    connection.startConnectionReads(client),
  ]);

  const org = settle(orgFact(a.get('org'), options.instanceUrl), 'org', unavailable);
  const plan = permissionPlan(a.get('describePermissionSet'));
  const vrtem = plan.required.find((p) => p.findByLabel);
  const eventMonitoring = settle(eventMonitoringFact(a, plan.byKey, vrtem), 'eventMonitoring', unavailable);
  const streams = settle(streamsFact(streamsOutcome), 'streams', unavailable);
  const connectionFields = connection.permissionFieldsByLabel(a.get('describePermissionSet'));
  if (plan.note) notes.push(plan.note);
  const assignmentFields = assignmentFieldsOf(a.get('describeAssignment'));
  const mutedGroups = mutedGroupsOf(a, notes);
  const serviceUsers = settle(serviceUserCandidates(a.get('serviceUsers'), requested, plan.unknown), 'serviceUsers', unavailable);

  // ---- 3: Composite B, while group scope expands from Composite A ---------------------------
  progress(messages.getMessage('progress.users'));
  const svcIds = (serviceUsers ?? []).map((u) => u.id);
  const groupScope = startGroupScope(client, a, options, notes);
  const [b, profiles] = await Promise.all([
    client.readAll([...serviceUserDetailReads(svcIds, assignmentFields, plan, connectionFields, now), holdersRead(assignmentFields), sessionsRead]),
    connection.readProfiles(
      client,
      (serviceUsers ?? []).map((u) => u.profileName)
    ),
  ]);
  if (serviceUsers && svcIds.length > 0) addServiceUserDetails(serviceUsers, b, plan, now, unavailable);
  const orgHolders = settle(holdersFact(b.get('holders'), now, mutedGroups), 'holders', unavailable);

  // ---- 4: scope, sessions, limits -------------------------------------------------------------
  const scope = await resolveScope(client, { ...options, now, progress }, orgHolders, groupScope, notes);
  if (scope.holdersUnavailable !== undefined) unavailable.holders = scope.holdersUnavailable;
  const sessionsUserIds = settle(sessionsFact(b.get('sessions'), scope.inScopeUsers), 'sessions', unavailable);
  const limits = settle(await limitsFact(client), 'limits', unavailable);

  const facts: Facts = {
    factsVersion: FACTS_VERSION as number,
    source: 'cli',
    collectedAt: now.toISOString(),
    org,
    eventMonitoring,
    streams,
    serviceUserSelection: requested ? { requested } : {},
    serviceUsers,
    holders: scope.holders ? { totalCount: scope.holders.length, inScopeCount: scope.inScopeUsers.length } : null,
    scope: { mode: options.scopeMode, entries: options.scopeFile?.entries.length ?? 0, unmatched: scope.unmatched },
    sessions: sessionsUserIds ? { inScopeUsersWithSessions: sessionsUserIds.length } : null,
    limits,
    ...(Object.keys(plan.apiNames).length ? { permissionApiNames: plan.apiNames } : {}),
    connection: connection.connectionFacts(
      {
        reads: connectionReads,
        fields: connectionFields,
        serviceUsers,
        assignments: records(b.get('serviceAssignments')),
        profiles,
        idOf: recordId18,
        lapsed: (row) => assignmentLapsed(row, now),
        reason: unavailableReason,
      },
      unavailable
    ),
    unavailable,
  };
  const users = { holders: scope.holders, inScopeUsers: scope.holders ? scope.inScopeUsers : [], notMonitored: scope.notMonitored };
  return { facts, users, sessionsUserIds: sessionsUserIds ?? [], notes };
}
