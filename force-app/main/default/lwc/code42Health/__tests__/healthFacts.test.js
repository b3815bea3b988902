import { buildFacts, readSavedPreflight, readableError } from "../healthFacts";
import {
  dashboardStatus,
  eventMonitoringState,
  severalServiceUsersText,
  evaluateChecks,
  connectionStatus,
  withSavedStreams,
  REQUIRED_PERMISSIONS,
  SAVED_RESULT_VERSION,
  savedResultOf
} from "c/code42Rules";

const { factsFor } = require("./factsWith");

/** The facts of a dashboard state: the healthy base plus that state's change (factsWith.js). */
const fixture = (name) => factsFor(name);

describe("buildFacts", () => {
  it("produces Facts v1 from the org, with the All users scope and unreadable streams", () => {
    const facts = buildFacts(fixture("healthy"));
    expect(facts.factsVersion).toBe(1);
    expect(facts.source).toBe("org");
    expect(facts.scope).toEqual({ mode: "all", entries: 0, unmatched: [] });
    expect(facts.streams).toBeNull();
    expect(facts.unavailable.streams).toContain("Apex cannot read");
    expect(facts.holders.inScopeCount).toBe(61250);
    const results = evaluateChecks(facts);
    expect(results.find((r) => r.id === "stream-login-event").status).toBe(
      "skip"
    );
    expect(results.find((r) => r.id === "active-sessions").status).toBe("skip");
  });

  it("carries the Insufficient Access log-file count as a fact, null with the reason when unreadable", () => {
    expect(buildFacts(fixture("healthy")).insufficientAccess).toEqual({
      logFilesLast7Days: 3
    });
    const unreadable = buildFacts(fixture("noEventMonitoring"));
    expect(unreadable.insufficientAccess).toBeNull();
    expect(unreadable.unavailable.insufficientAccess).toBe(
      "EventLogFile is not available in this org (Event Monitoring add-on)."
    );
  });

  it("tells a viewer who cannot see the event objects apart from an org without the add-on", () => {
    // Hidden from the viewer: the permission field that comes with the add-on is there.
    const hidden = fixture("noEventMonitoring");
    hidden.eventMonitoring.addOnPermissionField =
      "PermissionsViewRealTimeEventMonitoringData";
    const addon = (raw) =>
      evaluateChecks(buildFacts(raw)).find(
        (r) => r.id === "event-monitoring-addon"
      );
    const skipped = addon(hidden);
    expect(skipped.status).toBe("skip");
    expect(skipped.message).toContain(
      "hidden from the user running this check"
    );
    expect(skipped.message).toContain('"View Real-Time Event Monitoring Data"');
    expect(skipped.message).toContain("Setup > Users > Permission Sets");
    expect(skipped.message).toContain(
      "PermissionsViewRealTimeEventMonitoringData"
    );
    // No such field either: the org has no add-on.
    const none = fixture("noEventMonitoring");
    none.eventMonitoring.addOnPermissionField = null;
    const failed = addon(none);
    expect(failed.status).toBe("fail");
    expect(failed.message).toContain(
      'no permission field labelled "View Real-Time Event Monitoring Data"'
    );
  });

  it("shows the API name the org gave View Real-Time Event Monitoring Data", () => {
    const raw = fixture("healthy");
    raw.permissionApiNames = {
      ViewRealTimeEventMonitoringData: "PermissionsViewRealTimeEventData"
    };
    const check = evaluateChecks(buildFacts(raw)).find(
      (r) => r.id === "service-user-permissions"
    );
    expect(check.message).toContain(
      "PermissionsViewRealTimeEventData, found by its label"
    );
  });

  it("marks every permission unknown (not missing) when assignments could not be read", () => {
    const raw = fixture("healthy");
    raw.serviceUsers[0].permissionGrants = null;
    raw.unavailable = {
      permissions: "Permission assignments could not be read: boom"
    };
    const facts = buildFacts(raw);
    const user = facts.serviceUsers[0];
    expect(user.unknownPermissions).toEqual(
      REQUIRED_PERMISSIONS.map((p) => p.name)
    );
    expect(user.grantsUnavailable).toBe(
      "Permission assignments could not be read: boom"
    );
    const perms = evaluateChecks(facts).find(
      (r) => r.id === "service-user-permissions"
    );
    expect(user.permissionGrants).toBeNull();
    expect(perms.status).toBe("skip");
    expect(perms.message).toBe(
      "Permission assignments could not be read: boom"
    );
  });

  it('keeps a null service user list as "could not be read"', () => {
    const raw = fixture("healthy");
    delete raw.serviceUsers;
    raw.unavailable = {
      serviceUsers: "The service account user could not be read: denied"
    };
    const results = evaluateChecks(buildFacts(raw));
    const su = results.find((r) => r.id === "service-user");
    expect(su.status).toBe("skip");
    expect(su.message).toBe(
      "The service account user could not be read: denied"
    );
  });

  it("copes with an empty answer", () => {
    const facts = buildFacts(null);
    expect(() => evaluateChecks(facts)).not.toThrow();
  });
});

