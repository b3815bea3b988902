import { LightningElement, api } from "lwc";

/** "Not checked here": every check c/code42Rules skipped, with the reason it gave. */
export default class Code42HealthNotChecked extends LightningElement {
  /** The dashboard's check results (dashboardStatus() of c/code42Rules). */
  @api results;

  get notChecked() {
    return (this.results || [])
      .filter((r) => r.status === "skip")
      .map((r) => ({ key: r.id, title: r.title, message: r.message }));
  }

  get hasNotChecked() {
    return this.notChecked.length > 0;
  }
}
