import { THRESHOLDS } from "../thresholds.js";
import { isUnknown, reasonFor, result, userLabel } from "./result.js";
import { formatCount } from "../format.js";

/**
 * Login History is a lower bound: a login-rate block is recorded as LOGIN_RATE_EXCEEDED
 * (knowledge article 000381578) or with the Status text "Login Rate Exceeded" (article
 * 000233559), and Salesforce no longer writes a row for every blocked attempt, so counts are
 * worded "at least". Gatherers match both spellings (LOGIN_RATE_STATUS).
 */
export const LOGIN_RATE_STATUS = /login[\s_-]*rate[\s_-]*exceeded/i;

/**
 * One user's standing against Salesforce's hourly login limit:
 * 'unknown' (Login History unreadable), 'exceeded' (LOGIN_RATE_EXCEEDED recorded, or at the
 * limit), 'near' (at or above the warning share of it) or 'ok'.
 */
export function loginRateState(user) {
  if (isUnknown(user.loginsLastHour)) return "unknown";
  const limit = THRESHOLDS.loginsPerHourLimit;
  if (user.loginRateExceeded === true || user.loginsLastHour >= limit)
    return "exceeded";
  if (
    user.loginsLastHour >= Math.ceil(limit * THRESHOLDS.loginsPerHourWarnRatio)
  )
    return "near";
  return "ok";
}

export function evaluateLoginRate(users, facts) {
  const known = users.filter((u) => loginRateState(u) !== "unknown");
  if (known.length === 0) {
    return result(
      "service-user-login-rate",
      "skip",
      reasonFor(facts, "loginHistory", "Login History could not be read.")
    );
  }
  const limit = THRESHOLDS.loginsPerHourLimit;
  const exceeded = known.filter((u) => loginRateState(u) === "exceeded");
  const worst = known.reduce((a, b) => {
    return b.loginsLastHour > a.loginsLastHour ? b : a;
  });
  if (exceeded.length > 0) {
    return result(
      "service-user-login-rate",
      "fail",
      `${exceeded.map(userLabel).join(", ")} hit Salesforce's limit of ${formatCount(limit)} logins per hour (LOGIN_RATE_EXCEEDED, "Login Rate Exceeded" in Login History; at least ${formatCount(worst.loginsLastHour)} logins recorded in the last hour). Salesforce blocks further logins until the hour resets; Code42 shows this as "frozen".`,
      {
        users: exceeded.map(userLabel),
        loginsLastHour: worst.loginsLastHour,
        limit
      }
    );
  }
  if (loginRateState(worst) === "near") {
    return result(
      "service-user-login-rate",
      "warn",
      `${userLabel(worst)} logged in at least ${formatCount(worst.loginsLastHour)} times in the last hour, close to Salesforce's limit of ${formatCount(limit)}.`,
      { users: [userLabel(worst)], loginsLastHour: worst.loginsLastHour, limit }
    );
  }
  return result(
    "service-user-login-rate",
    "pass",
    `At least ${formatCount(worst.loginsLastHour)} of ${formatCount(limit)} logins used in the last hour.`,
    { loginsLastHour: worst.loginsLastHour, limit }
  );
}
