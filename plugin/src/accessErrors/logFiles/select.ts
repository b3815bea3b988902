/**
 * Which InsufficientAccess log files to read.
 *
 * With hourly event log files turned on, Salesforce writes the same events twice: once in
 * the hour's file (Interval = 'Hourly', LogDate = start of the hour) and again in the day's
 * file (Interval = 'Daily', LogDate = midnight GMT). Reading both would count every event
 * twice, so per GMT day we read exactly one kind:
 *
 *   - the Daily file when the day has one. Salesforce writes it after the day has ended, so
 *     it holds every event of the day, including events that arrived late (which hourly
 *     delivery puts in extra files with a higher Sequence); and it is one download instead
 *     of up to 24, which spares the org's daily API allowance;
 *   - otherwise the day's Hourly files (today, and days whose daily file is not written yet),
 *     every Sequence of every hour, since each one holds different events.
 *
 * If a day ever had several Daily files (different Sequence numbers), each holds its own
 * events, so all of them are read.
 */
import { startOfDay } from '../window.js';

export type LogFileRecord = {
  Id: string;
  LogDate: string;
  Interval?: string | null;
  Sequence?: number | null;
  LogFileLength?: number | null;
};

export type SkippedLogFile = { record: LogFileRecord; reason: 'coveredByDaily' };

export type LogFileSelection = { selected: LogFileRecord[]; skipped: SkippedLogFile[] };

/** Salesforce answers LogDate as 2024-05-01T00:00:00.000+0000. */
export function logDateMs(logDate: string): number {
  return Date.parse(logDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** Files without an Interval come from orgs (or API versions) that only have daily files. */
export function intervalOf(record: LogFileRecord): 'Daily' | 'Hourly' {
  return record.Interval === 'Hourly' ? 'Hourly' : 'Daily';
}

export function selectLogFiles(records: LogFileRecord[]): LogFileSelection {
  const dailyDays = new Set<number>();
  for (const r of records) if (intervalOf(r) === 'Daily') dailyDays.add(startOfDay(logDateMs(r.LogDate)));
  const selected: LogFileRecord[] = [];
  const skipped: SkippedLogFile[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.Id)) continue;
    seen.add(r.Id);
    if (intervalOf(r) === 'Hourly' && dailyDays.has(startOfDay(logDateMs(r.LogDate)))) {
      skipped.push({ record: r, reason: 'coveredByDaily' });
    } else {
      selected.push(r);
    }
  }
  selected.sort((a, b) => logDateMs(a.LogDate) - logDateMs(b.LogDate) || (a.Sequence ?? 0) - (b.Sequence ?? 0));
  return { selected, skipped };
}
