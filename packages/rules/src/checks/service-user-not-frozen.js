import { VENDOR_MESSAGES } from "../catalogue/vendorMessages.js";
import {
  isUnknown,
  reasonFor,
  result,
  userLabel,
  withUsers
} from "./result.js";

export function evaluateFrozen(users, facts) {
  const unknown = users.filter((u) => isUnknown(u.isFrozen));
  if (unknown.length === users.length) {
    return result(
      "service-user-not-frozen",
      "skip",
      reasonFor(
        facts,
        "userLogin",
        "Frozen and locked state could not be read (UserLogin needs the Manage Users permission)."
      )
    );
  }
  const frozen = users.filter((u) => u.isFrozen === true);
  const locked = users.filter((u) => u.isPasswordLocked === true);
  if (frozen.length > 0) {
    return result(
      "service-user-not-frozen",
      "fail",
      withUsers(VENDOR_MESSAGES.frozen, frozen, users),
      {
        users: frozen.map(userLabel)
      }
    );
  }
  if (locked.length > 0) {
    return result(
      "service-user-not-frozen",
      "fail",
      `The service account user ${locked.map(userLabel).join(", ")} is locked out after too many failed password attempts. It cannot log in until an administrator unlocks it or the lockout period ends.`,
      { users: locked.map(userLabel) }
    );
  }
  return result(
    "service-user-not-frozen",
    "pass",
    "The service account user is neither frozen nor locked."
  );
}
