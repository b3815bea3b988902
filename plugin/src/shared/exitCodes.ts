/*
 * Every exit code the plugin's commands decide, in one place (each command's --help lists its own):
 * - 0: preflight: no check reached --fail-on; access-errors: the log files were read; watch: done
 *   (status: the watch is scheduled);
 * - 1: preflight: a check reached --fail-on; access-errors: the log files could not be read at all;
 * - 2: bad flags or files (the sf CLI's code for flag errors, set for the plugin's own binary
 *   through `oclif.exitCodes` in package.json, as @salesforce/cli sets it); nothing was read;
 * - 3: watch status: the watch is not scheduled (so a pipeline can insist on it);
 * - other codes: the sf CLI's own, for errors that stop the run (auth, network, limits).
 */
export type FailOn = 'fail' | 'warn';

export const EXIT_OK = 0;
export const EXIT_CHECKS_FAILED = 1;
/** Bad flags or files: the sf CLI's code for flag errors, distinct from 1 (a check failed). */
export const USAGE_EXIT_CODE = 2;
/** `sf code42 watch status`: the Code42 Health Watch is not scheduled. */
export const EXIT_WATCH_NOT_RUNNING = 3;

/** Checks at or above --fail-on: `fail` counts only failures; `warn` counts warnings and failures. */
export function failingChecks<T extends { status: string }>(checks: T[], failOn: FailOn): T[] {
  const levels = failOn === 'warn' ? ['warn', 'fail'] : ['fail'];
  return checks.filter((c) => levels.includes(c.status));
}

/** sf code42 preflight: 1 when a check reached --fail-on. */
export function exitCodeFor(checks: Array<{ status: string }>, failOn: FailOn): number {
  return failingChecks(checks, failOn).length > 0 ? EXIT_CHECKS_FAILED : EXIT_OK;
}

/** sf code42 access-errors: 1 when the log files could not be read at all (a "fail" finding). */
export function accessErrorsExitCode(findings: Array<{ status: string }>): number {
  return findings.some((f) => f.status === 'fail') ? EXIT_CHECKS_FAILED : EXIT_OK;
}

/** sf code42 watch: status exits 3 when the watch is not scheduled; start and stop exit 0. */
export function watchExitCode(running: boolean): number {
  return running ? EXIT_OK : EXIT_WATCH_NOT_RUNNING;
}
