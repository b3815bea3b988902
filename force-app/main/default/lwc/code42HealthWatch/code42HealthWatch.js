import { LightningElement, api } from "lwc";
import getWatchStatus from "@salesforce/apex/Code42HealthWatch.getWatchStatus";
import getTimeline from "@salesforce/apex/Code42HealthWatch.getTimeline";
import startWatch from "@salesforce/apex/Code42HealthWatch.startWatch";
import stopWatch from "@salesforce/apex/Code42HealthWatch.stopWatch";
import { WATCH_SETTINGS } from "c/code42Rules";
import { buildTimeline, formatDuration, formatWhen } from "./timeline";

const STATE_BADGE = {
  Monitoring: "slds-badge slds-theme_success",
  Warning: "slds-badge slds-theme_warning",
  Error: "slds-badge slds-theme_error",
  Unknown: "slds-badge"
};
const KIND_LABEL = {
  baseline: "First snapshot",
  change: "Change",
  heartbeat: "Daily heartbeat"
};
const MAX_ENTRIES = 10;

function readable(error) {
  const body = error && error.body;
  return (
    (body && (body.message || (Array.isArray(body) && body[0].message))) ||
    (error && error.message) ||
    "Unknown error"
  );
}

/**
 * The Code42 Health Watch card: does the hourly watch run (next run, last run, who scheduled
 * it), Start / Stop for users allowed to (an explicit write, confirmed by the button), and the
 * timeline of snapshots. `evaluate` is the parent's rules pipeline (raw facts -> connection
 * status), so a snapshot is judged exactly like the live facts.
 */
export default class Code42HealthWatch extends LightningElement {
  @api evaluate;

  status;
  snapshots = [];
  isLoading = false;
  isSwitching = false;
  errorMessage;
  notice;
  nowMs = Date.now();
  jobName = WATCH_SETTINGS.jobName;

  connectedCallback() {
    this.load();
  }

  async load() {
    this.isLoading = true;
    this.errorMessage = undefined;
    try {
      const [status, snapshots] = await Promise.all([
        getWatchStatus(),
        getTimeline()
      ]);
      this.status = status || { running: false };
      this.snapshots = Array.isArray(snapshots) ? snapshots : [];
      this.nowMs = Date.now();
    } catch (error) {
      const message = readable(error);
      // Dashboard users without a watch permission set: say which one, not a bare Apex error.
      this.errorMessage = /access to the Apex class/i.test(message)
        ? `${message}. Seeing the watch needs the "${WATCH_SETTINGS.alertPermissionSet}" or "${WATCH_SETTINGS.runPermissionSet}" permission set.`
        : message;
    } finally {
      this.isLoading = false;
    }
  }

  async switchWatch(action) {
    this.isSwitching = true;
    this.errorMessage = undefined;
    try {
      const result = await action();
      this.status = result;
      if (result.changed === false) {
        this.notice = result.running
          ? "The watch was already running: nothing changed."
          : "The watch was not running: nothing changed.";
      } else {
        this.notice = result.running
          ? "Started: the watch runs every hour, as you."
          : "Stopped: no more hourly snapshots or alerts.";
      }
    } catch (error) {
      this.errorMessage = readable(error);
    } finally {
      this.isSwitching = false;
    }
  }

  handleStart() {
    return this.switchWatch(startWatch);
  }

  handleStop() {
    return this.switchWatch(stopWatch);
  }

  get running() {
    return !!(this.status && this.status.running);
  }

  get canManage() {
    return !!(this.status && this.status.canManage);
  }

  get showStart() {
    return this.canManage && !this.running;
  }

  get showStop() {
    return this.canManage && this.running;
  }

  get cannotManageNote() {
    return this.status && !this.canManage
      ? `Starting and stopping the watch needs the "${WATCH_SETTINGS.runPermissionSet}" permission set.`
      : "";
  }

  get runningText() {
    if (!this.status) return "";
    if (!this.running) {
      return "The watch is not running: nobody is told when Code42 would stop monitoring.";
    }
    return "The watch runs every hour.";
  }

  get runningBadge() {
    return this.running ? STATE_BADGE.Monitoring : STATE_BADGE.Warning;
  }

  get runningLabel() {
    return this.running ? "Running" : "Not running";
  }

  get nextRun() {
    return this.status && this.status.nextRunAt
      ? formatWhen(this.status.nextRunAt, this.nowMs)
      : "—";
  }

  get lastRun() {
    return this.status && this.status.previousRunAt
      ? formatWhen(this.status.previousRunAt, this.nowMs)
      : "not yet";
  }

  get scheduledBy() {
    return (this.status && this.status.scheduledBy) || "—";
  }

  get timeline() {
    if (typeof this.evaluate !== "function") return null;
    return buildTimeline(this.snapshots, this.evaluate);
  }

  get hasTimeline() {
    return !!this.timeline;
  }

  get sinceLine() {
    const t = this.timeline;
    if (!t) return "";
    return `${t.current.state} since ${formatWhen(t.current.since, this.nowMs)}, ${formatDuration(t.current.sinceMs, this.nowMs)}`;
  }

  get currentBadge() {
    const t = this.timeline;
    return STATE_BADGE[t ? t.current.state : "Unknown"] || STATE_BADGE.Unknown;
  }

  get currentMessage() {
    const t = this.timeline;
    return t ? t.current.message : "";
  }

  get entries() {
    const t = this.timeline;
    if (!t) return [];
    return t.entries
      .filter((e) => e.kind !== "heartbeat")
      .slice(0, MAX_ENTRIES)
      .map((e) => ({
        ...e,
        when: formatWhen(e.takenAt, this.nowMs),
        kindLabel: KIND_LABEL[e.kind] || e.kind,
        badge: STATE_BADGE[e.state] || STATE_BADGE.Unknown,
        hasChanges: e.changes.length > 0,
        changeItems: e.changes.map((text, i) => ({
          key: `${e.id}-${i}`,
          text
        })),
        alertText: e.notified ? "Alert sent" : ""
      }));
  }

  get lastSnapshot() {
    const t = this.timeline;
    return t ? formatWhen(t.entries[0].takenAt, this.nowMs) : "";
  }

  get emptyText() {
    return this.running
      ? "No snapshot yet: the first one is taken at the next run."
      : "No snapshots: start the watch to keep a history.";
  }
}
