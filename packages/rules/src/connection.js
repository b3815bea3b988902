import { CODE42_APP_NAME_PATTERNS } from "./requirements.js";
import { reasonFor, result } from "./checks/result.js";
import { toId18 } from "./ids.js";

// ---------------------------------------------------------------------------------------
// Authorization and connection evidence (issue 12): connected-app-access, code42-authorization,
// service-user-licence, service-user-login-access. Facts: facts.connection (see the Facts doc).
// ---------------------------------------------------------------------------------------

export const DAY_MS = 86400000;

/** Does a connected app or token name look like Code42's (CODE42_APP_NAME_PATTERNS)? */
export function isCode42AppName(name) {
  const n = String(name || "").toLowerCase();
  return n !== "" && CODE42_APP_NAME_PATTERNS.some((p) => n.includes(p));
}

export function shortDate(iso) {
  return iso ? String(iso).slice(0, 10) : "never";
}

export function connectionUser(facts, user) {
  const users = (facts.connection && facts.connection.users) || {};
  return users[user.id] || {};
}

/** The installed Code42 app that admits `user` (by profile or permission set), if any. */
export function admittingApp(apps, user, cu) {
  const sets = new Set(cu.permissionSetNames || []);
  return apps.find(
    (app) =>
      app.adminApprovedOnly === false ||
      (app.admitted || []).some(
        (a) =>
          (a.type === "profile" && a.name === user.profileName) ||
          (a.type === "permissionSet" && sets.has(a.name))
      )
  );
}

/** The service account's Code42 tokens, newest use first. */
export function code42Tokens(facts, user) {
  const tokens = (facts.connection && facts.connection.tokens) || [];
  return tokens
    .filter(
      (t) =>
        isCode42AppName(t.appName) && (!user || toId18(t.userId) === user.id)
    )
    .sort((a, b) =>
      String(b.lastUsedDate || "").localeCompare(String(a.lastUsedDate || ""))
    );
}

export function serviceUsersOrSkip(facts, ids) {
  const users = facts.serviceUsers;
  if (!Array.isArray(users) || users.length === 0) {
    const why = Array.isArray(users)
      ? "No service account user to check."
      : reasonFor(
          facts,
          "serviceUsers",
          "The service account user could not be read."
        );
    return { skip: ids.map((id) => result(id, "skip", why)) };
  }
  return { users };
}
