import { LightningElement, api } from "lwc";
import {
  serviceUsersState,
  SERVICE_PERMISSION_SET,
  SERVICE_PROFILE,
  SETUP_LINKS
} from "c/code42Rules";

/** The Code42 service account section: each user found, or why none is shown. */
export default class Code42HealthServiceUsers extends LightningElement {
  /** The dashboard's Facts (buildFacts of code42Health's healthFacts.js). */
  @api facts;

  servicePermissionSet = SERVICE_PERMISSION_SET;
  serviceProfile = SERVICE_PROFILE;
  permissionSetsLink = SETUP_LINKS.permissionSets;

  get found() {
    return serviceUsersState(this.facts);
  }

  get serviceUsersUnreadable() {
    return this.found.state === "unknown";
  }

  get noServiceUser() {
    return this.found.state === "none";
  }

  get severalServiceUsers() {
    return this.found.state === "several";
  }

  get users() {
    return (this.facts.serviceUsers || []).map((user) => ({
      key: user.id || user.username,
      user
    }));
  }
}
