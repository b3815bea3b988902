/*
 * The whole preflight, without any terminal output: validate the scope options, read the
 * scoping CSV, gather facts, evaluate them with the shared rules, build the result, and
 * (only with --save-result) store it in the org.
 */
import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import {
  connectionStatus,
  evaluateChecks,
  SAVED_RESULT_MAX_CHARS,
  savedResultOf,
  summarize,
} from '@code42-companion/rules';
import { SalesforceClient } from '../salesforce/client.js';
import { gatherFacts } from '../facts/gather.js';
import type { ScopeMode } from '../facts/types.js';
import { scopeFileFromFlags } from '../shared/scopeFlags.js';
import { exitCodeFor, type FailOn } from '../shared/exitCodes.js';
import type { PreflightCheck, PreflightResult } from './result.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');

export type PreflightOptions = {
  serviceUser?: string;
  scope: ScopeMode;
  usersFile?: string;
  groupsFile?: string;
  failOn: FailOn;
  requestTimeoutSeconds: number;
  saveResult?: boolean;
  now?: Date;
  progress?: (status: string) => void;
};

/** Result_JSON__c is a long text area of 131,072 characters (one source: code42Rules). */
export const RESULT_JSON_MAX = SAVED_RESULT_MAX_CHARS as number;

export function overallStatus(summary: { fail: number; warn: number }): 'pass' | 'warn' | 'fail' {
  if (summary.fail > 0) return 'fail';
  if (summary.warn > 0) return 'warn';
  return 'pass';
}

/**
 * The record --save-result creates. Result_JSON__c holds the documented, versioned saved-result
 * shape (savedResultOf in code42Rules: checks, summary, connection status, counts; no user list),
 * so its size does not grow with the org. A document that would still not fit is refused whole:
 * a cut JSON document is unreadable, and the dashboard would lose its stream checks.
 */
export function resultRecord(result: PreflightResult, now: Date): Record<string, string> {
  const s = result.summary;
  const json = JSON.stringify(savedResultOf(result, now.toISOString()));
  if (json.length > RESULT_JSON_MAX) {
    throw messages.createError('error.SaveResultTooLarge', [json.length.toLocaleString('en-US'), RESULT_JSON_MAX.toLocaleString('en-US')]);
  }
  return {
    Run_At__c: now.toISOString(),
    Status__c: result.status,
    Summary__c: `${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.skip} skip`.slice(0, 255),
    Result_JSON__c: json,
  };
}

export async function runPreflight(
  conn: Connection,
  options: PreflightOptions
): Promise<{ result: PreflightResult; exitCode: number; saveError?: Error }> {
  const scopeFile = await scopeFileFromFlags(options);

  const now = options.now ?? new Date();
  const client = new SalesforceClient(conn, { timeoutMs: options.requestTimeoutSeconds * 1000 });
  const gathered = await gatherFacts(client, {
    serviceUser: options.serviceUser,
    scopeMode: options.scope,
    scopeFile,
    instanceUrl: conn.instanceUrl,
    now,
    progress: options.progress,
  });
  const checks = evaluateChecks(gathered.facts) as PreflightCheck[];
  const summary = summarize(checks) as PreflightResult['summary'];
  const facts = gathered.facts;
  const result: PreflightResult = {
    org: facts.org ?? { id: '', name: '', edition: '', instanceUrl: conn.instanceUrl, isSandbox: false },
    checks,
    scope: {
      mode: options.scope,
      entries: facts.scope.entries,
      unmatched: facts.scope.unmatched,
      ...(scopeFile ? { file: scopeFile.file } : {}),
      ...(scopeFile?.column ? { column: scopeFile.column } : {}),
      ...(scopeFile?.unusedColumns ? { unusedColumns: scopeFile.unusedColumns } : {}),
      ...(scopeFile?.duplicates ? { duplicates: scopeFile.duplicates } : {}),
      notMonitored: gathered.users.notMonitored,
    },
    inScopeUsers: gathered.users.inScopeUsers.map((u) => ({
      id: u.id,
      username: u.username,
      name: u.name,
      email: u.email,
      grantedBy: u.grantedBy,
    })),
    summary,
    apiCalls: client.apiCalls,
    status: overallStatus(summary),
    connectionStatus: connectionStatus(checks) as PreflightResult['connectionStatus'],
    serviceUsers: (facts.serviceUsers ?? []).map((u) => ({ ...u })),
    holdersTotal: gathered.users.holders ? gathered.users.holders.length : null,
    activeSessionUserIds: gathered.sessionsUserIds,
    limits: facts.limits ?? null,
    apiVersion: client.version,
    unavailable: facts.unavailable,
    notes: gathered.notes,
    connection: facts.connection ?? null,
  };

  // A failed save does not throw the finished report away: the command prints it, then the error.
  let saveError: Error | undefined;
  if (options.saveResult) {
    const record = resultRecord(result, now);
    try {
      const saved = await client.createRecord('Code42_Preflight_Result__c', record);
      result.savedResultId = saved.id;
    } catch (error) {
      const e = error as { errorCode?: string; name?: string; message?: string };
      const code = e.errorCode ?? e.name ?? '';
      if (/NOT_FOUND|INVALID_TYPE|INVALID_FIELD/.test(code)) {
        saveError = messages.createError('error.SaveResultObjectMissing', [`${code}: ${e.message ?? ''}`]);
      } else if (/^[A-Z_]+$/.test(code)) saveError = messages.createError('error.SaveResultFailed', [`${code}: ${e.message ?? ''}`]);
      else saveError = error as Error;
    }
    result.apiCalls = client.apiCalls;
  }
  return { result, exitCode: exitCodeFor(checks, options.failOn), ...(saveError ? { saveError } : {}) };
}
