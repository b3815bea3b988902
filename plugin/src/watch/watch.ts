/*
 * `sf code42 watch start|stop|status`: the in-org Code42 Health Watch (scheduled Apex) seen and
 * switched from the CLI. status only reads (one SOQL query on CronTrigger, batched with the
 * latest snapshot in one Composite request); start and stop are the explicit writes, through the
 * project's Apex REST endpoint (Code42HealthWatchRest), which schedules as the CLI user and never
 * creates a second job.
 *
 * Exit codes (listed in each command's --help), decided in shared/exitCodes.ts:
 *   status: 0 the watch runs, 3 it does not (so a pipeline can insist on it).
 *   start:  0 started or already running.  stop: 0 stopped or was not running.
 *   Errors: the sf CLI's own codes, each SfError with an action.
 */
import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import { WATCH_SETTINGS } from '@code42-companion/rules';
import { SalesforceClient } from '../salesforce/client.js';
import type { SfRecord } from '../salesforce/records.js';
import { EXIT_OK, watchExitCode } from '../shared/exitCodes.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.watch');

export const WATCH_REST_PATH = '/code42/watch';
/** CronJobDetail.JobType of Scheduled Apex (Object Reference: CronJobDetail). */
const SCHEDULED_APEX = '7';
const INACTIVE_STATES = new Set(['DELETED', 'COMPLETE']);

export type WatchStatus = {
  jobName: string;
  running: boolean;
  state: string | null;
  nextRunAt: string | null;
  previousRunAt: string | null;
  scheduledBy: string | null;
  scheduledAt: string | null;
  cronExpression: string | null;
  lastSnapshotAt: string | null;
  /** Why lastSnapshotAt could not be read (the snapshot object not deployed, no access). */
  snapshotsUnavailable?: string;
};

export type WatchResult = WatchStatus & {
  action: 'status' | 'start' | 'stop';
  /** start/stop: whether this call changed anything (false: already running / not running). */
  changed?: boolean;
  apiCalls: number;
};

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function jobSoql(jobName = WATCH_SETTINGS.jobName): string {
  return (
    'SELECT Id, State, NextFireTime, PreviousFireTime, CronExpression, CreatedDate, CreatedBy.Name, CronJobDetail.Name' +
    ` FROM CronTrigger WHERE CronJobDetail.Name = ${quote(jobName)} AND CronJobDetail.JobType = '${SCHEDULED_APEX}'` +
    ' ORDER BY CreatedDate DESC LIMIT 1'
  );
}

export const SNAPSHOT_SOQL = 'SELECT Taken_At__c FROM Code42_Watch_Snapshot__c ORDER BY Taken_At__c DESC LIMIT 1';

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function fromCronTrigger(job: SfRecord | undefined, lastSnapshotAt: string | null): WatchStatus {
  const state = str(job?.State);
  return {
    jobName: WATCH_SETTINGS.jobName,
    running: !!job && !!state && !INACTIVE_STATES.has(state),
    state,
    nextRunAt: str(job?.NextFireTime),
    previousRunAt: str(job?.PreviousFireTime),
    scheduledBy: str((job?.CreatedBy as SfRecord | undefined)?.Name),
    scheduledAt: str(job?.CreatedDate),
    cronExpression: str(job?.CronExpression),
    lastSnapshotAt,
  };
}

/** Reads only: the watch's CronTrigger and the latest snapshot, in one Composite request. */
export async function readWatchStatus(client: SalesforceClient): Promise<WatchStatus> {
  const out = await client.readAll([
    { id: 'job', soql: jobSoql() },
    { id: 'snapshot', soql: SNAPSHOT_SOQL },
  ]);
  const job = out.get('job');
  if (!job || !job.ok || !job.records) {
    const reason = job && !job.ok ? `${job.errorCode}: ${job.message}` : 'no answer';
    throw messages.createError('error.StatusUnreadable', [reason]);
  }
  const snap = out.get('snapshot');
  const status = fromCronTrigger(job.records[0], snap?.ok && snap.records ? str(snap.records[0]?.Taken_At__c) : null);
  if (snap && !snap.ok) {
    status.snapshotsUnavailable =
      snap.errorCode === 'INVALID_TYPE'
        ? messages.getMessage('snapshots.notDeployed')
        : `${snap.errorCode}: ${snap.message}`;
  }
  return status;
}