describe("readSavedPreflight", () => {
  it("returns null when nothing is saved", () => {
    expect(readSavedPreflight(null)).toBeNull();
  });

  it("reports a damaged JSON body and marks streams as not in the result", () => {
    const saved = readSavedPreflight({
      id: "a00",
      runAt: "2025-06-01T00:00:00.000Z",
      status: "pass",
      summary: "s",
      resultJson: "{not json"
    });
    expect(saved.parseError).toMatch(/not valid JSON/);
    expect(saved.streamChecks.map((c) => c.status)).toEqual([
      "skip",
      "skip",
      "skip"
    ]);
  });

  it("reads the versioned saved-result shape the CLI writes", () => {
    const stored = savedResultOf(
      {
        org: { id: "00D", name: "Acme", edition: "Enterprise Edition" },
        status: "fail",
        summary: { pass: 1, warn: 0, fail: 1, skip: 0 },
        connectionStatus: { state: "Error", message: "m", causes: ["x"] },
        checks: [
          {
            id: "stream-report-event",
            title: "t",
            status: "fail",
            message: "off",
            remediation: ["turn it on"],
            unmatched: [{ row: 2, value: "nobody" }]
          }
        ],
        scope: { mode: "all", entries: 0 },
        inScopeUsers: [{ id: "005", username: "a@b.c" }],
        holdersTotal: 1
      },
      "2026-12-01T00:00:00.000Z"
    );
    const text = JSON.stringify(stored);
    expect(text).not.toContain("a@b.c");
    expect(text).not.toContain("nobody");
    const saved = readSavedPreflight({ id: "a00", resultJson: text });
    expect(saved.parseError).toBeNull();
    expect(saved.version).toBe(SAVED_RESULT_VERSION);
    expect(saved.streamChecks[2]).toMatchObject({
      status: "fail",
      message: "off"
    });
    expect(stored.scope).toEqual({
      mode: "all",
      entries: 0,
      inScopeCount: 1,
      holdersTotal: 1
    });
  });

  it("names a saved-result version it does not read, and uses none of its checks", () => {
    const saved = readSavedPreflight({
      id: "a00",
      resultJson: JSON.stringify({
        format: "code42-preflight-result",
        version: 2,
        checks: [{ id: "stream-report-event", status: "fail" }]
      })
    });
    expect(saved.parseError).toMatch(
      /version 2, which this dashboard does not read \(it reads "code42-preflight-result" version 1\)/
    );
    expect(saved.streamChecks.map((c) => c.status)).toEqual([
      "skip",
      "skip",
      "skip"
    ]);
  });

  it("says a result saved before the format had a version must be saved again", () => {
    const saved = readSavedPreflight({
      id: "a00",
      resultJson: JSON.stringify({ checks: [], inScopeUsers: [] })
    });
    expect(saved.parseError).toMatch(
      /no format version.*Run the preflight with --save-result again/
    );
  });

  it("reports a record without a body", () => {
    expect(readSavedPreflight({ id: "a00", resultJson: null }).parseError).toBe(
      "The saved result has no JSON body."
    );
  });
});

