import { isUnknown, reasonFor, result } from "./result.js";

export function evaluateAddon(facts) {
  const em = facts.eventMonitoring;
  if (!em || isUnknown(em.available)) {
    return result(
      "event-monitoring-addon",
      "skip",
      reasonFor(
        facts,
        "eventMonitoring",
        "Whether the Event Monitoring add-on is present could not be read."
      )
    );
  }
  if (em.available) {
    return result(
      "event-monitoring-addon",
      "pass",
      `Event Monitoring is available${em.evidence ? ` (${em.evidence})` : ""}.`
    );
  }
  return result(
    "event-monitoring-addon",
    "fail",
    `This org has no Event Monitoring or Shield subscription${em.evidence ? ` (${em.evidence})` : ""}. Code42 cannot receive report export events without it.`
  );
}
