/*
 * Stands in for `@salesforce/apex/Code42HealthWatch.*` (getWatchStatus, getTimeline, startWatch,
 * stopWatch) in the browser preview. State "watchTimeline" answers with the jest fixture of
 * c/code42HealthWatch, its times moved so that the latest change was two hours ago; every other
 * state shows a watch that is not running yet, with no snapshots.
 */
import watchFixture from "preview:watch-fixture";

const HOUR = 3600000;

function currentState() {
  return new URLSearchParams(window.location.search).get("state") || "healthy";
}

/** The fixture with every ISO time shifted by the same amount. */
function shifted() {
  const copy = JSON.parse(JSON.stringify(watchFixture));
  const latest = new Date(copy.snapshots[0].takenAt).getTime();
  const delta = Date.now() - 2 * HOUR - latest;
  const move = (iso) =>
    iso ? new Date(new Date(iso).getTime() + delta).toISOString() : iso;
  for (const key of ["nextRunAt", "previousRunAt", "scheduledAt", "lastSnapshotAt"]) {
    copy.status[key] = move(copy.status[key]);
  }
  copy.status.nextRunAt = new Date(
    Math.ceil(Date.now() / HOUR) * HOUR
  ).toISOString();
  copy.status.previousRunAt = new Date(
    Math.floor(Date.now() / HOUR) * HOUR
  ).toISOString();
  for (const s of copy.snapshots) s.takenAt = move(s.takenAt);
  return copy;
}

let running = false;

export function callWatch(method) {
  window.__watchApexCalls = (window.__watchApexCalls || 0) + 1;
  const timeline = currentState() === "watchTimeline";
  const data = timeline ? shifted() : null;
  let answer;
  if (method === "getTimeline") {
    answer = timeline ? data.snapshots : [];
  } else if (method === "getWatchStatus") {
    answer = timeline ? data.status : { running, canManage: true, jobName: "Code42 Health Watch" };
  } else {
    const wasRunning = timeline || running;
    running = method === "startWatch";
    answer = { running, canManage: true, changed: wasRunning !== running, jobName: "Code42 Health Watch" };
  }
  return new Promise((resolve) => setTimeout(() => resolve(answer), 30));
}
