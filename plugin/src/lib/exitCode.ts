/*
 * The preflight's exit code: 0 when no check reaches --fail-on, 1 when one does. Other
 * failures (auth, network, bad flags or files) keep the sf CLI's own codes.
 */
export type FailOn = 'fail' | 'warn';

export const EXIT_OK = 0;
export const EXIT_CHECKS_FAILED = 1;

/** Checks at or above --fail-on: `fail` counts only failures; `warn` counts warnings and failures. */
export function failingChecks<T extends { status: string }>(checks: T[], failOn: FailOn): T[] {
  const levels = failOn === 'warn' ? ['warn', 'fail'] : ['fail'];
  return checks.filter((c) => levels.includes(c.status));
}

export function exitCodeFor(checks: Array<{ status: string }>, failOn: FailOn): number {
  return failingChecks(checks, failOn).length > 0 ? EXIT_CHECKS_FAILED : EXIT_OK;
}
