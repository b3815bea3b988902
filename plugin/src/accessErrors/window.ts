/**
 * The time window of `sf code42 access-errors`: --start / --end, default the last 7 days.
 * A date without a time means the whole day in GMT (the zone of the log files): --start
 * 2024-05-01 starts at 00:00:00.000Z, --end 2024-05-03 ends at 23:59:59.999Z.
 */
export const DEFAULT_WINDOW_DAYS = 7;
const DAY = 24 * 3600 * 1000;

export type TimeWindow = { start: number; end: number };

export class WindowError extends Error {
  public constructor(public readonly reason: 'badStart' | 'badEnd' | 'startAfterEnd', public readonly value: string) {
    super(`${reason}: ${value}`);
  }
}

function parseBound(value: string, endOfDay: boolean): number | undefined {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00.000Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return undefined;
    return endOfDay ? ms + DAY - 1 : ms;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  // A date-time without a zone is read as GMT, like the log files.
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

export function resolveWindow(start: string | undefined, end: string | undefined, now = Date.now()): TimeWindow {
  const endMs = end ? parseBound(end, true) : now;
  if (endMs === undefined) throw new WindowError('badEnd', end ?? '');
  const startMs = start ? parseBound(start, false) : endMs - DEFAULT_WINDOW_DAYS * DAY;
  if (startMs === undefined) throw new WindowError('badStart', start ?? '');
  if (startMs > endMs) throw new WindowError('startAfterEnd', `${start ?? ''} > ${end ?? ''}`);
  return { start: startMs, end: endMs };
}

/** SOQL datetime literal (no quotes): 2024-05-01T00:00:00.000Z */
export function soqlDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Start of the GMT day holding `ms`: daily files carry that day's midnight as LogDate. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}
