import { SUPPORTED_EDITIONS } from "../requirements.js";
import { isUnknown, reasonFor, result } from "./result.js";

export function evaluateEdition(facts) {
  const org = facts.org;
  if (!org || isUnknown(org.edition)) {
    return result(
      "org-edition",
      "skip",
      reasonFor(facts, "org", "The org edition could not be read.")
    );
  }
  if (SUPPORTED_EDITIONS.includes(org.edition)) {
    return result(
      "org-edition",
      "pass",
      `${org.edition} supports Real-Time Event Monitoring.`
    );
  }
  return result(
    "org-edition",
    "fail",
    `${org.edition} cannot have Real-Time Event Monitoring, which Code42 needs. Supported: ${SUPPORTED_EDITIONS.join(", ")}.`
  );
}
