import { THRESHOLDS } from "../thresholds.js";
import { isUnknown, reasonFor, result } from "./result.js";
import { formatCount } from "../format.js";

export function evaluateApiLimits(facts) {
  const l = facts.limits;
  if (
    !l ||
    isUnknown(l.dailyApiRequests) ||
    isUnknown(l.dailyApiRequests.max)
  ) {
    return result(
      "api-limits",
      "skip",
      reasonFor(facts, "limits", "The org limits could not be read.")
    );
  }
  const { max, remaining } = l.dailyApiRequests;
  const text = `${formatCount(remaining)} of ${formatCount(max)} daily API requests remain.`;
  if (remaining < THRESHOLDS.apiRemainingFailAbsolute) {
    return result(
      "api-limits",
      "fail",
      `${text} Integrations, Code42 included, will soon be refused (REQUEST_LIMIT_EXCEEDED).`,
      {
        max,
        remaining
      }
    );
  }
  if (remaining < max * THRESHOLDS.apiRemainingWarnRatio) {
    return result(
      "api-limits",
      "warn",
      `${text} That is under ${THRESHOLDS.apiRemainingWarnRatio * 100}% of the allowance.`,
      {
        max,
        remaining
      }
    );
  }
  return result("api-limits", "pass", text, { max, remaining });
}
