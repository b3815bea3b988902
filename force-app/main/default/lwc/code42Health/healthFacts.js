/*
 * Turns what Code42HealthController.getHealthFacts returns into Facts v1 (documented at the
 * top of c/code42Rules) and reads the saved preflight result. No pass/fail decisions here:
 * c/code42Rules decides, exactly as it does for the CLI.
 */
import {
  FACTS_VERSION,
  REQUIRED_PERMISSIONS,
  REQUIRED_STREAMS,
  VRTEM_PERMISSION,
  checkDefinition,
  dashboardStatus,
  hiddenFromRunningUser,
  parseSavedResult
} from "c/code42Rules";

export const PREFLIGHT_COMMAND =
  "sf code42 preflight --target-org <alias> --save-result";

/** The details Apex cannot give: it counts log files, the CLI downloads and reads them. */
export const ACCESS_ERRORS_COMMAND =
  "sf code42 access-errors --target-org <alias>";

const STREAMS_UNAVAILABLE = `Apex cannot read the Event Manager streaming settings. The dashboard shows the latest preflight saved to this org (${PREFLIGHT_COMMAND}).`;
const SESSIONS_UNAVAILABLE =
  "Active sessions of users in scope are checked by sf code42 preflight, not by this dashboard.";

function serviceUserFacts(user, unavailable) {
  const grantsUnreadable =
    user.permissionGrants === null || user.permissionGrants === undefined;
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    email: user.email,
    isActive: user.isActive,
    profileName: user.profileName,
    licenseName: user.licenseName,
    lastLoginDate: user.lastLoginDate || null,
    isFrozen: user.isFrozen ?? null,
    isPasswordLocked: user.isPasswordLocked ?? null,
    loginsLastHour: user.loginsLastHour ?? null,
    loginRateExceeded: user.loginRateExceeded ?? null,
    // null: could not be read (c/code42Rules then answers skip with unavailable.permissions).
    permissionGrants: grantsUnreadable ? null : user.permissionGrants,
    // When the assignments could not be read, every permission is "unknown", not "missing".
    unknownPermissions: grantsUnreadable
      ? REQUIRED_PERMISSIONS.map((p) => p.name)
      : user.unknownPermissions || [],
    grantsUnavailable: grantsUnreadable
      ? unavailable.permissions || "Permission assignments could not be read."
      : null
  };
}

/**
 * The add-on fact from Apex's answer, told apart the way the CLI does: the event entities
 * missing while the permission field that comes with the add-on exists means they are hidden
 * from the viewer (skip, naming the permission), not that the org lacks the add-on.
 */
function eventMonitoringFact(em, unavailable) {
  if (!em) {
    return null;
  }
  const field = em.addOnPermissionField || null;
  if (em.available === true) {
    return { available: true, evidence: em.evidence };
  }
  if (field) {
    unavailable.eventMonitoring = hiddenFromRunningUser(
      "eventMonitoring",
      `${em.evidence}, but the PermissionSet describe has ${field} ("${VRTEM_PERMISSION.label}"), which exists only with the add-on: the org has it.`
    );
    return null;
  }
  return {
    available: false,
    evidence: `${em.evidence}, and the PermissionSet describe has no permission field labelled "${VRTEM_PERMISSION.label}", which exists only with the add-on`
  };
}

/**
 * Facts v1 from the Apex answer. The dashboard always shows the "All users" scope, cannot read
 * stream settings or sessions, and says why in `unavailable`.
 * @param {object} raw the Apex result
 * @returns {object} Facts v1 with source 'org'
 */
export function buildFacts(raw) {
  const source = raw || {};
  const unavailable = {
    ...(source.unavailable || {}),
    streams: STREAMS_UNAVAILABLE,
    sessions: SESSIONS_UNAVAILABLE
  };
  const users = Array.isArray(source.serviceUsers)
    ? source.serviceUsers.map((u) => serviceUserFacts(u, unavailable))
    : null;
  return {
    factsVersion: FACTS_VERSION,
    source: "org",
    collectedAt: source.collectedAt || new Date().toISOString(),
    org: source.org || null,
    eventMonitoring: eventMonitoringFact(source.eventMonitoring, unavailable),
    streams: null,
    serviceUserSelection: {},
    serviceUsers: users,
    holders: source.holders || null,
    scope: { mode: "all", entries: 0, unmatched: [] },
    sessions: null,
    limits: source.limits || null,
    // Counted by Apex, never downloaded; null: could not be read (unavailable.insufficientAccess).
    insufficientAccess: source.insufficientAccess || null,
    connection: source.connection || null,
    ...(source.permissionApiNames &&
    Object.keys(source.permissionApiNames).length
      ? { permissionApiNames: source.permissionApiNames }
      : {}),
    unavailable
  };
}

/**
 * The latest saved preflight, with its stream checks ready for display.
 * @returns {null | {id, runAt, status, summary, version, checks, streamChecks, parseError}}
 */
export function readSavedPreflight(saved) {
  if (!saved) {
    return null;
  }
  // The documented, versioned shape (savedResultOf / parseSavedResult in c/code42Rules): a
  // version this dashboard does not know is named, never guessed at.
  const { result: parsed, problem: parseError } = parseSavedResult(
    saved.resultJson
  );
  const checks = parsed && Array.isArray(parsed.checks) ? parsed.checks : [];
  const streamChecks = REQUIRED_STREAMS.map((stream) => {
    const check = checks.find((c) => c && c.id === stream.checkId);
    return check
      ? { ...check, label: stream.label }
      : {
          id: stream.checkId,
          label: stream.label,
          title: checkDefinition(stream.checkId).title,
          status: "skip",
          message: "Not in the saved result.",
          remediation: []
        };
  });
  return {
    id: saved.id,
    runAt: saved.runAt,
    status: saved.status,
    summary: saved.summary,
    version: parsed ? parsed.version : null,
    checks,
    streamChecks,
    parseError
  };
}

/**
 * The dashboard's one pipeline over an Apex answer: its Facts, the saved preflight, and what
 * c/code42Rules decides of them (dashboardStatus). The container and the watch timeline use it.
 * @returns {{ facts, savedPreflight, results, status }}
 */
export function dashboardOf(raw) {
  const facts = buildFacts(raw);
  const savedPreflight = readSavedPreflight(raw && raw.latestPreflight);
  const { results, status } = dashboardStatus(facts, savedPreflight);
  return { facts, savedPreflight, results, status };
}

/** A readable message from an Apex/LDS error, a JS error or a string. */
export function readableError(error) {
  if (!error) {
    return "Unknown error.";
  }
  if (typeof error === "string") {
    return error;
  }
  const body = error.body;
  if (Array.isArray(body)) {
    const messages = body.map((b) => b && b.message).filter(Boolean);
    if (messages.length) {
      return messages.join(" ");
    }
  } else if (body) {
    if (typeof body.message === "string" && body.message) {
      return body.message;
    }
    if (Array.isArray(body.pageErrors) && body.pageErrors.length) {
      return body.pageErrors.map((e) => e.message).join(" ");
    }
  }
  if (typeof error.message === "string" && error.message) {
    return error.message;
  }
  if (error.statusText) {
    return error.statusText;
  }
  return "Unknown error.";
}
