import { PERMISSION_LABELS } from "../permissions.js";
import { isUnknown, reasonFor, result, userLabel } from "./result.js";
import {
  admittingApp,
  code42Tokens,
  connectionUser,
  serviceUsersOrSkip
} from "../connection.js";

export function evaluateConnectedAppAccess(facts) {
  const id = "connected-app-access";
  const found = serviceUsersOrSkip(facts, [id]);
  if (found.skip) return found.skip[0];
  const conn = facts.connection || {};
  const apps = Array.isArray(conn.apps) ? conn.apps : null;
  const perm = conn.approvePermission || null;
  const label = PERMISSION_LABELS.approveUninstalled;
  const blocked = [];
  const viaPermission = [];
  const redundant = [];
  let unknown = false;
  for (const user of found.users) {
    const cu = connectionUser(facts, user);
    const app = apps ? admittingApp(apps, user, cu) : undefined;
    if (app) {
      if (cu.approveUninstalled === true) redundant.push(user);
      continue;
    }
    if (cu.approveUninstalled === true) {
      viaPermission.push(user);
      continue;
    }
    if (!apps || (perm && isUnknown(cu.approveUninstalled))) unknown = true;
    else blocked.push(user);
  }
  if (
    blocked.length === 0 &&
    viaPermission.length === 0 &&
    !unknown &&
    redundant.length > 0
  ) {
    return result(
      id,
      "warn",
      `Code42's connected app is installed and admits ${redundant.map(userLabel).join(", ")}, which still holds "${label}". Remove the permission: it lets the user authorize any uninstalled app, and Code42 no longer needs it.`,
      { users: redundant.map(userLabel) }
    );
  }
  if (blocked.length === 0 && viaPermission.length === 0 && !unknown) {
    const app = admittingApp(
      apps,
      found.users[0],
      connectionUser(facts, found.users[0])
    );
    return result(
      id,
      "pass",
      `Code42's connected app "${app.name}" is installed and ${app.adminApprovedOnly === false ? "lets every user self-authorize" : "admits the service account user"}.`,
      { app: app.name }
    );
  }
  if (blocked.length > 0) {
    const installed = (apps || []).map((a) => `"${a.name}"`).join(", ");
    const state = installed
      ? `Code42's connected app ${installed} is installed but does not admit ${blocked.map(userLabel).join(", ")} (neither its profile nor a permission set of it is among the app's Profiles / Permission Sets)`
      : "Code42's connected app is not installed in this org";
    const permText = perm
      ? `and ${blocked.map(userLabel).join(", ")} lacks "${label}"`
      : `and this org's API exposes no "${label}" permission to check`;
    const authorized = code42Tokens(facts).length > 0;
    return result(
      id,
      installed || !authorized ? "fail" : "warn",
      `${state}, ${permText}. The authorization will fail with OAUTH_APPROVAL_ERROR_GENERIC ("app must be installed into org"). Install the app and admit the service account user through a permission set (least privilege), or grant "${label}" to the service account user${authorized ? ". (An authorization made before the restriction keeps working until Code42 must authorize again.)" : ""}.`,
      {
        users: blocked.map(userLabel),
        installed: (apps || []).map((a) => a.name)
      }
    );
  }
  if (viaPermission.length > 0) {
    const authorized = found.users.some(
      (u) => code42Tokens(facts, u).length > 0
    );
    return result(
      id,
      authorized ? "warn" : "pass",
      authorized
        ? `${viaPermission.map(userLabel).join(", ")} authorized Code42 through "${label}" while Code42's connected app is not installed (or does not admit it). Finish the steps: install the app, admit the service account user through a permission set, then remove "${label}" (it bypasses the restriction for every uninstalled app).`
        : `${viaPermission.map(userLabel).join(", ")} holds "${label}" and can complete the first authorization. Afterwards install Code42's app, admit the service account user, and remove the permission.`,
      { users: viaPermission.map(userLabel) }
    );
  }
  return result(
    id,
    "skip",
    reasonFor(
      facts,
      "connectedApps",
      `Whether Code42's connected app is installed, or the service account user holds "${label}", could not be read.`
    )
  );
}
