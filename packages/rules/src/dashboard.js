// The decisions the Code42 Health dashboard used to take on its own after the rules. The CLI does
// not call them: its check results stay as they are.
import { REQUIRED_STREAMS } from "./requirements.js";
import { checkDefinition } from "./catalogue/checks.js";
import { connectionStatus, evaluateChecks } from "./evaluate.js";
import { formatCount } from "./format.js";
import { reasonFor } from "./checks/result.js";
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

/** The org line under the status: name, edition and sandbox, or why the org could not be read. */
export function orgSummary(facts) {
  const org = facts.org;
  if (!org) {
    return reasonFor(facts, "org", "The org could not be read.");
  }
  return `${org.name} · ${org.edition}${org.isSandbox ? " · Sandbox" : ""}`;
}

/**
 * The active Export Reports holders, what Code42 monitors with the "All users" scope. Same
 * meaning as the CLI's count (no expired or inactive assignment, no group that mutes Export
 * Reports); when muting could not be read, the text says the count may include them.
 * @returns {{ known: boolean, text: string }}
 */
export function holdersSummary(facts) {
  const h = facts.holders;
  if (!h) {
    return {
      known: false,
      text: reasonFor(
        facts,
        "holders",
        "Export Reports holders could not be counted."
      )
    };
  }
  const muting = facts.unavailable && facts.unavailable.holdersMuting;
  const total = formatCount(h.totalCount);
  return { known: true, text: muting ? `${total} (${muting})` : total };
}

/** The org's daily API requests left today, or why they could not be read. */
export function apiRequestsSummary(facts) {
  const l = facts.limits;
  if (!l || !l.dailyApiRequests) {
    return reasonFor(facts, "limits", "Not readable.");
  }
  const { max, remaining } = l.dailyApiRequests;
  return `${formatCount(remaining)} of ${formatCount(max)} remain today`;
}
