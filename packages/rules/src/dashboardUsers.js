// What the Code42 Health dashboard shows of the service account users, decided and worded here
// so that the dashboard only maps each state to its look (badge, icon). The CLI words the same
// facts through the checks (checks/service-user*.js).
import { THRESHOLDS } from "./thresholds.js";
import { formatCount } from "./format.js";
import { isUnknown, reasonFor } from "./checks/result.js";
import { loginRateState } from "./checks/service-user-login-rate.js";
import { permissionStatus } from "./checks/service-user-permissions.js";

/**
 * The service user's Active, Frozen and Locked flags: `field` of the Facts user, the label for
 * true and false, and the value that stops Code42 (the service-user-active and
 * service-user-not-frozen checks fail on it).
 */
const SERVICE_USER_FLAGS = {
  active: { field: "isActive", yes: "Active", no: "Deactivated", bad: false },
  frozen: { field: "isFrozen", yes: "Frozen", no: "Not frozen", bad: true },
  locked: {
    field: "isPasswordLocked",
    yes: "Password-locked",
    no: "Not locked",
    bad: true
  }
};

/**
 * Each flag of a service user as `{ label, state }`: state 'bad' (the value that stops Code42),
 * 'good' (the other one) or 'unknown' (null or undefined: could not be read).
 * @returns {{ active: {label: string, state: 'good'|'bad'|'unknown'}, frozen: {label: string, state: 'good'|'bad'|'unknown'}, locked: {label: string, state: 'good'|'bad'|'unknown'} }}
 */
export function serviceUserFlags(user) {
  const flags = {};
  for (const [key, def] of Object.entries(SERVICE_USER_FLAGS)) {
    const value = user[def.field];
    flags[key] =
      value === true || value === false
        ? {
            label: value ? def.yes : def.no,
            state: value === def.bad ? "bad" : "good"
          }
        : { label: "Unknown", state: "unknown" };
  }
  return flags;
}

/** Why the frozen and locked state is unknown (UserLogin unreadable); null when it is known. */
export function userLoginUnknownReason(user, facts) {
  return isUnknown(user.isFrozen)
    ? reasonFor(
        facts,
        "userLogin",
        "Not readable (UserLogin needs Manage Users)."
      )
    : null;
}

/**
 * The user's API logins of the last hour against Salesforce's limit: `state` of loginRateState(),
 * `text` the count (a lower bound, so "at least"), `reason` why it is unknown (else null).
 * @returns {{ state: 'ok'|'near'|'exceeded'|'unknown', text: string, reason: string|null }}
 */
export function serviceUserLogins(user, facts) {
  const state = loginRateState(user);
  if (state === "unknown") {
    return {
      state,
      text: "Unknown",
      reason: reasonFor(
        facts,
        "loginHistory",
        "Login History could not be read."
      )
    };
  }
  const limit = formatCount(THRESHOLDS.loginsPerHourLimit);
  return {
    state,
    text: `At least ${formatCount(user.loginsLastHour)} of ${limit}`,
    reason: null
  };
}

/**
 * permissionStatus() of the user with, for an 'unknown' permission, why it is unknown: the
 * assignments could not be read (user.grantsUnavailable) or the org's API does not expose it.
 */
export function servicePermissionRows(user) {
  return permissionStatus(user).map((perm) => ({
    ...perm,
    unknownReason:
      perm.state === "unknown"
        ? user.grantsUnavailable || "Not exposed by this org"
        : null
  }));
}

/**
 * The dashboard's service-account section: 'unknown' (the list could not be read; `reason`
 * says why), 'none', 'one' or 'several' (`text` is severalServiceUsersText()).
 * @returns {{ state: 'unknown'|'none'|'one'|'several', reason: string|null, text: string|null }}
 */
export function serviceUsersState(facts) {
  const users = facts.serviceUsers;
  if (!Array.isArray(users)) {
    return {
      state: "unknown",
      reason: reasonFor(
        facts,
        "serviceUsers",
        "The service account user could not be read."
      ),
      text: null
    };
  }
  if (users.length === 0) return { state: "none", reason: null, text: null };
  if (users.length === 1) return { state: "one", reason: null, text: null };
  return {
    state: "several",
    reason: null,
    text: severalServiceUsersText(facts)
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
