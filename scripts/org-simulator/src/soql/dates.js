/**
 * SOQL date values: field values and literals as UTC milliseconds, and date literals (TODAY,
 * LAST_N_DAYS:n, THIS_QUARTER...) as half-open ranges [start, end). The org's time zone is UTC and its
 * fiscal year starts in January; weeks start on Sunday (Salesforce's default locale en_US).
 */
const DAY = 86400000;

/** '2024-05-01', '2024-05-01T10:00:00.000+0000', '2024-05-01T10:00:00Z' -> ms (NaN when not a date). */
export function toMs(value) {
  if (value == null) return null;
  if (typeof value === 'number') return value;
  const s = String(value);
  if (/^\d{4}-\d\d-\d\d$/.test(s)) return Date.parse(`${s}T00:00:00Z`);
  return Date.parse(s.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

/** ms -> Salesforce's datetime format: 2024-05-01T10:00:00.000+0000 */
export function formatDateTime(ms) {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function startOfDay(ms) {
  return Math.floor(ms / DAY) * DAY;
}

function monthStart(year, month) {
  return Date.UTC(year, month, 1);
}

function periodRange(now, unit, offset, count = 1) {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (unit === 'DAY') {
    const s = startOfDay(now) + offset * DAY;
    return [s, s + count * DAY];
  }
  if (unit === 'WEEK') {
    const s = startOfDay(now) - d.getUTCDay() * DAY + offset * 7 * DAY;
    return [s, s + count * 7 * DAY];
  }
  if (unit === 'MONTH') return [monthStart(y, m + offset), monthStart(y, m + offset + count)];
  if (unit === 'QUARTER') {
    const q = Math.floor(m / 3) * 3;
    return [monthStart(y, q + offset * 3), monthStart(y, q + (offset + count) * 3)];
  }
  if (unit === 'YEAR') return [Date.UTC(y + offset, 0, 1), Date.UTC(y + offset + count, 0, 1)];
  throw new Error(`unit ${unit}`);
}

const FIXED = {
  YESTERDAY: ['DAY', -1], TODAY: ['DAY', 0], TOMORROW: ['DAY', 1],
  LAST_WEEK: ['WEEK', -1], THIS_WEEK: ['WEEK', 0], NEXT_WEEK: ['WEEK', 1],
  LAST_MONTH: ['MONTH', -1], THIS_MONTH: ['MONTH', 0], NEXT_MONTH: ['MONTH', 1],
  LAST_QUARTER: ['QUARTER', -1], THIS_QUARTER: ['QUARTER', 0], NEXT_QUARTER: ['QUARTER', 1],
  LAST_YEAR: ['YEAR', -1], THIS_YEAR: ['YEAR', 0], NEXT_YEAR: ['YEAR', 1],
  LAST_FISCAL_QUARTER: ['QUARTER', -1], THIS_FISCAL_QUARTER: ['QUARTER', 0], NEXT_FISCAL_QUARTER: ['QUARTER', 1],
  LAST_FISCAL_YEAR: ['YEAR', -1], THIS_FISCAL_YEAR: ['YEAR', 0], NEXT_FISCAL_YEAR: ['YEAR', 1]
};

/** A date literal ('TODAY', 'LAST_N_DAYS:30', ...) -> [start, end) in ms, relative to `now`. */
export function dateLiteralRange(literal, now = Date.now()) {
  const upper = String(literal).toUpperCase();
  if (FIXED[upper]) return periodRange(now, ...FIXED[upper]);
  if (upper === 'LAST_90_DAYS') return [startOfDay(now) - 90 * DAY, startOfDay(now) + DAY];
  if (upper === 'NEXT_90_DAYS') return [startOfDay(now) + DAY, startOfDay(now) + 91 * DAY];
  const m = /^(LAST|NEXT)_N_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS):(\d+)$/.exec(upper);
  if (m) {
    const unit = m[2].replace('FISCAL_', '').replace(/S$/, '');
    const n = Number(m[3]);
    if (unit === 'DAY' && m[1] === 'LAST') return [startOfDay(now) - n * DAY, startOfDay(now) + DAY];
    return m[1] === 'LAST' ? periodRange(now, unit, -n, n) : periodRange(now, unit, 1, n);
  }
  const ago = /^N_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)_AGO:(\d+)$/.exec(upper);
  if (ago) return periodRange(now, ago[1].replace('FISCAL_', '').replace(/S$/, ''), -Number(ago[2]), 1);
  return null;
}
