/*
 * Options for every CSV the commands write (--output-file). Values come from the org (names,
 * usernames, grant names, log-file fields) and anyone can edit their own Name: a cell starting
 * with = + - @, a tab or a carriage return (or their full-width forms) would run as a formula
 * when the admin opens the file in Excel. OWASP "CSV Injection": prefix such cells with a single
 * quote and quote the cell; csv-stringify's `escape_formulas` does the prefix, `quoted_match`
 * the quoting.
 */
import type { Options } from 'csv-stringify';

export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export const SAFE_CSV_OPTIONS: Options = {
  escape_formulas: true,
  quoted_match: FORMULA_START,
  record_delimiter: 'unix',
};
