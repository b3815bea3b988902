import { createElement } from "lwc";
import Code42Health from "c/code42Health";
import getHealthFacts from "@salesforce/apex/Code42HealthController.getHealthFacts";
import {
  REQUIRED_PERMISSIONS,
  SERVICE_PERMISSION_SET,
  SERVICE_PROFILE,
  VENDOR_MESSAGES,
  EVENT_MONITORING_ENTITIES
} from "c/code42Rules";

jest.mock(
  "@salesforce/apex/Code42HealthController.getHealthFacts",
  () => ({ default: jest.fn() }),
  { virtual: true }
);

const { factsFor } = require("./factsWith");

/** The facts of a dashboard state: the healthy base plus that state's change (factsWith.js). */
function fixture(name) {
  if (name === "apexError") {
    return JSON.parse(JSON.stringify(require("./data/apexError.json")));
  }
  return factsFor(name);
}

async function flushPromises() {
  for (let i = 0; i < 5; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function mount() {
  const element = createElement("c-code42-health", { is: Code42Health });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

/** Mount with Apex answering `data` (a fixture edited by the test). */
function renderData(data) {
  getHealthFacts.mockResolvedValue(data);
  return mount();
}

/** Mount with Apex answering the fixture `name` (apexError: Apex rejects with it). */
function render(name) {
  if (name === "apexError") {
    getHealthFacts.mockRejectedValue(fixture("apexError"));
    return mount();
  }
  return renderData(fixture(name));
}

// The sections are child components: these queries read through their shadow DOM.
const { $, $$, deepText, text } = require("./dom");
/** The check ids listed under "What to fix" (c-code42-connection has rows of its own). */
const problemIds = (element) => {
  const problems = $(element, '[data-id="problems"]');
  return problems
    ? $$(problems, "[data-check]").map((el) => el.dataset.check)
    : [];
};

describe("c-code42-health", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it("shows a spinner with alternative text while Apex answers", async () => {
    let resolve;
    getHealthFacts.mockReturnValue(
      new Promise((r) => {
        resolve = r;
      })
    );
    const element = await mount();

    const spinner = $(element, "lightning-spinner");
    expect(spinner).not.toBeNull();
    expect(spinner.alternativeText).toBe("Loading Code42 connection health");
    expect($(element, '[data-id="loading"]')).not.toBeNull();
    expect($(element, '[data-id="refresh"]').disabled).toBe(true);
    expect($(element, '[data-id="status"]')).toBeNull();

    resolve(fixture("healthy"));
    await flushPromises();
    expect($(element, "lightning-spinner")).toBeNull();
    expect(text(element, '[data-id="status-badge"]')).toBe("Monitoring");
  });

  it("passes the required permission names, service account names and Event Monitoring entities to Apex", async () => {
    await render("healthy");
    expect(getHealthFacts).toHaveBeenCalledTimes(1);
    expect(getHealthFacts).toHaveBeenCalledWith({
      permissionNames: REQUIRED_PERMISSIONS.map((p) => p.name),
      servicePermissionSet: SERVICE_PERMISSION_SET,
      serviceProfile: SERVICE_PROFILE,
      eventMonitoringEntities: EVENT_MONITORING_ENTITIES,
      permissionLabels: {
        ViewRealTimeEventMonitoringData: "View Real-Time Event Monitoring Data"
      }
    });
  });

  it("shows Monitoring for a healthy org, with the service user and its grants", async () => {
    const element = await render("healthy");

    const status = $(element, '[data-id="status"]');
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(text(element, '[data-id="status-badge"]')).toBe("Monitoring");
    expect(text(element, '[data-id="status-message"]')).toBe(
      "Nothing found that would stop Code42 from monitoring."
    );
    const icon = $(element, '[data-id="status"] lightning-icon');
    expect(icon.iconName).toBe("utility:success");
    expect(icon.alternativeText).toBe("Connection status: Monitoring");
    expect($(element, '[data-id="problems"]')).toBeNull();

    const user = $(element, '[data-user="code42.integration@acme.example"]');
    expect(deepText(user)).toContain("Code42 Integration");
    expect(deepText(user)).toContain("Minimum Access - Salesforce");
    expect(deepText(user)).toContain("Salesforce");
    expect(text(user, '[data-field="active"]')).toBe("Active");
    expect(text(user, '[data-field="frozen"]')).toBe("Not frozen");
    expect(text(user, '[data-field="locked"]')).toBe("Not locked");
    expect(text(user, '[data-field="logins"]')).toBe("At least 12 of 3,600");
    expect($(user, "lightning-formatted-date-time").value).toBe(
      "2025-06-02T08:55:12.000Z"
    );

    const rows = $$(user, "[data-permission]");
    expect(rows.map((r) => r.dataset.permission)).toEqual(
      REQUIRED_PERMISSIONS.map((p) => p.name)
    );
    for (const row of rows) {
      expect(text(row, '[data-field="perm-state"]')).toBe("Granted");
    }
    const api = $(
      user,
      '[data-permission="ApiEnabled"] [data-field="perm-sources"]'
    );
    expect(deepText(api).trim()).toBe(
      "Permission set: Code42_Service_Account; Profile: Minimum Access - Salesforce"
    );
    const rt = $(
      user,
      '[data-permission="ViewRealTimeEventMonitoringData"] [data-field="perm-sources"]'
    );
    expect(deepText(rt).trim()).toBe(
      "Permission set group: Code42_Integration_Group"
    );

    expect(text(element, '[data-id="holders"]')).toContain("61,250");
    expect(text(element, '[data-id="holders"]')).toContain('"All users"');
    expect(text(element, '[data-id="event-monitoring"]')).toContain(
      "Available"
    );
    expect(text(element, '[data-id="api-limits"]')).toBe(
      "912,345 of 1,000,000 remain today"
    );
    expect(text(element, '[data-id="insufficient-access"]')).toContain(
      "3 Insufficient Access event log files from the last 7 days may hold access errors of the service user code42.integration@acme.example."
    );
    expect(text(element, '[data-id="access-errors-command"]')).toBe(
      "sf code42 access-errors --target-org <alias>"
    );
  });

  it("passes the org's My Domain and the authorization checks to c-code42-connection", async () => {
    const data = fixture("healthy");
    const svc = data.serviceUsers[0].id;
    data.org.myDomain = "acme.my.salesforce.com";
    data.connection = {
      apps: [
        { id: "0H4", name: "Code42", adminApprovedOnly: false, admitted: [] }
      ],
      approvePermission: null,
      tokens: [
        {
          appName: "Code42",
          userId: svc,
          createdDate: "2026-01-01",
          lastUsedDate: new Date().toISOString(),
          useCount: 7
        }
      ],
      salesforceLicence: { name: "Salesforce", total: 10, used: 2 },
      users: {
        [svc]: {
          apiOnly: false,
          approveUninstalled: false,
          permissionSetNames: [],
          loginIpRanges: null,
          loginHours: null
        }
      }
    };
    const element = await renderData(data);
    const child = element.shadowRoot.querySelector("c-code42-connection");
    expect(child).not.toBeNull();
    expect(child.org.myDomain).toBe("acme.my.salesforce.com");
    const byId = Object.fromEntries(child.results.map((r) => [r.id, r.status]));
    expect(byId["connected-app-access"]).toBe("pass");
    expect(byId["code42-authorization"]).toBe("pass");
  });

  it("without log files, says this is not proof of no access errors, how to record them, and what Salesforce logs", async () => {
    const data = fixture("healthy");
    data.insufficientAccess = { logFilesLast7Days: 0 };
    const element = await renderData(data);
    expect(text(element, '[data-id="insufficient-access"]')).toMatch(
      /^No Insufficient Access event log files in the last 7 days, which does not mean that the service user code42\.integration@acme\.example had no access errors\. To record them, ask Salesforce Customer Support to enable the Insufficient Access event type \(24 hours at a time\)/
    );
    expect(text(element, '[data-id="insufficient-access-coverage"]')).toBe(
      "The Insufficient Access event type is disabled by default. You can enable this event type for a period of 24 hours by contacting Salesforce Customer Support. It logs only some errors: sharing a case, contact or opportunity, changing its owner, or changing its parent account, when someone lacks access to the parent account (Account, Case, Contact and Opportunity records); errors of bulk operations on two or more records are not logged."
    );
    expect($(element, '[data-id="access-errors-command"]')).toBeNull();
  });

  it("names a saved result of a version it does not read and shows none of its stream results", async () => {
    const data = fixture("healthy");
    data.latestPreflight.resultJson = JSON.stringify({
      format: "code42-preflight-result",
      version: 7,
      checks: [{ id: "stream-report-event", status: "fail", message: "x" }]
    });
    const element = await renderData(data);
    expect(text(element, '[data-id="saved-preflight-problem"]')).toBe(
      'The saved result has format "code42-preflight-result" version 7, which this dashboard does not read (it reads "code42-preflight-result" version 1). Deploy the dashboard and the plugin from the same release, then run the preflight with --save-result again.'
    );
    expect(problemIds(element)).not.toContain("stream-report-event");
  });

  it("says the holder count may include muted users when muting could not be read", async () => {
    const data = fixture("healthy");
    data.unavailable = {
      holdersMuting:
        "Muting permission sets could not be read, so users whose permission set group mutes Export Reports are counted too: denied"
    };
    const element = await renderData(data);
    expect(text(element, '[data-id="holders"]')).toContain(
      "61,250 (Muting permission sets could not be read, so users whose permission set group mutes Export Reports are counted too: denied)"
    );
  });

  it("next to a count of log files, says what the event covers", async () => {
    const element = await render("healthy");
    expect(text(element, '[data-id="insufficient-access-coverage"]')).toContain(
      "errors of bulk operations on two or more records"
    );
  });

  it("shows the saved preflight with its date and stream checks", async () => {
    const element = await render("healthy");
    const saved = $(element, '[data-id="saved-preflight"]');
    expect(deepText(saved)).toContain("11 pass, 0 warn, 0 fail, 2 skip");
    expect($(saved, "lightning-formatted-date-time").value).toBe(
      "2025-06-01T14:30:00.000Z"
    );
    const streams = $$(element, "[data-stream]");
    expect(streams.map((s) => s.dataset.stream)).toEqual([
      "stream-login-event",
      "stream-logout-event",
      "stream-report-event"
    ]);
    expect(deepText(streams[2])).toContain(
      "Report Event streaming is enabled (ReportEventStream)."
    );
    expect($(element, '[data-id="no-saved-preflight"]')).toBeNull();
  });

  it("explains how to save a preflight when none is saved", async () => {
    const element = await render("noSavedPreflight");
    const box = $(element, '[data-id="no-saved-preflight"]');
    expect(deepText(box)).toContain(
      "sf code42 preflight --target-org <alias> --save-result"
    );
    expect($(element, "[data-stream]")).toBeNull();
    // Streams stay "not checked": they do not make the status worse.
    expect(text(element, '[data-id="status-badge"]')).toBe("Monitoring");
    expect(text(element, '[data-id="not-checked"]')).toContain(
      "Login Event streaming is enabled"
    );
  });

  it("turns a stream that was off in the saved preflight into an Error", async () => {
    const element = await render("streamOffInSavedPreflight");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    expect(text(element, '[data-id="status-message"]')).toContain(
      "Report Event streaming is not enabled"
    );
    expect(problemIds(element)).toEqual(["stream-report-event"]);
    const link = $(element, '[data-setup-link="stream-report-event"]');
    expect(link.getAttribute("href")).toBe(
      "/lightning/setup/EventManager/home"
    );
  });

  it("shows the vendor message and steps for a deactivated service user", async () => {
    const element = await render("deactivated");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    expect(text(element, '[data-id="status-message"]')).toBe(
      VENDOR_MESSAGES.deactivated
    );
    expect($(element, '[data-id="status"] lightning-icon').iconName).toBe(
      "utility:error"
    );
    expect(text(element, '[data-field="active"]')).toBe("Deactivated");

    expect(problemIds(element)).toEqual(["service-user-active"]);
    const problem = $(element, '[data-check="service-user-active"]');
    const steps = $$(problem, "li").map((li) => li.textContent);
    expect(steps).toContain(
      "In the user's General Information section, select Active to reactivate the user and then click Save."
    );
    expect($(problem, "a").getAttribute("href")).toBe(
      "/lightning/setup/ManageUsers/home"
    );
    expect($(problem, "a").textContent).toBe("Setup > Users > Users");
    expect(text(element, '[data-id="recheck-note"]')).toContain(
      "within 20 minutes"
    );
  });

  it("shows the vendor message for a frozen service user", async () => {
    const element = await render("frozen");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    expect(text(element, '[data-id="status-message"]')).toBe(
      VENDOR_MESSAGES.frozen
    );
    expect(text(element, '[data-field="frozen"]')).toBe("Frozen");
    const problem = $(element, '[data-check="service-user-not-frozen"]');
    expect(deepText(problem)).toContain(
      "Click Unfreeze at the top of the screen"
    );
  });

  it("shows a password-locked service user as its own state", async () => {
    const element = await render("passwordLocked");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    expect(text(element, '[data-id="status-message"]')).toContain(
      "is locked out after too many failed password attempts"
    );
    expect(text(element, '[data-field="locked"]')).toBe("Password-locked");
    expect(text(element, '[data-field="frozen"]')).toBe("Not frozen");
  });

  it("shows a login rate limit hit as an error with the count against 3,600", async () => {
    const element = await render("rateLimited");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    expect(text(element, '[data-id="status-message"]')).toContain(
      "LOGIN_RATE_EXCEEDED"
    );
    expect(text(element, '[data-field="logins"]')).toBe(
      "At least 3,600 of 3,600"
    );
    expect(text(element, '[data-field="logins-note"]')).toBe(
      "Limit reached (LOGIN_RATE_EXCEEDED)"
    );
    expect(problemIds(element)).toEqual(["service-user-login-rate"]);
  });

  it("warns when the login rate is close to the limit", async () => {
    const element = await render("loginRateNearLimit");
    expect(text(element, '[data-id="status-badge"]')).toBe("Warning");
    expect($(element, '[data-id="status"] lightning-icon').iconName).toBe(
      "utility:warning"
    );
    expect(text(element, '[data-field="logins-note"]')).toBe(
      "Close to the limit"
    );
  });

  it("shows a missing permission with the vendor message", async () => {
    const element = await render("missingPermission");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    expect(text(element, '[data-id="status-message"]')).toContain(
      VENDOR_MESSAGES.permissions
    );
    expect(text(element, '[data-id="status-message"]')).toContain(
      "API Enabled (ApiEnabled)"
    );
    const row = $(element, '[data-permission="ApiEnabled"]');
    expect(text(row, '[data-field="perm-state"]')).toBe("Missing");
    expect(text(row, '[data-field="perm-sources"]')).toBe("—");
    const problem = $(element, '[data-check="service-user-permissions"]');
    expect($(problem, "a").getAttribute("href")).toBe(
      "/lightning/setup/PermSets/home"
    );
  });

  it("shows an org without Event Monitoring as an error, with the unknown permission", async () => {
    const element = await render("noEventMonitoring");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    expect(text(element, '[data-id="status-message"]')).toContain(
      "no Event Monitoring or Shield subscription"
    );
    expect(text(element, '[data-id="event-monitoring"]')).toContain("Missing");
    expect(text(element, '[data-id="event-monitoring"]')).toMatch(
      /^MissingNot available \(ReportEvent and ReportEventStream not found in this org, .*\): this org has no Event Monitoring or Shield add-on\.$/
    );
    expect(
      $(element, '[data-id="event-monitoring"] span').getAttribute("class")
    ).toContain("slds-theme_error");
    const row = $(
      element,
      '[data-permission="ViewRealTimeEventMonitoringData"]'
    );
    expect(text(row, '[data-field="perm-state"]')).toBe("Unknown");
    expect(text(row, '[data-field="perm-sources"]')).toBe(
      "Not exposed by this org"
    );
    expect(text(element, '[data-id="insufficient-access"]')).toBe(
      "EventLogFile is not available in this org (Event Monitoring add-on)."
    );
    expect($(element, '[data-id="access-errors-command"]')).toBeNull();
    expect(problemIds(element)).toContain("event-monitoring-addon");
  });

  it("explains clearly when no service user is found", async () => {
    const element = await render("noServiceUser");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    const box = $(element, '[data-id="no-service-user"]');
    expect(deepText(box)).toContain(
      "No user is assigned the Code42_Service_Account permission set"
    );
    expect($(box, "a").getAttribute("href")).toBe(
      "/lightning/setup/PermSets/home"
    );
    expect($(element, "[data-user]")).toBeNull();
    expect(problemIds(element)).toEqual(["service-user"]);
  });

  it("shows every service user when several are found", async () => {
    const element = await render("twoServiceUsers");
    expect(text(element, '[data-id="several-service-users"]')).toContain(
      "2 users look like the Code42 service account"
    );
    const users = $$(element, "[data-user]").map((el) => el.dataset.user);
    expect(users).toEqual([
      "code42.integration@acme.example",
      "code42.old@acme.example"
    ]);
    const old = $(element, '[data-user="code42.old@acme.example"]');
    expect(text(old, '[data-field="active"]')).toBe("Deactivated");
    expect(deepText(old)).toContain("Never");
    expect(
      text(
        old,
        '[data-permission="CustomizeApplication"] [data-field="perm-state"]'
      )
    ).toBe("Missing");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    expect(problemIds(element)).toEqual(
      expect.arrayContaining([
        "service-user",
        "service-user-active",
        "service-user-permissions"
      ])
    );
  });

  it("shows frozen and locked as unknown, with the reason, when UserLogin is unreadable", async () => {
    const element = await render("userLoginUnreadable");
    expect(text(element, '[data-field="frozen"]')).toBe("Unknown");
    expect(text(element, '[data-field="locked"]')).toBe("Unknown");
    expect(text(element, '[data-field="userlogin-reason"]')).toContain(
      "Manage Users"
    );
    expect(text(element, '[data-id="status-badge"]')).toBe("Monitoring");
    expect(text(element, '[data-id="not-checked"]')).toContain(
      "Service account user is not frozen or locked"
    );
  });

  it("shows the login count as unknown, with the reason, when Login History is unreadable", async () => {
    const raw = fixture("healthy");
    raw.serviceUsers[0].loginsLastHour = null;
    raw.serviceUsers[0].loginRateExceeded = null;
    raw.unavailable = {
      loginHistory: "Login History could not be read: no access"
    };
    const element = await renderData(raw);

    expect(text(element, '[data-field="logins"]')).toBe("Unknown");
    expect(text(element, '[data-field="logins-note"]')).toBe(
      "Login History could not be read: no access"
    );
    expect(text(element, '[data-id="status-badge"]')).toBe("Monitoring");
    expect(text(element, '[data-id="not-checked"]')).toContain(
      "Service account user is under the hourly login limit"
    );
  });

  it("shows permissions as unknown, with the reason, when assignments are unreadable", async () => {
    const raw = fixture("healthy");
    raw.serviceUsers[0].permissionGrants = null;
    raw.unavailable = {
      permissions: "Permission assignments could not be read: no access"
    };
    const element = await renderData(raw);

    const row = $(element, '[data-permission="ApiEnabled"]');
    expect(text(row, '[data-field="perm-state"]')).toBe("Unknown");
    expect(text(row, '[data-field="perm-sources"]')).toBe(
      "Permission assignments could not be read: no access"
    );
    expect(text(element, '[data-id="status-badge"]')).toBe("Monitoring");
    expect(text(element, '[data-id="not-checked"]')).toContain(
      "Permission assignments could not be read: no access"
    );
  });

  it("reduces an Apex error to a readable message", async () => {
    const element = await render("apexError");
    expect($(element, '[data-id="error"]').getAttribute("role")).toBe("alert");
    expect(text(element, '[data-id="error-message"]')).toBe(
      "Insufficient Privileges: You do not have access to the Apex class named: Code42HealthController"
    );
    expect(deepText($(element, '[data-id="error"]'))).toContain(
      "Code42_Health_Dashboard"
    );
    expect($(element, '[data-id="status"]')).toBeNull();
    expect($(element, "lightning-spinner")).toBeNull();
  });

  it("calls Apex again on Refresh and shows the new answer", async () => {
    const element = await render("deactivated");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");

    getHealthFacts.mockResolvedValue(fixture("healthy"));
    $(element, '[data-id="refresh"]').click();
    await flushPromises();

    expect(getHealthFacts).toHaveBeenCalledTimes(2);
    expect(text(element, '[data-id="status-badge"]')).toBe("Monitoring");
  });

  it("recovers from an Apex error on Refresh", async () => {
    const element = await render("apexError");
    getHealthFacts.mockResolvedValue(fixture("healthy"));
    $(element, '[data-id="refresh"]').click();
    await flushPromises();
    expect($(element, '[data-id="error"]')).toBeNull();
    expect(text(element, '[data-id="status-badge"]')).toBe("Monitoring");
  });

  describe("accessibility", () => {
    it.each([
      "healthy",
      "deactivated",
      "noServiceUser",
      "twoServiceUsers",
      "noEventMonitoring",
      "userLoginUnreadable",
      "noSavedPreflight",
      "apexError"
    ])("is accessible in the %s state", async (name) => {
      const element = await render(name);
      await expect(element).toBeAccessible();
    });
  });
});
