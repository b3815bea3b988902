import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { runWatch, watchLines, type WatchResult } from '../../../lib/watch.js';
import {
  boundCoreRequests,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  requestTimeoutFromArgv,
  withLoginDeadline,
} from '../../../lib/coreRequestTimeout.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.watch');

export type { WatchResult } from '../../../lib/watch.js';

export default class WatchStop extends SfCommand<WatchResult> {
  public static readonly summary = messages.getMessage('stop.summary');
  public static readonly description = messages.getMessage('stop.description');
  public static readonly examples = messages.getMessages('stop.examples');
  public static readonly enableJsonFlag = true;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'request-timeout': Flags.integer({
      summary: messages.getMessage('flags.request-timeout.summary'),
      default: DEFAULT_REQUEST_TIMEOUT_SECONDS,
      min: 1,
      max: 3600,
    }),
  };

  public async run(): Promise<WatchResult> {
    // Before the flags are parsed: resolving --target-org already sends requests (core's own).
    const timeoutMs = (requestTimeoutFromArgv(this.argv) ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000;
    boundCoreRequests(timeoutMs);
    const { flags } = await withLoginDeadline(this.parse(WatchStop), timeoutMs);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const { result, exitCode } = await runWatch(conn, 'stop', { requestTimeoutSeconds: flags['request-timeout'] });
    process.exitCode = exitCode;
    if (!this.jsonEnabled()) watchLines(result).forEach((line) => this.log(line));
    return result;
  }
}
