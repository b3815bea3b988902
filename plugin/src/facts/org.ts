/* The Organization fact: the org's Id, name, edition, sandbox flag and My Domain. */
import type { ReadOutcome } from '../salesforce/composite.js';
import { recordId18 } from '../salesforce/ids.js';
import { myDomainOf } from './connection.js';
import { failureOf, messages, records, unavailableReason, type FactOutcome } from './read.js';
import type { Facts } from './types.js';

export const orgRead = { id: 'org', soql: 'SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization LIMIT 1' };

export function orgFact(outcome: ReadOutcome | undefined, instanceUrl: string | undefined): FactOutcome<NonNullable<Facts['org']>> {
  const row = records(outcome)?.[0];
  if (!row) {
    const failure = failureOf(outcome);
    return { unavailable: failure ? unavailableReason('Organization', failure) : messages.getMessage('unavailable.org') };
  }
  return {
    value: {
      id: recordId18(row.Id) ?? String(row.Id),
      name: String(row.Name ?? ''),
      edition: String(row.OrganizationType ?? ''),
      isSandbox: row.IsSandbox === true,
      instanceUrl: instanceUrl ?? '',
      myDomain: myDomainOf(instanceUrl),
    },
  };
}
