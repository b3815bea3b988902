import { LightningElement, api } from "lwc";

/** The checks this card shows, in this order (ids from c/code42Rules). */
const CONNECTION_CHECK_IDS = [
  "connected-app-access",
  "code42-authorization",
  "service-user-licence",
  "service-user-login-access"
];

const BADGE = {
  pass: "slds-badge slds-theme_success",
  warn: "slds-badge slds-theme_warning",
  fail: "slds-badge slds-theme_error",
  skip: "slds-badge"
};
const LABEL = {
  pass: "Pass",
  warn: "Warning",
  fail: "Failed",
  skip: "Not checked"
};

/**
 * The authorization block of the dashboard: the My Domain to enter in Code42's Step 3 and the
 * results of the connected-app, OAuth token, licence and login-access checks. Decides nothing:
 * it shows what c/code42Rules evaluated.
 */
export default class Code42Connection extends LightningElement {
  /** Facts org: { myDomain, isSandbox }. */
  @api org;
  /** evaluateChecks() results; only the authorization checks are shown. */
  @api results;

  get myDomain() {
    return (this.org && this.org.myDomain) || "";
  }

  get hasMyDomain() {
    return this.myDomain !== "";
  }

  get isSandbox() {
    return Boolean(this.org && this.org.isSandbox);
  }

  get rows() {
    const byId = new Map((this.results || []).map((r) => [r.id, r]));
    return CONNECTION_CHECK_IDS.filter((id) => byId.has(id)).map((id) => {
      const r = byId.get(id);
      return {
        id,
        title: r.title,
        message: r.message,
        badge: BADGE[r.status] || BADGE.skip,
        statusLabel: LABEL[r.status] || r.status
      };
    });
  }
}
