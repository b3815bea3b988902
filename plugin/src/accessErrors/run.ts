/**
 * The whole `sf code42 access-errors` run without terminal output: check the flags, resolve
 * the window, read everything (queries and the streamed log-file downloads) through the one
 * SalesforceClient (gather.ts), decide the findings (findings.ts) and word them (report.ts).
 */
import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import { SalesforceClient } from '../salesforce/client.js';
import { gatherInScopeUsers } from '../facts/scope.js';
import type { ScopeMode } from '../facts/types.js';
import { scopeFileFromFlags } from '../shared/scopeFlags.js';
import { gatherAccessErrors } from './gather.js';
import { decideFindings } from './findings.js';
import { wordReport, type AccessErrorsResult } from './report.js';
import { createLogFileOpener } from './logFiles/download.js';
import { resolveWindow, WindowError } from './window.js';
import { USAGE_EXIT_CODE } from '../shared/exitCodes.js';
import { formatCount, THRESHOLDS } from '@code42-companion/rules';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.access-errors');

export type AccessErrorsOptions = {
  users: string[];
  serviceUser?: string;
  inScope: boolean;
  scope: ScopeMode;
  usersFile?: string;
  groupsFile?: string;
  start?: string;
  end?: string;
  requestTimeoutSeconds: number;
  now?: Date;
  progress?: (done: number, total: number) => void;
};

/** The scoping flags only mean something with --in-scope: without it they are refused (exit 2), not dropped. */
function validateScopeFlags(options: AccessErrorsOptions): void {
  if (options.inScope) return;
  const given = [
    ...(options.scope !== 'all' ? [`--scope ${options.scope}`] : []),
    ...(options.usersFile ? ['--users-file'] : []),
    ...(options.groupsFile ? ['--groups-file'] : []),
  ];
  if (given.length > 0) throw messages.createError('error.ScopeWithoutInScope', [given.join(', ')], [given.join(' ')], USAGE_EXIT_CODE);
}

export async function runAccessErrors(conn: Connection, options: AccessErrorsOptions): Promise<AccessErrorsResult> {
  validateScopeFlags(options);
  let window;
  try {
    window = resolveWindow(options.start, options.end, (options.now ?? new Date()).getTime());
  } catch (error) {
    if (!(error instanceof WindowError)) throw error;
    const key = error.reason === 'badStart' ? 'error.BadStart' : error.reason === 'badEnd' ? 'error.BadEnd' : 'error.StartAfterEnd';
    throw messages.createError(key, [error.value], [], USAGE_EXIT_CODE);
  }
  const scopeFile = options.inScope ? await scopeFileFromFlags(options) : undefined;
  // Code42 refuses a file over its limit, so it names nobody to add: say so before any API call.
  if (scopeFile && scopeFile.entries.length > THRESHOLDS.maxScopeEntries) {
    throw messages.createError(
      'error.ScopeOverLimit',
      [scopeFile.file, formatCount(scopeFile.entries.length) as string, formatCount(THRESHOLDS.maxScopeEntries) as string],
      [],
      USAGE_EXIT_CODE
    );
  }

  const client = new SalesforceClient(conn, { timeoutMs: options.requestTimeoutSeconds * 1000 });
  const { observations, ...reading } = await gatherAccessErrors(
    {
      readAll: (reads) => client.readAll(reads),
      openLogFile: createLogFileOpener(client),
      // Everyone Code42 will monitor, exactly as the preflight lists them.
      inScopeUsers: () => gatherInScopeUsers(client, { scopeMode: options.scope, scopeFile, now: options.now }),
      onProgress: options.progress,
    },
    { window, request: { users: options.users, serviceUser: options.serviceUser }, inScope: options.inScope }
  );
  return { ...wordReport(reading, decideFindings(observations)), apiCalls: client.apiCalls, apiVersion: client.version };
}
