import { SERVICE_PERMISSION_SET, SERVICE_PROFILE } from "../permissions.js";
import { reasonFor, result, userLabel } from "./result.js";
import { evaluateActive } from "./service-user-active.js";
import { evaluateFrozen } from "./service-user-not-frozen.js";
import { evaluateLoginRate } from "./service-user-login-rate.js";
import { evaluatePermissions } from "./service-user-permissions.js";

/**
 * Service-user checks. With several service users, each rule reports the worst user and
 * names every user it concerns.
 */
export function evaluateServiceUsers(facts) {
  const users = facts.serviceUsers;
  const selection = facts.serviceUserSelection || {};
  const dependent = [
    "service-user-active",
    "service-user-not-frozen",
    "service-user-login-rate",
    "service-user-permissions"
  ];
  if (!Array.isArray(users)) {
    const why = reasonFor(
      facts,
      "serviceUsers",
      "The service account user could not be read."
    );
    return [
      result("service-user", "skip", why),
      ...dependent.map((id) => result(id, "skip", why))
    ];
  }
  if (users.length === 0) {
    const message = selection.requested
      ? `No user with the username or Id "${selection.requested}" exists in this org.`
      : `No user is assigned the "${SERVICE_PERMISSION_SET}" permission set or the "${SERVICE_PROFILE}" profile, so the Code42 service account could not be found.`;
    const skipWhy = "No service account user to check.";
    return [
      result("service-user", "fail", message),
      ...dependent.map((id) => result(id, "skip", skipWhy))
    ];
  }
  const names = users.map(userLabel).join(", ");
  const how = selection.requested
    ? "named with --service-user"
    : `assigned ${SERVICE_PERMISSION_SET} / ${SERVICE_PROFILE}`;
  const found =
    users.length === 1
      ? result(
          "service-user",
          "pass",
          `Service account user: ${names} (${how}).`
        )
      : result(
          "service-user",
          "warn",
          `${users.length} users look like the Code42 service account (${names}). Code42 uses the one that authorized the connection; keep only that one, or name it with --service-user.`
        );
  return [
    found,
    evaluateActive(users),
    evaluateFrozen(users, facts),
    evaluateLoginRate(users, facts),
    evaluatePermissions(users, facts)
  ];
}
