import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import {
  boundCoreRequests,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  requestTimeoutFromArgv,
  withLoginDeadline,
} from '../../salesforce/coreRequestTimeout.js';
import { runAccessErrors } from '../../accessErrors/run.js';
import type { AccessErrorsResult } from '../../accessErrors/report.js';
import {
  footerLines,
  headerLine,
  tableColumns,
  userTables,
  writeAccessErrorsCsv,
} from '../../accessErrors/report.js';
import { checkOutputTarget } from '../../shared/outputTarget.js';
import { accessErrorsExitCode } from '../../shared/exitCodes.js';
import { orgFlags, outputFileFlag, requestTimeoutFlag, scopeFlags, serviceUserFlag } from '../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.access-errors');

export type { AccessErrorsResult } from '../../accessErrors/report.js';

export default class AccessErrors extends SfCommand<AccessErrorsResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly enableJsonFlag = true;

  public static readonly flags = {
    ...orgFlags,
    user: Flags.string({ summary: messages.getMessage('flags.user.summary'), multiple: true }),
    'service-user': serviceUserFlag,
    'in-scope': Flags.boolean({ summary: messages.getMessage('flags.in-scope.summary'), default: false }),
    ...scopeFlags({
      scope: { summary: messages.getMessage('flags.scope.summary') },
      usersFile: { summary: messages.getMessage('flags.users-file.summary') },
      groupsFile: { summary: messages.getMessage('flags.groups-file.summary') },
    }),
    start: Flags.string({ summary: messages.getMessage('flags.start.summary') }),
    end: Flags.string({ summary: messages.getMessage('flags.end.summary') }),
    'output-file': outputFileFlag(messages.getMessage('flags.output-file.summary')),
    'request-timeout': requestTimeoutFlag(messages.getMessage('flags.request-timeout.summary')),
  };

  public async run(): Promise<AccessErrorsResult> {
    // Before the flags are parsed: resolving --target-org already sends requests (core's own).
    const timeoutMs = (requestTimeoutFromArgv(this.argv) ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000;
    boundCoreRequests(timeoutMs);
    const { flags } = await withLoginDeadline(this.parse(AccessErrors), timeoutMs);
    const outputFile = flags['output-file'];
    // Before any API call: a file that cannot be written ends the run now (exit 2), not after it.
    if (outputFile) await checkOutputTarget(outputFile);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const json = this.jsonEnabled();
    if (!json) this.spinner.start(messages.getMessage('spinner.start'));
    const result = await runAccessErrors(conn, {
      users: flags.user ?? [],
      serviceUser: flags['service-user'],
      inScope: flags['in-scope'],
      scope: flags.scope,
      usersFile: flags['users-file'],
      groupsFile: flags['groups-file'],
      start: flags.start,
      end: flags.end,
      requestTimeoutSeconds: flags['request-timeout'],
      progress: json ? undefined : (done, total): void => {
        this.spinner.status = messages.getMessage('spinner.status', [String(done), String(total)]);
      },
    });
    if (!json) this.spinner.stop();
    // A write that fails at the end is reported after the finished report, never instead of it.
    let writeError: Error | undefined;
    if (outputFile) {
      try {
        await writeAccessErrorsCsv(outputFile, result.groups);
        result.outputFile = outputFile;
      } catch (error) {
        writeError = error as Error;
      }
    }
    process.exitCode = accessErrorsExitCode(result.findings);

    if (!json) {
      this.log(headerLine(result));
      for (const table of userTables(result)) {
        this.log('');
        this.table({
          title: table.title,
          data: table.rows,
          columns: tableColumns(),
        });
      }
      this.log('');
      footerLines(result).forEach((line) => this.log(line));
      if (result.outputFile) this.log(messages.getMessage('output.written', [String(result.groups.length), result.outputFile]));
    }
    // With --json the error envelope carries the finished report as its "result".
    if (writeError) throw Object.assign(writeError, { result });
    return result;
  }
}
