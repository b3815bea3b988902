/*
 * --request-timeout for the requests @salesforce/core sends on its own while the command's
 * flags are parsed: resolving --target-org from an access token or a stored login sends
 * GET /services/data (the newest API version), the identity/userinfo look-ups and the
 * Organization query (edition, sandbox). They go through jsforce's transport, which waits
 * 30 minutes by default, so a hung org kept the command silent for that long.
 *
 * jsforce reads its transport defaults once (HTTP_TIMEOUT, proxy, redirects) and lets them be
 * replaced with `setDefaults` (jsforce lib/request.js, the module behind every Connection's
 * HTTP request). The command calls boundCoreRequests() before parsing its flags, with the
 * --request-timeout it was given, so every request of the run, ours and core's, ends in time.
 * A timed-out login-time request is one core tolerates (it falls back, or reports the org as
 * unreachable); the command's own first request then ends with RequestTimeoutError.
 *
 * jsforce's timeout ends when the answer's headers arrive; a login-time answer whose body drips
 * would still never end. So the whole flag parsing also has a deadline (withLoginDeadline):
 * LOGIN_REQUESTS x --request-timeout, the most the login-time requests may take one after the
 * other. Past it the command stops with LoginTimeoutError (oclif then exits the process, which
 * also drops the dripping socket).
 */
import { createRequire } from 'node:module';
import { Messages, type SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const errors = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.errors');

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;

type JsforceRequestModule = { setDefaults: (defaults: Record<string, unknown>) => void };

/** The --request-timeout value in argv (`--request-timeout 5` or `--request-timeout=5`), if any is a whole number. */
export function requestTimeoutFromArgv(argv: string[]): number | undefined {
  let found: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--request-timeout') found = argv[i + 1];
    else if (arg.startsWith('--request-timeout=')) found = arg.slice('--request-timeout='.length);
  });
  return found !== undefined && /^\d+$/.test(found) && Number(found) > 0 ? Number(found) : undefined;
}

/** The jsforce copy @salesforce/core uses (resolved from core, not from this package). */
function jsforceRequestModule(): JsforceRequestModule | undefined {
  try {
    const fromHere = createRequire(import.meta.url);
    const fromCore = createRequire(fromHere.resolve('@salesforce/core'));
    const mod = fromCore('@jsforce/jsforce-node/lib/request') as Partial<JsforceRequestModule>;
    return typeof mod.setDefaults === 'function' ? (mod as JsforceRequestModule) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bound every jsforce request of this process to timeoutMs (until the answer's headers; our
 * own requests also bound the body). Keeps jsforce's other defaults (proxy from the
 * environment, following redirects). Returns false if jsforce could not be found.
 */
export function boundCoreRequests(timeoutMs: number): boolean {
  const request = jsforceRequestModule();
  if (!request) return false;
  request.setDefaults({
    // As jsforce's transport sets them (lib/transport.js).
    httpProxy: process.env.https_proxy ?? process.env.http_proxy ?? process.env.HTTPS_PROXY ?? process.env.HTTP_PROXY ?? undefined,
    followRedirect: true,
    timeout: timeoutMs,
  });
  return true;
}

/** Requests core may send one after the other while resolving --target-org (versions, identity, Organization, a token refresh). */
export const LOGIN_REQUESTS = 4;

/** `work` (the flag parsing, with core's login-time requests), or LoginTimeoutError once LOGIN_REQUESTS x timeoutMs have passed. */
export async function withLoginDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadlineMs = LOGIN_REQUESTS * timeoutMs;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(loginTimeoutError(deadlineMs)), deadlineMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function loginTimeoutError(deadlineMs: number): SfError {
  return errors.createError('error.LoginTimeout', [String(Math.round(deadlineMs / 1000)), String(LOGIN_REQUESTS)]);
}