function fromRest(body: SfRecord): WatchStatus {
  return {
    jobName: str(body.jobName) ?? WATCH_SETTINGS.jobName,
    running: body.running === true,
    state: str(body.state),
    nextRunAt: str(body.nextRunAt),
    previousRunAt: str(body.previousRunAt),
    scheduledBy: str(body.scheduledBy),
    scheduledAt: str(body.scheduledAt),
    cronExpression: str(body.cronExpression),
    lastSnapshotAt: str(body.lastSnapshotAt),
  };
}

async function switchWatch(client: SalesforceClient, action: 'start' | 'stop'): Promise<WatchStatus & { changed: boolean }> {
  const outcome = await client.apexRest(action === 'start' ? 'POST' : 'DELETE', WATCH_REST_PATH);
  if (!outcome.ok) {
    if (outcome.errorCode === 'NOT_FOUND') throw messages.createError('error.NotDeployed', [outcome.message]);
    if (/INSUFFICIENT_ACCESS|FORBIDDEN/.test(outcome.errorCode)) {
      throw messages.createError('error.NoAccess', [outcome.message]);
    }
    throw messages.createError('error.SwitchFailed', [action, `${outcome.errorCode}: ${outcome.message}`]);
  }
  const body = outcome.body as SfRecord;
  if (typeof body.running !== 'boolean' || typeof body.changed !== 'boolean') {
    throw messages.createError('error.SwitchFailed', [action, 'the answer has no running/changed fields']);
  }
  return { ...fromRest(body), changed: body.changed };
}

export async function runWatch(
  conn: Connection,
  action: 'status' | 'start' | 'stop',
  options: { requestTimeoutSeconds: number }
): Promise<{ result: WatchResult; exitCode: number }> {
  const client = new SalesforceClient(conn, { timeoutMs: options.requestTimeoutSeconds * 1000 });
  if (action === 'status') {
    const status = await readWatchStatus(client);
    return {
      result: { ...status, action, apiCalls: client.apiCalls },
      exitCode: watchExitCode(status.running),
    };
  }
  const switched = await switchWatch(client, action);
  return { result: { ...switched, action, apiCalls: client.apiCalls }, exitCode: EXIT_OK };
}

/** The human lines for a result (the command prints them; --json prints the result only). */
export function watchLines(result: WatchResult): string[] {
  const lines: string[] = [];
  if (result.action === 'start') {
    lines.push(messages.getMessage(result.changed ? 'output.started' : 'output.alreadyRunning', [result.jobName]));
  } else if (result.action === 'stop') {
    lines.push(messages.getMessage(result.changed ? 'output.stopped' : 'output.notRunning', [result.jobName]));
  } else {
    lines.push(messages.getMessage(result.running ? 'output.running' : 'output.notRunning', [result.jobName]));
  }
  if (result.running) {
    lines.push(messages.getMessage('output.details', [
      result.nextRunAt ?? '-',
      result.previousRunAt ?? messages.getMessage('output.never'),
      result.scheduledBy ?? '-',
      result.scheduledAt ?? '-',
    ]));
  }
  if (result.action === 'status') {
    lines.push(
      result.snapshotsUnavailable
        ? messages.getMessage('output.snapshotsUnavailable', [result.snapshotsUnavailable])
        : messages.getMessage('output.lastSnapshot', [result.lastSnapshotAt ?? messages.getMessage('output.never')])
    );
    if (!result.running) lines.push(messages.getMessage('output.howToStart'));
  }
  return lines;
}
