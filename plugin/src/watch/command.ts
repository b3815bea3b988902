import { Messages, type Org } from '@salesforce/core';
import { runWatch, watchLines, type WatchResult } from './watch.js';
import {
  boundCoreRequests,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  requestTimeoutFromArgv,
  withLoginDeadline,
} from '../salesforce/coreRequestTimeout.js';
import { orgFlags, requestTimeoutFlag } from '../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.watch');

/** The flags of `sf code42 watch start|stop|status`. */
export const watchFlags = {
  ...orgFlags,
  'request-timeout': requestTimeoutFlag(messages.getMessage('flags.request-timeout.summary')),
};

type WatchFlags = { 'target-org': Org; 'api-version'?: string; 'request-timeout': number };

/** What the three watch commands share: the login deadline, the run, its exit code and its lines. */
export async function runWatchCommand(
  action: 'start' | 'stop' | 'status',
  command: { argv: string[]; jsonEnabled(): boolean; log(line: string): void },
  parse: () => Promise<{ flags: WatchFlags }>
): Promise<WatchResult> {
  // Before the flags are parsed: resolving --target-org already sends requests (core's own).
  const timeoutMs = (requestTimeoutFromArgv(command.argv) ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000;
  boundCoreRequests(timeoutMs);
  const { flags } = await withLoginDeadline(parse(), timeoutMs);
  const conn = flags['target-org'].getConnection(flags['api-version']);
  const { result, exitCode } = await runWatch(conn, action, { requestTimeoutSeconds: flags['request-timeout'] });
  process.exitCode = exitCode;
  if (!command.jsonEnabled()) watchLines(result).forEach((line) => command.log(line));
  return result;
}
