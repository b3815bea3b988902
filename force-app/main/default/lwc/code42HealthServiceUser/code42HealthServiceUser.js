import { LightningElement, api } from "lwc";
import {
  serviceUserFlags,
  serviceUserLogins,
  userLoginUnknownReason
} from "c/code42Rules";
import { BADGE, FLAG_BADGE } from "c/code42HealthLook";

/** Badge and note per loginRateState() of c/code42Rules; `unknown` shows the rule's reason. */
const LOGIN_RATE_LOOK = {
  exceeded: { badge: BADGE.error, note: "Limit reached (LOGIN_RATE_EXCEEDED)" },
  near: { badge: BADGE.warning, note: "Close to the limit" },
  ok: { badge: BADGE.neutral, note: "" },
  unknown: { badge: BADGE.neutral, note: "" }
};

const flagLook = (flag) => ({
  text: flag.label,
  badge: FLAG_BADGE[flag.state]
});

/** One service account user: its flags, last login, API logins and required permissions. */
export default class Code42HealthServiceUser extends LightningElement {
  /** One Facts service user. */
  @api user;
  /** The Facts it belongs to (for the reasons of what could not be read). */
  @api facts;

  get flags() {
    const flags = serviceUserFlags(this.user);
    return {
      active: flagLook(flags.active),
      frozen: flagLook(flags.frozen),
      locked: flagLook(flags.locked)
    };
  }

  get profileName() {
    return this.user.profileName || "—";
  }

  get licenseName() {
    return this.user.licenseName || "—";
  }

  get neverLoggedIn() {
    return !this.user.lastLoginDate;
  }

  get userLoginReason() {
    return userLoginUnknownReason(this.user, this.facts);
  }

  get logins() {
    const logins = serviceUserLogins(this.user, this.facts);
    const look = LOGIN_RATE_LOOK[logins.state];
    return {
      text: logins.text,
      note: logins.reason || look.note,
      badge: look.badge
    };
  }
}
