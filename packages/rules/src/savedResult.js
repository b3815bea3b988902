/*
 * The saved preflight result: what `sf code42 preflight --save-result` stores in
 * Code42_Preflight_Result__c.Result_JSON__c and what the dashboard reads back. It holds only
 * what the dashboard shows, never a user list, so its size does not grow with the org:
 *
 * {
 *   format: 'code42-preflight-result', version: 1,
 *   runAt: ISO-8601 string,
 *   org: { id, name, edition, instanceUrl, isSandbox },
 *   status: 'pass'|'warn'|'fail',
 *   summary: { pass, warn, fail, skip },
 *   connectionStatus: { state, message, causes: [checkId] },
 *   checks: [{ id, title, status, message, remediation: [string], setupLink?: { label, path } }],
 *   scope: { mode: 'all'|'users'|'groups', entries, inScopeCount, holdersTotal }  // counts only
 * }
 *
 * A change that an older dashboard could misread gets a new version; the dashboard names a
 * version it does not know instead of guessing. The writer refuses a document that would not
 * fit the field, it never cuts one.
 */
export const SAVED_RESULT_FORMAT = "code42-preflight-result";
export const SAVED_RESULT_VERSION = 1;
/** Result_JSON__c is a Long Text Area of 131,072 characters (its field metadata). */
export const SAVED_RESULT_MAX_CHARS = 131072;
/** Per-string bounds, so a long message cannot crowd out the other checks. */
const SAVED_TEXT_MAX = 2000;
const SAVED_REMEDIATION_MAX = 12;

const SHORTENED = "… (shortened; run the preflight for all of it)";

function boundedText(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return text.length > SAVED_TEXT_MAX
    ? text.slice(0, SAVED_TEXT_MAX - SHORTENED.length) + SHORTENED
    : text;
}

function count(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * The saved-result document (version SAVED_RESULT_VERSION) for a preflight result.
 * @param {object} preflightResult the preflight result (org, checks, summary, status, connectionStatus, scope, inScopeUsers, holdersTotal)
 * @param {string} runAt ISO-8601 time of the run
 * @returns {object}
 */
export function savedResultOf(preflightResult, runAt) {
  const r = preflightResult;
  const org = r.org || {};
  const cs = r.connectionStatus || {};
  const scope = r.scope || {};
  return {
    format: SAVED_RESULT_FORMAT,
    version: SAVED_RESULT_VERSION,
    runAt,
    org: {
      id: org.id || "",
      name: org.name || "",
      edition: org.edition || "",
      instanceUrl: org.instanceUrl || "",
      isSandbox: !!org.isSandbox
    },
    status: r.status,
    summary: { ...r.summary },
    connectionStatus: {
      state: cs.state || "",
      message: boundedText(cs.message),
      causes: Array.isArray(cs.causes) ? cs.causes.slice() : []
    },
    checks: (r.checks || []).map((c) => {
      const check = {
        id: c.id,
        title: c.title,
        status: c.status,
        message: boundedText(c.message),
        remediation: (c.remediation || [])
          .slice(0, SAVED_REMEDIATION_MAX)
          .map(boundedText)
      };
      if (c.setupLink) {
        check.setupLink = {
          label: boundedText(c.setupLink.label),
          path: boundedText(c.setupLink.path)
        };
      }
      return check;
    }),
    scope: {
      mode: scope.mode || "all",
      entries: count(scope.entries) ?? 0,
      inScopeCount: Array.isArray(r.inScopeUsers)
        ? r.inScopeUsers.length
        : null,
      holdersTotal: count(r.holdersTotal)
    }
  };
}

/**
 * Read a stored Result_JSON__c. Never throws.
 * @param {string} text the stored JSON
 * @returns {{ result: object|null, problem: string|null }} `problem` says, for an admin, why
 *   the stored text cannot be used (not JSON, another format, a version this code does not read)
 */
export function parseSavedResult(text) {
  if (!text) {
    return { result: null, problem: "The saved result has no JSON body." };
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return {
      result: null,
      problem: `The saved result is not valid JSON (${e.message}). Run the preflight with --save-result again.`
    };
  }
  if (!parsed || typeof parsed !== "object" || !("version" in parsed)) {
    return {
      result: null,
      problem: `The saved result has no format version: it was saved by an earlier version of the plugin, whose format this dashboard does not read (it reads version ${SAVED_RESULT_VERSION}). Run the preflight with --save-result again.`
    };
  }
  if (
    parsed.format !== SAVED_RESULT_FORMAT ||
    parsed.version !== SAVED_RESULT_VERSION
  ) {
    return {
      result: null,
      problem: `The saved result has format "${parsed.format}" version ${parsed.version}, which this dashboard does not read (it reads "${SAVED_RESULT_FORMAT}" version ${SAVED_RESULT_VERSION}). Deploy the dashboard and the plugin from the same release, then run the preflight with --save-result again.`
    };
  }
  if (!Array.isArray(parsed.checks)) {
    return {
      result: null,
      problem: `The saved result (version ${SAVED_RESULT_VERSION}) has no list of checks. Run the preflight with --save-result again.`
    };
  }
  return { result: parsed, problem: null };
}
