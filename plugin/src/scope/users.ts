/*
 * Pure: match a users CSV against the Export Reports holders (by username, email or 15/18-
 * character Id). Rows that match no holder are looked up among all users by the caller, so
 * the report can tell "inactive user" and "user without Export Reports" from "nobody".
 */
import type { SfRecord } from '../salesforce/records.js';
import type { ScopeEntry } from './scopeFile.js';
import type { Holder } from './holders.js';
import { idMatchKey, looksLikeId } from '../salesforce/ids.js';

export type UserEntryKind = 'id' | 'username-or-email';

export function entryKind(value: string): UserEntryKind {
  return looksLikeId(value, '005') ? 'id' : 'username-or-email';
}

export type UserMatch = { inScope: Holder[]; needLookup: ScopeEntry[] };

/** Holders named by the CSV (each once), and the entries that name no holder. */
export function matchUserEntries(entries: ScopeEntry[], holders: Holder[]): UserMatch {
  const byId = new Map(holders.map((h) => [idMatchKey(h.id), h]));
  const byName = new Map<string, Holder[]>();
  for (const h of holders) {
    for (const n of [h.username, h.email]) {
      if (!n) continue;
      const k = n.toLowerCase();
      const list = byName.get(k) ?? [];
      if (!list.includes(h)) list.push(h);
      byName.set(k, list);
    }
  }
  const selected = new Map<string, Holder>();
  const needLookup: ScopeEntry[] = [];
  for (const entry of entries) {
    const value = entry.value.trim();
    const found =
      entryKind(value) === 'id'
        ? [byId.get(idMatchKey(value))].filter((h): h is Holder => h !== undefined)
        : byName.get(value.toLowerCase()) ?? [];
    if (found.length === 0) needLookup.push(entry);
    for (const h of found) selected.set(idMatchKey(h.id), h);
  }
  const inScope = [...selected.values()].sort((a, b) => a.username.localeCompare(b.username));
  return { inScope, needLookup };
}

export type NotMonitored = { row: number; value: string; reason: 'inactive' | 'noExportReports'; username: string };

/**
 * Sort the entries that matched no holder, given User rows (Id, Username, Email, IsActive)
 * found for them: a match makes the row "not monitored" (with why); no match makes it unmatched.
 */
export function classifyLookups(
  entries: ScopeEntry[],
  users: SfRecord[]
): { unmatched: ScopeEntry[]; notMonitored: NotMonitored[] } {
  // Indexed once (not a scan of the users per entry: both lists can hold many thousands).
  // Each key keeps the first user that has it, as a search in list order would find.
  const byId = new Map<string, SfRecord>();
  const byName = new Map<string, SfRecord>();
  for (const u of users) {
    const id = idMatchKey(u.Id);
    if (id && !byId.has(id)) byId.set(id, u);
    for (const n of [u.Username, u.Email]) {
      if (typeof n === 'string' && !byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), u);
    }
  }
  const unmatched: ScopeEntry[] = [];
  const notMonitored: NotMonitored[] = [];
  for (const entry of entries) {
    const value = entry.value.trim();
    const user = entryKind(value) === 'id' ? byId.get(idMatchKey(value)) : byName.get(value.toLowerCase());
    if (!user) unmatched.push(entry);
    else
      notMonitored.push({
        row: entry.row,
        value: entry.value,
        reason: user.IsActive === false ? 'inactive' : 'noExportReports',
        username: String(user.Username ?? ''),
      });
  }
  return { unmatched, notMonitored };
}
