import { FACTS_VERSION } from "./facts.js";
import { CHECKS } from "./catalogue/checks.js";
import { plural } from "./format.js";
import { evaluateEdition } from "./checks/org-edition.js";
import { evaluateAddon } from "./checks/event-monitoring-addon.js";
import { evaluateStreams } from "./checks/streams.js";
import { evaluateServiceUsers } from "./checks/service-user.js";
import { evaluateHolders } from "./checks/report-export-holders.js";
import { evaluateScope } from "./checks/scope-entries.js";
import { evaluateSessions } from "./checks/active-sessions.js";
import { evaluateApiLimits } from "./checks/api-limits.js";
import { evaluateConnectedAppAccess } from "./checks/connected-app-access.js";
import { evaluateAuthorization } from "./checks/code42-authorization.js";
import { evaluateLicence } from "./checks/service-user-licence.js";
import { evaluateLoginAccess } from "./checks/service-user-login-access.js";

/**
 * Evaluate every check over a Facts object. The order is the catalogue's order.
 * @param {object} facts see docs in the README ("Facts")
 * @returns {Array<{id,title,status,message,remediation,setupLink}>}
 */
export function evaluateChecks(facts) {
  if (!facts || facts.factsVersion !== FACTS_VERSION) {
    throw new Error(
      `Facts version ${facts && facts.factsVersion} is not supported (expected ${FACTS_VERSION}).`
    );
  }
  const results = [
    evaluateEdition(facts),
    evaluateAddon(facts),
    ...evaluateStreams(facts),
    ...evaluateServiceUsers(facts),
    evaluateHolders(facts),
    evaluateScope(facts),
    evaluateSessions(facts),
    evaluateApiLimits(facts),
    ...evaluateConnection(facts)
  ];
  const order = CHECKS.map((c) => c.id);
  return results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

/** Count results per status. */
export function summarize(results) {
  const summary = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of results) summary[r.status] += 1;
  return summary;
}

/**
 * The connection status Code42 would show, in Code42's terms: 'Monitoring' or 'Error' with
 * the vendor's message for the first cause, plus our 'Warning' when something will soon break
 * or could not be verified.
 */
export function connectionStatus(results) {
  const byId = Object.fromEntries(results.map((r) => [r.id, r]));
  const errorOrder = [
    "service-user",
    "service-user-active",
    "service-user-not-frozen",
    "service-user-login-rate",
    "service-user-permissions",
    "event-monitoring-addon",
    "org-edition",
    "stream-login-event",
    "stream-logout-event",
    "stream-report-event"
  ];
  const errors = errorOrder
    .map((id) => byId[id])
    .filter((r) => r && r.status === "fail");
  if (errors.length > 0) {
    return {
      state: "Error",
      message: errors[0].message,
      causes: errors.map((r) => r.id)
    };
  }
  const warnings = results.filter(
    (r) => r.status === "warn" || r.status === "fail"
  );
  if (warnings.length > 0) {
    return {
      state: "Warning",
      message: `Monitoring, with ${plural(warnings.length, "problem", "problems")} to look at.`,
      causes: warnings.map((r) => r.id)
    };
  }
  return {
    state: "Monitoring",
    message: "Nothing found that would stop Code42 from monitoring.",
    causes: []
  };
}

/** The four checks of the authorization block, in catalogue order. */
export function evaluateConnection(facts) {
  return [
    evaluateConnectedAppAccess(facts),
    evaluateAuthorization(facts),
    evaluateLicence(facts),
    evaluateLoginAccess(facts)
  ];
}
