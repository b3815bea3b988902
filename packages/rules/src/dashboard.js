// The decisions the Code42 Health dashboard used to take on its own after the rules. The CLI does
// not call them: its check results stay as they are.
import { REQUIRED_STREAMS } from "./requirements.js";
import { checkDefinition } from "./catalogue/checks.js";
import { connectionStatus, evaluateChecks } from "./evaluate.js";
/**
 * The check results with the saved preflight's stream results in place of the live "could not
 * be read" ones (Apex cannot read the Event Manager settings), so the overall status reflects a
 * stream that was off when the preflight last ran. `savedPreflight` has `streamChecks` (the
 * saved results of the REQUIRED_STREAMS checks), as the dashboard reads it; null: none saved.
 */
export function withSavedStreams(results, savedPreflight) {
  if (!savedPreflight) {
    return results;
  }
  const streamIds = REQUIRED_STREAMS.map((s) => s.checkId);
  return results.map((r) => {
    if (!streamIds.includes(r.id) || r.status !== "skip") {
      return r;
    }
    const saved = savedPreflight.streamChecks.find((c) => c.id === r.id);
    if (!saved || saved.status === "skip") {
      return r;
    }
    const def = checkDefinition(r.id);
    const remediation =
      saved.status === "warn" || saved.status === "fail"
        ? (Array.isArray(saved.remediation) && saved.remediation.length
            ? saved.remediation
            : def.remediation
          ).slice()
        : [];
    return {
      ...r,
      status: saved.status,
      message: `${saved.message} (saved preflight)`,
      remediation,
      fromSavedPreflight: true
    };
  });
}

/**
 * The dashboard's one pipeline: the checks on the org's facts, the saved stream results put in,
 * and the overall connection status of connectionStatus().
 * @returns {{ results: object[], status: object }}
 */
export function dashboardStatus(facts, savedPreflight) {
  const results = withSavedStreams(evaluateChecks(facts), savedPreflight);
  return { results, status: connectionStatus(results) };
}
/**
 * The Event Monitoring add-on as the dashboard shows it: `state` is available, missing or
 * unknown (could not be read; facts.unavailable.eventMonitoring says why), `text` the sentence.
 */
export function eventMonitoringState(facts) {
  const em = facts.eventMonitoring;
  if (!em) {
    return {
      state: "unknown",
      text:
        (facts.unavailable && facts.unavailable.eventMonitoring) ||
        "Could not be read."
    };
  }
  return em.available
    ? { state: "available", text: `Available (${em.evidence}).` }
    : {
        state: "missing",
        text: `Not available (${em.evidence}): this org has no Event Monitoring or Shield add-on.`
      };
}
/**
 * The dashboard's note when several users look like the service account (the service-user
 * check's warn, without the CLI's --service-user advice); null for none or one.
 */
export function severalServiceUsersText(facts) {
  const users = Array.isArray(facts.serviceUsers) ? facts.serviceUsers : [];
  return users.length > 1
    ? `${users.length} users look like the Code42 service account. Code42 uses the one that authorized the connection: keep only that one assigned.`
    : null;
}
