/*
 * What every gatherer shares: the shape of one fact's answer, the reasons an admin can act on
 * when a read failed, and small helpers over read outcomes.
 */
import { Messages } from '@salesforce/core';
import { hiddenFromRunningUser } from '@code42-companion/rules';
import type { ReadOutcome } from '../salesforce/composite.js';
import type { ReadFailure } from '../salesforce/errors.js';
import type { SfRecord } from '../salesforce/records.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
export const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');

/** One fact from its read outcomes: its value, or why it could not be read. */
export type FactOutcome<T> = { value: T } | { unavailable: string };

/** Puts a fact's value into Facts, or its reason into Facts.unavailable under `key` (value null). */
export function settle<T>(outcome: FactOutcome<T>, key: string, unavailable: Record<string, string>): T | null {
  if ('value' in outcome) return outcome.value;
  unavailable[key] = outcome.unavailable;
  return null;
}

/** A reason an admin can act on, for a read that failed. */
export function unavailableReason(what: string, failure: ReadFailure): string {
  const hints: Record<string, string> = {
    INSUFFICIENT_ACCESS: messages.getMessage('unavailable.hint.access'),
    INSUFFICIENT_ACCESS_OR_READONLY: messages.getMessage('unavailable.hint.access'),
    INVALID_TYPE: messages.getMessage('unavailable.hint.type'),
    NOT_FOUND: messages.getMessage('unavailable.hint.type'),
    INVALID_FIELD: messages.getMessage('unavailable.hint.field'),
  };
  const hint = hints[failure.errorCode] ?? '';
  return messages.getMessage('unavailable.read', [what, failure.errorCode, failure.message || '-', hint]).trim();
}

const HIDDEN_CODES = new Set(['NOT_FOUND', 'INVALID_TYPE', 'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY']);

/**
 * The reason for a failed read of an object every org has (AuthSession, UserLogin, LoginHistory):
 * Salesforce answers "not supported" / "not found" when the running user may not see it, so that
 * answer names the permission the running user needs instead of claiming the org lacks it.
 */
export function hiddenOrFailed(key: string, what: string, failure: ReadFailure): string {
  if (HIDDEN_CODES.has(failure.errorCode) || failure.httpStatusCode === 404) {
    return hiddenFromRunningUser(key, `(Salesforce answered ${failure.errorCode}.)`) as string;
  }
  return unavailableReason(what, failure);
}

export function records(outcome: ReadOutcome | undefined): SfRecord[] | undefined {
  return outcome?.ok && outcome.records ? outcome.records : undefined;
}

export function failureOf(outcome: ReadOutcome | undefined): ReadFailure | undefined {
  return outcome && !outcome.ok ? outcome : undefined;
}

export function describeFieldNames(outcome: ReadOutcome | undefined): Set<string> | undefined {
  if (!outcome?.ok || !outcome.body || !Array.isArray(outcome.body.fields)) return undefined;
  return new Set((outcome.body.fields as SfRecord[]).map((f) => String(f.name)));
}
