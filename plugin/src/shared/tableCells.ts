/*
 * The table renderer measures every cell's width before it cuts anything, which takes minutes
 * on a cell of a few hundred kilobytes (values come from CSVs, the org and log files). Every
 * cell is cut to a bounded width first; the full text stays in --json, the CSV and the
 * "What to fix" lines.
 */
export const TABLE_CELL_MAX = 300;

export function boundCell(value: string, max = TABLE_CELL_MAX): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** The same row with every string cell bounded. */
export function boundRow<T extends Record<string, unknown>>(row: T, max = TABLE_CELL_MAX): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'string' ? boundCell(value, max) : value;
  return out as T;
}
