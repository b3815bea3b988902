import { REQUIRED_PERMISSIONS } from "../permissions.js";
import { VENDOR_MESSAGES } from "../catalogue/vendorMessages.js";
import { reasonFor, result, userLabel } from "./result.js";

/**
 * Which required permissions a user has, and where from.
 * user.permissionGrants: { [permissionName]: [{ type: 'profile'|'permissionSet'|'permissionSetGroup', name }] }
 * A permission absent from the map, or with an empty list, is missing. When the org does not
 * expose a permission at all, gatherers list it in user.unknownPermissions.
 */
export function permissionStatus(user) {
  const grants = user.permissionGrants || {};
  const unknown = new Set(user.unknownPermissions || []);
  return REQUIRED_PERMISSIONS.map((perm) => {
    const sources = grants[perm.name] || [];
    let state = sources.length > 0 ? "granted" : "missing";
    if (state === "missing" && unknown.has(perm.name)) state = "unknown";
    return { ...perm, state, sources };
  });
}

export function evaluatePermissions(users, facts) {
  // permissionGrants === null means the grants could not be read (not "none granted").
  if (users.every((u) => u.permissionGrants === null)) {
    return result(
      "service-user-permissions",
      "skip",
      reasonFor(
        facts || {},
        "permissions",
        "The service account user's permissions could not be read."
      )
    );
  }
  const missingConfirmed = [];
  const missingUnconfirmed = [];
  const uncheckedConfirmed = [];
  const found = (facts && facts.permissionApiNames) || {};
  for (const user of users) {
    for (const perm of permissionStatus(user)) {
      const entry = {
        user: userLabel(user),
        name: perm.name,
        label: perm.label,
        ...(found[perm.name] ? { apiName: found[perm.name] } : {})
      };
      if (perm.state === "unknown" && perm.confidence === "confirmed") {
        uncheckedConfirmed.push(entry);
      }
      if (perm.state !== "missing") continue;
      (perm.confidence === "confirmed"
        ? missingConfirmed
        : missingUnconfirmed
      ).push(entry);
    }
  }
  // A permission found by its label shows the API name this org gave it.
  const nameOf = (m) => {
    if (m.apiName) return `API name ${m.apiName}, found by its label`;
    const byLabel = REQUIRED_PERMISSIONS.some(
      (p) => p.name === m.name && p.findByLabel
    );
    return byLabel ? "no permission field with this label in this org" : m.name;
  };
  const describe = (list) =>
    list
      .map((m) => `${m.label} (${nameOf(m)})`)
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(", ");
  if (missingConfirmed.length > 0) {
    return result(
      "service-user-permissions",
      "fail",
      `${VENDOR_MESSAGES.permissions} Missing: ${describe(missingConfirmed)}.`,
      { missing: [...missingConfirmed, ...missingUnconfirmed] }
    );
  }
  if (uncheckedConfirmed.length > 0) {
    return result(
      "service-user-permissions",
      "warn",
      `Could not check ${describe(uncheckedConfirmed)}: the PermissionSet describe has no such permission field (the org has no Event Monitoring / Shield add-on, or the describe labels are not in English).`,
      { missing: missingUnconfirmed, unchecked: uncheckedConfirmed }
    );
  }
  if (missingUnconfirmed.length > 0) {
    return result(
      "service-user-permissions",
      "warn",
      `The service account user lacks permissions Code42 probably needs (not confirmed by the vendor): ${describe(missingUnconfirmed)}.`,
      { missing: missingUnconfirmed }
    );
  }
  const foundByLabel = REQUIRED_PERMISSIONS.filter(
    (p) => p.findByLabel && found[p.name]
  )
    .map((p) => `${p.label}: ${found[p.name]}, found by its label`)
    .join("; ");
  return result(
    "service-user-permissions",
    "pass",
    `Every required permission is granted${foundByLabel ? ` (${foundByLabel})` : ""}.`,
    { missing: [] }
  );
}
