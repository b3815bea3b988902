/**
 * Times in InsufficientAccess log files.
 *
 * Salesforce writes each event's time twice: TIMESTAMP as `yyyyMMddHHmmss.SSS` in GMT
 * (e.g. 20130715233322.670) and TIMESTAMP_DERIVED as ISO-8601 (2015-07-27T11:32:59.555Z).
 * The derived column is preferred; older files (and some API versions) lack it.
 */

const LOG_TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?$/;

/** `20130715233322.670` (GMT) -> epoch milliseconds, or undefined when it is not such a value. */
export function parseLogTimestamp(value: string | undefined | null): number | undefined {
  if (!value) return undefined;
  const m = LOG_TIMESTAMP.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const millis = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Reject overflowing parts (month 13, hour 25...): Date.UTC would silently roll them over.
  const d = new Date(ms);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || d.getUTCHours() !== hour || d.getUTCMinutes() !== minute || d.getUTCSeconds() !== second) {
    return undefined;
  }
  return ms;
}

/** ISO-8601 with a zone (Z or +hh:mm / +hhmm) -> epoch milliseconds, or undefined. */
export function parseIsoTimestamp(value: string | undefined | null): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The time of one event: TIMESTAMP_DERIVED, else TIMESTAMP, else ERROR_TIMESTAMP. */
export function eventTime(row: Record<string, string | undefined>): number | undefined {
  return parseIsoTimestamp(row.TIMESTAMP_DERIVED) ?? parseLogTimestamp(row.TIMESTAMP) ?? parseLogTimestamp(row.ERROR_TIMESTAMP);
}
