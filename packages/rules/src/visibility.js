import { VRTEM_PERMISSION } from "./permissions.js";

/**
 * What the user RUNNING the preflight or the dashboard needs to see each fact. Salesforce answers
 * an object the user may not see as if it did not exist (describe NOT_FOUND, query INVALID_TYPE),
 * so a gatherer that gets such an answer for these reads says "hidden from you" and names the
 * permission, instead of reporting an absence in the org. Sources (Salesforce Object Reference /
 * Metadata API Developer Guide): AuthSession "users must have the Manage Users permission";
 * UserLogin: Manage Users; LoginHistory: Manage Users (or Monitor Login History); EventLogFile
 * "requires View Event Log Files and API Enabled"; readMetadata "must be logged in with the Modify
 * All Data or Modify Metadata Through Metadata API Functions permission"; ReportEvent /
 * ReportEventStream: the add-on "and the View Real-Time Event Monitoring Data user permission".
 */
export const RUNNING_USER_NEEDS = {
  eventMonitoring: {
    what: "ReportEvent and ReportEventStream",
    plural: true,
    permissions: [VRTEM_PERMISSION.label]
  },
  userLogin: {
    what: "UserLogin (frozen and locked state)",
    permissions: ["Manage Users"]
  },
  loginHistory: {
    what: "LoginHistory",
    permissions: ["Manage Users", "Monitor Login History"]
  },
  sessions: {
    what: "AuthSession (active sessions)",
    permissions: ["Manage Users"]
  },
  streams: {
    what: "The Event Manager settings (Metadata API readMetadata of RealTimeEventSettings)",
    permissions: [
      "Modify All Data",
      "Modify Metadata Through Metadata API Functions"
    ]
  },
  eventLogFiles: {
    what: "EventLogFile (Insufficient Access event log files)",
    permissions: ["View Event Log Files"]
  }
};

/**
 * The reason for a fact hidden from the running user: what is hidden, the permission that user
 * needs, and where to grant it. `key` is a RUNNING_USER_NEEDS key; `detail` an optional suffix.
 */
export function hiddenFromRunningUser(key, detail) {
  const need = RUNNING_USER_NEEDS[key];
  if (!need) throw new Error(`Unknown running-user need: ${key}`);
  const perms = need.permissions.map((p) => `"${p}"`).join(" or ");
  return (
    `${need.what} ${need.plural ? "are" : "is"} hidden from the user running this check, so it says nothing about the org. ` +
    `That user needs ${perms}: grant it in Setup > Users > Permission Sets (a permission set with that system permission, assigned to that user), or on that user's profile, then run again.` +
    (detail ? ` ${detail}` : "")
  );
}
