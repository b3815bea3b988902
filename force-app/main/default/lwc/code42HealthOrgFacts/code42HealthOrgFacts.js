import { LightningElement, api } from "lwc";
import {
  apiRequestsSummary,
  eventMonitoringState,
  holdersSummary
} from "c/code42Rules";
import { BADGE } from "c/code42HealthLook";

/** Label and badge per eventMonitoringState() of c/code42Rules. */
const EVENT_MONITORING_LOOK = {
  available: { label: "Available", badge: BADGE.success },
  missing: { label: "Missing", badge: BADGE.error },
  unknown: { label: "Unknown", badge: BADGE.neutral }
};

/** "What Code42 can see in this org": holders, the add-on, API requests, access errors. */
export default class Code42HealthOrgFacts extends LightningElement {
  /** The dashboard's Facts (buildFacts of code42Health's healthFacts.js). */
  @api facts;
  /** The CLI command that reads the Insufficient Access log files Apex only counts. */
  @api accessErrorsCommand;

  get holders() {
    return holdersSummary(this.facts);
  }

  get apiText() {
    return apiRequestsSummary(this.facts);
  }

  get eventMonitoring() {
    const { state, text } = eventMonitoringState(this.facts);
    return { ...EVENT_MONITORING_LOOK[state], text };
  }
}
