import { VENDOR_MESSAGES } from "../catalogue/vendorMessages.js";
import { result, userLabel, withUsers } from "./result.js";

export function evaluateActive(users) {
  const inactive = users.filter((u) => u.isActive === false);
  if (inactive.length === 0) {
    return result(
      "service-user-active",
      "pass",
      `${users.map(userLabel).join(", ")} is active.`
    );
  }
  return result(
    "service-user-active",
    "fail",
    withUsers(VENDOR_MESSAGES.deactivated, inactive, users),
    {
      users: inactive.map(userLabel)
    }
  );
}
