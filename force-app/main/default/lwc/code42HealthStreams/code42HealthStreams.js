import { LightningElement, api } from "lwc";
import { CHECK_LOOK } from "c/code42HealthLook";

/**
 * The Login, Logout and Report event streams as the latest saved preflight found them (Apex
 * cannot read the Event Manager settings), or how to save one.
 */
export default class Code42HealthStreams extends LightningElement {
  /** readSavedPreflight() of code42Health's healthFacts.js; null: none saved. */
  @api savedPreflight;
  /** Why the saved preflight could not be read (facts.unavailable.latestPreflight), if so. */
  @api unavailableReason;
  /** The CLI command that saves a preflight result to the org. */
  @api preflightCommand;

  get hasSavedPreflight() {
    return !!this.savedPreflight;
  }

  get savedStatusLook() {
    return CHECK_LOOK[this.savedPreflight.status] || CHECK_LOOK.skip;
  }

  get streamChecks() {
    return this.savedPreflight.streamChecks.map((c) => ({
      key: c.id,
      label: c.label,
      message: c.message,
      look: CHECK_LOOK[c.status] || CHECK_LOOK.skip
    }));
  }
}
