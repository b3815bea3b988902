import { formatCount } from "./format.js";

/**
 * What Salesforce logs as Insufficient Access events, in its own words (Object Reference,
 * "InsufficientAccessEventLog"; the same event type as the InsufficientAccess event log files).
 * The CLI's help and findings (plugin/messages/code42.access-errors.md, tested for drift) and the
 * dashboard say it, so that "0 errors" is never read as "no access problems".
 */
export const INSUFFICIENT_ACCESS_EVENT = {
  disabledByDefault:
    "The Insufficient Access event type is disabled by default. You can enable this event type for a period of 24 hours by contacting Salesforce Customer Support.",
  covers:
    "It logs only some errors: sharing a case, contact or opportunity, changing its owner, or changing its parent account, when someone lacks access to the parent account (Account, Case, Contact and Opportunity records); errors of bulk operations on two or more records are not logged.",
  action:
    "To record them, ask Salesforce Customer Support to enable the Insufficient Access event type (24 hours at a time), reproduce the problem while it is on, then read the log files of that time."
};

/** Who the log files may concern: the service users' usernames, or the account in general. */
function serviceUsersNamed(facts) {
  const names = (Array.isArray(facts.serviceUsers) ? facts.serviceUsers : [])
    .map((u) => u.username)
    .filter(Boolean);
  if (names.length === 0) return "the Code42 service user";
  return `the service ${names.length === 1 ? "user" : "users"} ${names.join(", ")}`;
}

/**
 * The Insufficient Access fact as the dashboard shows it (it counts the log files, it never
 * downloads or parses them: they can be very large). `state` is 'unknown' (could not be read;
 * `text` is facts.unavailable.insufficientAccess), 'none' (no file in the last 7 days, which is
 * not proof of no access errors) or 'files' (`files` log files to read with the CLI's
 * access-errors). `coverage` says what Salesforce logs at all, next to any count; null when
 * unknown.
 * @returns {{ state: 'unknown'|'none'|'files', files: number|null, text: string, coverage: string|null }}
 */
export function insufficientAccessSummary(facts) {
  const ia = facts.insufficientAccess;
  if (!ia) {
    return {
      state: "unknown",
      files: null,
      text:
        (facts.unavailable && facts.unavailable.insufficientAccess) ||
        "Not readable.",
      coverage: null
    };
  }
  const files = ia.logFilesLast7Days || 0;
  const who = serviceUsersNamed(facts);
  const coverage = `${INSUFFICIENT_ACCESS_EVENT.disabledByDefault} ${INSUFFICIENT_ACCESS_EVENT.covers}`;
  if (files === 0) {
    return {
      state: "none",
      files,
      text: `No Insufficient Access event log files in the last 7 days, which does not mean that ${who} had no access errors. ${INSUFFICIENT_ACCESS_EVENT.action}`,
      coverage
    };
  }
  return {
    state: "files",
    files,
    text: `${formatCount(files)} Insufficient Access event log ${files === 1 ? "file" : "files"} from the last 7 days may hold access errors of ${who}. The dashboard only counts the files; to see each error (user, object, record, requested access and why), run:`,
    coverage
  };
}
