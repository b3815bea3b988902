import { LightningElement, api } from "lwc";
import { insufficientAccessSummary } from "c/code42Rules";

/** What the look shows per insufficientAccessSummary() state of c/code42Rules. */
const INSUFFICIENT_ACCESS_LOOK = {
  unknown: { showCommand: false },
  none: { showCommand: false },
  files: { showCommand: true }
};

/**
 * The Insufficient Access event log files Apex counted (it never downloads or parses them: they
 * can be very large), and the CLI command that reads each error from them.
 */
export default class Code42HealthInsufficientAccess extends LightningElement {
  /** The dashboard's Facts (insufficientAccess, serviceUsers, unavailable). */
  @api facts;
  /** The CLI command that reads the log files. */
  @api command;

  get summary() {
    return insufficientAccessSummary(this.facts);
  }

  get showCommand() {
    return INSUFFICIENT_ACCESS_LOOK[this.summary.state].showCommand;
  }
}
