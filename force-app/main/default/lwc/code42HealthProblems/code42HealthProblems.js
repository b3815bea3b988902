import { LightningElement, api } from "lwc";
import { THRESHOLDS } from "c/code42Rules";
import { CHECK_LOOK } from "c/code42HealthLook";

/** "What to fix": every warn or fail result of c/code42Rules with its remediation and Setup link. */
export default class Code42HealthProblems extends LightningElement {
  /** The dashboard's check results (dashboardStatus() of c/code42Rules). */
  @api results;

  recheckMinutes = THRESHOLDS.code42RecheckMinutes;

  get problems() {
    return (this.results || [])
      .filter((r) => r.status === "warn" || r.status === "fail")
      .map((r) => ({
        key: r.id,
        id: r.id,
        title: r.title,
        message: r.message,
        look: CHECK_LOOK[r.status],
        steps: (r.remediation || []).map((text, i) => ({
          key: `${r.id}-${i}`,
          text
        })),
        setupLabel: r.setupLink ? r.setupLink.label : null,
        setupUrl: r.setupLink ? r.setupLink.path : null
      }));
  }

  get hasProblems() {
    return this.problems.length > 0;
  }
}
