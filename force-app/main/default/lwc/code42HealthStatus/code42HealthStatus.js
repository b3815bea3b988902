import { LightningElement, api } from "lwc";
import { orgSummary } from "c/code42Rules";
import { BADGE } from "c/code42HealthLook";

/** Icon, badge and headline per connectionStatus() state of c/code42Rules. */
const STATE_LOOK = {
  Monitoring: {
    icon: "utility:success",
    variant: "success",
    badge: BADGE.success,
    headline: "The connection is healthy"
  },
  Warning: {
    icon: "utility:warning",
    variant: "warning",
    badge: BADGE.warning,
    headline: "Something needs attention"
  },
  Error: {
    icon: "utility:error",
    variant: "error",
    badge: BADGE.error,
    headline: "Code42 stops monitoring"
  }
};

/** The overall connection status in Code42's terms, the org and when the facts were read. */
export default class Code42HealthStatus extends LightningElement {
  /** connectionStatus() of c/code42Rules: { state, message }. */
  @api status;
  /** The Facts the status was evaluated on. */
  @api facts;

  get stateLook() {
    return STATE_LOOK[this.status.state] || STATE_LOOK.Warning;
  }

  get statusAltText() {
    return `Connection status: ${this.status.state}`;
  }

  get orgLine() {
    return orgSummary(this.facts);
  }

  get collectedAt() {
    return this.facts.collectedAt;
  }
}
