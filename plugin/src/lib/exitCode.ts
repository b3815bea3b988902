/*
 * Every exit code the commands use, decided here:
 * - 0: no check reached --fail-on (access-errors: the log files were read);
 * - 1: a check reached --fail-on (access-errors: the log files could not be read at all);
 * - 2: bad flags or files (the sf CLI's code for flag errors, set for the plugin's own binary
 *   through `oclif.exitCodes` in package.json, as @salesforce/cli sets it); nothing was read;
 * - other codes: the sf CLI's own, for errors that stop the run (auth, network, limits).
 */
export type FailOn = 'fail' | 'warn';

export const EXIT_OK = 0;
export const EXIT_CHECKS_FAILED = 1;
/** Bad flags or files: the sf CLI's code for flag errors, distinct from 1 (a check failed). */
export const USAGE_EXIT_CODE = 2;

/** Checks at or above --fail-on: `fail` counts only failures; `warn` counts warnings and failures. */
export function failingChecks<T extends { status: string }>(checks: T[], failOn: FailOn): T[] {
  const levels = failOn === 'warn' ? ['warn', 'fail'] : ['fail'];
  return checks.filter((c) => levels.includes(c.status));
}

export function exitCodeFor(checks: Array<{ status: string }>, failOn: FailOn): number {
  return failingChecks(checks, failOn).length > 0 ? EXIT_CHECKS_FAILED : EXIT_OK;
}
