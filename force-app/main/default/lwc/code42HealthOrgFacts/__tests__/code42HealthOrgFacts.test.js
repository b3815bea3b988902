import Code42HealthOrgFacts from "c/code42HealthOrgFacts";

const {
  dashboardOf,
  mountSection,
  removeAll,
  factsWith
} = require("../../code42Health/__tests__/sections");
const { $, text } = require("../../code42Health/__tests__/dom");

const COMMAND = "sf code42 access-errors --target-org <alias>";
const mount = (state) =>
  mountSection("c-code42-health-org-facts", Code42HealthOrgFacts, {
    facts: dashboardOf(state).facts,
    accessErrorsCommand: COMMAND
  });

describe("c-code42-health-org-facts", () => {
  afterEach(removeAll);

  it("shows the holders, the add-on, the API requests and the Insufficient Access count", async () => {
    const element = await mount("healthy");
    expect(text(element, '[data-id="holders"]')).toMatch(
      /^61,250\s*· what Code42 monitors with the "All users" scope \(one Code42 licence each\)$/
    );
    expect(text(element, '[data-id="event-monitoring"]')).toMatch(
      /^Available\s*Available \(ReportEvent and ReportEventStream exist in this org\)\.$/
    );
    expect($(element, '[data-id="event-monitoring"] span').className).toContain(
      "slds-theme_success"
    );
    expect(text(element, '[data-id="api-limits"]')).toBe(
      "912,345 of 1,000,000 remain today"
    );
    const access = $(element, "c-code42-health-insufficient-access");
    expect(access.command).toBe(COMMAND);
    expect(text(element, '[data-id="access-errors-command"]')).toBe(COMMAND);
  });

  it("says why a fact could not be read, with no monitoring note on an unknown holder count", async () => {
    const element = await mount(
      factsWith({
        holders: null,
        limits: null,
        eventMonitoring: null,
        unavailable: {
          holders: "PermissionSetAssignment: denied",
          limits: "Limits: denied",
          eventMonitoring: "EntityDefinition: denied"
        }
      })
    );
    expect(text(element, '[data-id="holders"]')).toBe(
      "PermissionSetAssignment: denied"
    );
    expect(text(element, '[data-id="api-limits"]')).toBe("Limits: denied");
    expect(text(element, '[data-id="event-monitoring"]')).toMatch(
      /^Unknown\s*EntityDefinition: denied$/
    );
    expect($(element, '[data-id="event-monitoring"] span').className).toBe(
      "slds-badge"
    );
  });

  it("badges an org without the add-on as missing", async () => {
    const element = await mount("noEventMonitoring");
    expect($(element, '[data-id="event-monitoring"] span').className).toContain(
      "slds-theme_error"
    );
  });

  it.each(["healthy", "noEventMonitoring"])(
    "is accessible in the %s state",
    async (state) => {
      const element = await mount(state);
      await expect(element).toBeAccessible();
    }
  );
});
