/*
 * The Event Monitoring add-on. ReportEvent / ReportEventStream describe only with the add-on AND the
 * running user's View Real-Time Event Monitoring Data permission (ReportEventStream reference), so
 * their absence alone is not a fact about the org. The evidence that does not depend on the running
 * user's grants: the PermissionSet describe lists the permission field labelled "View Real-Time
 * Event Monitoring Data" only in orgs with the add-on (PermissionSet reference: the permission
 * fields vary "depending on the permissions for the organization and license type"; Code42: only
 * these subscriptions include that permission). The entities visible: available. Hidden, and the
 * field present: the add-on is there and the running user lacks the permission (skip, naming it).
 * Hidden and no such field: no add-on (fail). Hidden and no PermissionSet describe: cannot tell (skip).
 */
import { EVENT_MONITORING_ENTITIES, hiddenFromRunningUser } from '@code42-companion/rules';
import type { ReadOutcome, ReadRequest } from '../salesforce/composite.js';
import { messages, unavailableReason, type FactOutcome } from './read.js';
import type { RequiredPermission } from './permissions.js';

const entities = EVENT_MONITORING_ENTITIES as string[];

/** The describes this fact reads (in Composite A). */
export const eventMonitoringReads: ReadRequest[] = entities.map((entity) => ({ id: `describe${entity}`, path: `/sobjects/${entity}/describe` }));

export function eventMonitoringFact(
  a: Map<string, ReadOutcome>,
  permFieldByKey: Map<string, string> | undefined,
  vrtem: RequiredPermission | undefined
): FactOutcome<{ available: boolean; evidence: string }> {
  const hidden: string[] = [];
  let blocked: string | undefined;
  for (const entity of entities) {
    const outcome = a.get(`describe${entity}`);
    if (outcome?.ok) continue;
    if (outcome && (outcome.errorCode === 'NOT_FOUND' || outcome.errorCode === 'INVALID_TYPE' || outcome.httpStatusCode === 404)) {
      hidden.push(`${entity} (${outcome.errorCode})`);
    } else if (outcome) {
      blocked = unavailableReason(`${entity} describe`, outcome);
    }
  }
  const field = vrtem ? permFieldByKey?.get(vrtem.name) : undefined;
  if (hidden.length === 0 && !blocked) {
    const present = messages.getMessage('evidence.present', [entities.join(', ')]);
    return {
      value: { available: true, evidence: field ? `${present}; ${messages.getMessage('evidence.field', [field, vrtem?.label ?? ''])}` : present },
    };
  }
  if (blocked) return { unavailable: blocked };
  if (field) {
    return {
      unavailable: hiddenFromRunningUser(
        'eventMonitoring',
        messages.getMessage('evidence.hidden', [hidden.join(', '), field, vrtem?.label ?? ''])
      ) as string,
    };
  }
  if (!permFieldByKey) {
    const failure = a.get('describePermissionSet');
    return {
      unavailable: messages.getMessage('evidence.unknown', [
        hidden.join(', '),
        vrtem?.label ?? '',
        failure && !failure.ok ? `${failure.errorCode}: ${failure.message || '-'}` : '-',
      ]),
    };
  }
  return { value: { available: false, evidence: messages.getMessage('evidence.missing', [hidden.join(', '), vrtem?.label ?? '']) } };
}
