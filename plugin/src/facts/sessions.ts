/* The sessions fact: how many in-scope users have an active session (AuthSession). */
import type { ReadOutcome, ReadRequest } from '../salesforce/composite.js';
import type { Holder } from '../scope/holders.js';
import { idMatchKey } from '../salesforce/ids.js';
import { failureOf, hiddenOrFailed, records, type FactOutcome } from './read.js';

export const sessionsRead: ReadRequest = { id: 'sessions', soql: 'SELECT UsersId FROM AuthSession' };

/** The in-scope users with a session (their Ids, in scope order). */
export function sessionsFact(outcome: ReadOutcome | undefined, inScopeUsers: Holder[]): FactOutcome<string[]> {
  const rows = records(outcome);
  if (!rows) return { unavailable: hiddenOrFailed('sessions', 'Active sessions (AuthSession)', failureOf(outcome) as never) };
  const withSession = new Set(rows.map((s) => idMatchKey(s.UsersId)));
  return { value: inScopeUsers.filter((u) => withSession.has(idMatchKey(u.id))).map((u) => u.id) };
}
