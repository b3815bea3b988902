import { LightningElement, api } from "lwc";
import { servicePermissionRows } from "c/code42Rules";
import { BADGE } from "c/code42HealthLook";

/** `label` and `badge` per permissionStatus() state of c/code42Rules. */
const PERMISSION_LOOK = {
  granted: { label: "Granted", badge: BADGE.success },
  missing: { label: "Missing", badge: BADGE.error },
  unknown: { label: "Unknown", badge: BADGE.neutral }
};

const SOURCE_TYPE_LABELS = {
  profile: "Profile",
  permissionSet: "Permission set",
  permissionSetGroup: "Permission set group"
};

function sourcesText(perm) {
  if (perm.sources.length > 0) {
    return perm.sources
      .map((s) => `${SOURCE_TYPE_LABELS[s.type] || s.type}: ${s.name}`)
      .join("; ");
  }
  return perm.unknownReason || "—";
}

/** The required permissions of one service account user: granted, missing or unknown, and by what. */
export default class Code42HealthPermissions extends LightningElement {
  /** One Facts service user. */
  @api user;

  get caption() {
    return `Required permissions of ${this.user.username}`;
  }

  get rows() {
    return servicePermissionRows(this.user).map((perm) => ({
      key: perm.name,
      name: perm.name,
      label: perm.label,
      look: PERMISSION_LOOK[perm.state],
      confidenceNote:
        perm.confidence === "unconfirmed" ? "not confirmed by Code42" : "",
      sources: sourcesText(perm)
    }));
  }
}