describe("withSavedStreams", () => {
  it("replaces skipped live stream results with the saved ones and their remediation", () => {
    const raw = fixture("streamOffInSavedPreflight");
    const saved = readSavedPreflight(raw.latestPreflight);
    const results = withSavedStreams(evaluateChecks(buildFacts(raw)), saved);
    const report = results.find((r) => r.id === "stream-report-event");
    expect(report.status).toBe("fail");
    expect(report.fromSavedPreflight).toBe(true);
    expect(report.message).toMatch(/\(saved preflight\)$/);
    expect(report.remediation.length).toBeGreaterThan(0);
    expect(results.find((r) => r.id === "stream-login-event").status).toBe(
      "pass"
    );
    expect(connectionStatus(results).state).toBe("Error");
  });

  it("leaves results alone without a saved preflight", () => {
    const results = evaluateChecks(buildFacts(fixture("noSavedPreflight")));
    expect(withSavedStreams(results, null)).toBe(results);
  });
});

describe("dashboardStatus", () => {
  it("is the checks with the saved streams put in, and their overall status", () => {
    const raw = fixture("streamOffInSavedPreflight");
    const facts = buildFacts(raw);
    const saved = readSavedPreflight(raw.latestPreflight);
    const { results, status } = dashboardStatus(facts, saved);
    expect(results).toEqual(withSavedStreams(evaluateChecks(facts), saved));
    expect(status).toEqual(connectionStatus(results));
    expect(status.state).toBe("Error");
    expect(
      results.find((r) => r.id === "stream-report-event").fromSavedPreflight
    ).toBe(true);
  });

  it("answers Monitoring for the healthy org without a saved preflight's help", () => {
    const { results, status } = dashboardStatus(
      buildFacts(fixture("noSavedPreflight")),
      null
    );
    expect(status.state).toBe("Monitoring");
    expect(results.some((r) => r.fromSavedPreflight)).toBe(false);
  });
});

describe("eventMonitoringState", () => {
  it("says available with the evidence, missing with the add-on named, unknown with the reason", () => {
    expect(eventMonitoringState(buildFacts(fixture("healthy")))).toEqual({
      state: "available",
      text: "Available (ReportEvent and ReportEventStream exist in this org)."
    });
    expect(
      eventMonitoringState(buildFacts(fixture("noEventMonitoring"))).state
    ).toBe("missing");
    expect(
      eventMonitoringState({
        eventMonitoring: null,
        unavailable: {
          eventMonitoring: "EntityDefinition: Insufficient privileges."
        }
      })
    ).toEqual({
      state: "unknown",
      text: "EntityDefinition: Insufficient privileges."
    });
    expect(eventMonitoringState({ unavailable: {} }).text).toBe(
      "Could not be read."
    );
  });
});

describe("severalServiceUsersText", () => {
  it("counts the look-alike service users, and says nothing for one or none", () => {
    expect(
      severalServiceUsersText(buildFacts(fixture("twoServiceUsers")))
    ).toBe(
      "2 users look like the Code42 service account. Code42 uses the one that authorized the connection: keep only that one assigned."
    );
    expect(severalServiceUsersText(buildFacts(fixture("healthy")))).toBeNull();
    expect(
      severalServiceUsersText(buildFacts(fixture("noServiceUser")))
    ).toBeNull();
  });
});

describe("readableError", () => {
  it.each([
    [{ body: { message: "Apex said no" } }, "Apex said no"],
    [{ body: [{ message: "one" }, { message: "two" }] }, "one two"],
    [{ body: { pageErrors: [{ message: "page error" }] } }, "page error"],
    [new Error("plain error"), "plain error"],
    [{ statusText: "Bad Request" }, "Bad Request"],
    ["text", "text"],
    [undefined, "Unknown error."],
    [{}, "Unknown error."]
  ])("reduces %p to %p", (error, expected) => {
    expect(readableError(error)).toBe(expected);
  });
});
