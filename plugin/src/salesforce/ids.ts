/*
 * Salesforce record Ids as the plugin reads and compares them. The 15 -> 18 character conversion
 * is the rules package's `toId18` (one definition for the plugin, the dashboard and the simulator);
 * these helpers add what reading rows and user input needs:
 * - `recordId18`: the 18-character form of an Id field's value (undefined when the field is empty);
 * - `idMatchKey`: the key two spellings of one Id share (15 or 18 characters, any case);
 * - `idMatchKeyIfId`: the same key, only for a value shaped like an Id (undefined otherwise).
 */
import { toId18 } from '@code42-companion/rules';

/** The 18-character form of an Id field's value; undefined when the field is empty or not text. */
export function recordId18(id: unknown): string | undefined {
  if (typeof id !== 'string' || id.length === 0) return undefined;
  return toId18(id) as string;
}

/**
 * The key Ids are compared and indexed by: the 18-character form, upper-cased ('' for none).
 * 18-character Ids compare case-insensitively (their suffix encodes the case of the first 15),
 * and two different 15-character Ids never share an 18-character form, whatever the case.
 */
export function idMatchKey(id: unknown): string {
  return (recordId18(id) ?? '').toUpperCase();
}

/** A 15- or 18-character Id, optionally with a given key prefix (005 users, 00G groups). */
export function looksLikeId(value: string, prefix = ''): boolean {
  const text = value.trim();
  return (text.length === 15 || text.length === 18) && text.startsWith(prefix) && /^[a-zA-Z0-9]+$/.test(text);
}

/** idMatchKey of a value that looks like a 15- or 18-character Id; undefined for anything else (a username, an empty cell). */
export function idMatchKeyIfId(value: string | undefined | null): string | undefined {
  if (!value || !looksLikeId(value)) return undefined;
  return idMatchKey(value.trim());
}
