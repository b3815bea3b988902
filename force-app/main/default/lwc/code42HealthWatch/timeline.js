/*
 * The watch timeline from snapshots (newest first), each evaluated by the caller with the same
 * rules as the live dashboard. No decisions of its own: it only groups by the evaluated state.
 */

/** Parse one snapshot's Facts_JSON__c (snapshotVersion 1); null when unreadable. */
export function snapshotFacts(snapshot) {
  try {
    const doc = JSON.parse(snapshot.factsJson);
    return doc && doc.snapshotVersion === 1 ? doc.facts : null;
  } catch {
    return null;
  }
}

/** "2 h", "45 min", "3 d 4 h" between two instants. */
export function formatDuration(fromMs, toMs) {
  const minutes = Math.max(0, Math.round((toMs - fromMs) / 60000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

/** "14:03" (today) or "1 Dec, 14:03", in the browser's time zone. */
export function formatWhen(iso, nowMs) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const time = d.toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit"
  });
  const sameDay = new Date(nowMs).toDateString() === d.toDateString();
  if (sameDay) return time;
  const day = d.toLocaleDateString("en-GB", { day: "numeric", month: "short" });
  return `${day}, ${time}`;
}

/**
 * @param snapshots newest first: { id, takenAt, kind, factsJson, changes }
 * @param evaluate raw facts -> connectionStatus() ({ state, message, causes })
 * @returns { current: { state, message, since, sinceMs }, entries: [...] } or null when empty
 */
export function buildTimeline(snapshots, evaluate) {
  const entries = [];
  for (const s of snapshots || []) {
    const facts = snapshotFacts(s);
    let status = null;
    if (facts) {
      try {
        status = evaluate(facts);
      } catch {
        status = null;
      }
    }
    entries.push({
      id: s.id,
      takenAt: s.takenAt,
      takenMs: new Date(s.takenAt).getTime(),
      kind: s.kind,
      state: status ? status.state : "Unknown",
      message: status
        ? status.message
        : "This snapshot could not be read (unknown snapshot version).",
      changes: (s.changes || "").split("\n").filter((line) => line.trim()),
      notified: !!s.notified,
      notificationResult: s.notificationResult || ""
    });
  }
  if (entries.length === 0) return null;
  // Since when: the oldest snapshot of the unbroken run of the newest state.
  let since = entries[0];
  for (const e of entries) {
    if (e.state !== entries[0].state) break;
    since = e;
  }
  return {
    current: {
      state: entries[0].state,
      message: entries[0].message,
      since: since.takenAt,
      sinceMs: since.takenMs
    },
    entries
  };
}
