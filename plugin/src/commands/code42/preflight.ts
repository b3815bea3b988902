import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import {
  boundCoreRequests,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  requestTimeoutFromArgv,
  withLoginDeadline,
} from '../../salesforce/coreRequestTimeout.js';
import { orgFlags, outputFileFlag, requestTimeoutFlag, scopeFlags, serviceUserFlag } from '../../shared/flags.js';
import { runPreflight } from '../../preflight/run.js';
import { checkRows, footerLines, headerLines, remediationLines, skippedLines } from '../../preflight/report.js';
import { writeInScopeUsersCsv } from '../../preflight/inScopeUsersCsv.js';
import { checkOutputTarget } from '../../shared/outputTarget.js';
import type { PreflightResult } from '../../preflight/result.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.preflight');

export type { PreflightResult } from '../../preflight/result.js';

export default class Preflight extends SfCommand<PreflightResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly enableJsonFlag = true;

  public static readonly flags = {
    ...orgFlags,
    'service-user': serviceUserFlag,
    ...scopeFlags({
      scope: { summary: messages.getMessage('flags.scope.summary') },
      usersFile: { summary: messages.getMessage('flags.users-file.summary'), description: messages.getMessage('flags.users-file.description') },
      groupsFile: { summary: messages.getMessage('flags.groups-file.summary'), description: messages.getMessage('flags.groups-file.description') },
    }),
    'output-file': outputFileFlag(messages.getMessage('flags.output-file.summary')),
    'fail-on': Flags.option({
      summary: messages.getMessage('flags.fail-on.summary'),
      options: ['fail', 'warn'] as const,
      default: 'fail',
    })(),
    'request-timeout': requestTimeoutFlag(messages.getMessage('flags.request-timeout.summary')),
    'save-result': Flags.boolean({
      summary: messages.getMessage('flags.save-result.summary'),
      default: false,
    }),
  };

  public async run(): Promise<PreflightResult> {
    // Before the flags are parsed: resolving --target-org already sends requests (core's own).
    const timeoutMs = (requestTimeoutFromArgv(this.argv) ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000;
    boundCoreRequests(timeoutMs);
    const { flags } = await withLoginDeadline(this.parse(Preflight), timeoutMs);
    const outputFile = flags['output-file'];
    // Before any API call: a file that cannot be written ends the run now (exit 2), not after it.
    if (outputFile) await checkOutputTarget(outputFile);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const json = this.jsonEnabled();
    if (!json) this.spinner.start(messages.getMessage('spinner.start'));
    const { result, exitCode, saveError } = await runPreflight(conn, {
      serviceUser: flags['service-user'],
      scope: flags.scope,
      usersFile: flags['users-file'],
      groupsFile: flags['groups-file'],
      failOn: flags['fail-on'],
      requestTimeoutSeconds: flags['request-timeout'],
      saveResult: flags['save-result'],
      progress: json ? undefined : (status): void => {
        this.spinner.status = status;
      },
    });
    if (!json) this.spinner.stop();
    // A write or save that fails at the end is reported after the finished report, never instead of it.
    let finalError: Error | undefined = saveError;
    let written = false;
    if (outputFile) {
      try {
        await writeInScopeUsersCsv(outputFile, result.inScopeUsers);
        written = true;
      } catch (error) {
        finalError ??= error as Error;
      }
    }
    process.exitCode = exitCode;

    if (!json) {
      headerLines(result).forEach((line) => this.log(line));
      // Long messages are cut to the terminal's width (120 columns in a file or pipe); every warning
      // and failure is printed in full under "What to fix".
      this.table({
        data: checkRows(result),
        columns: ['status', 'check', 'message'],
        overflow: 'truncate',
        maxWidth: process.stdout.isTTY ? undefined : 120,
      });
      remediationLines(result).forEach((line) => this.log(line));
      skippedLines(result).forEach((line) => this.log(line));
      this.log('');
      footerLines(result, { outputFile: written ? outputFile : undefined, failOn: flags['fail-on'], exitCode }).forEach((line) =>
        this.log(line)
      );
    }
    // With --json the error envelope carries the finished report as its "result".
    if (finalError) throw Object.assign(finalError, { result });
    return result;
  }
}
