import Code42HealthPermissions from "c/code42HealthPermissions";
import { REQUIRED_PERMISSIONS } from "c/code42Rules";

const {
  dashboardOf,
  mountSection,
  removeAll
} = require("../../code42Health/__tests__/sections");
const { $, $$, text } = require("../../code42Health/__tests__/dom");

const mount = (state, index = 0) =>
  mountSection("c-code42-health-permissions", Code42HealthPermissions, {
    user: dashboardOf(state).facts.serviceUsers[index]
  });
const cell = (element, name, field) =>
  text(element, `[data-permission="${name}"] [data-field="${field}"]`);

describe("c-code42-health-permissions", () => {
  afterEach(removeAll);

  it("lists every required permission with what grants it, under a caption naming the user", async () => {
    const element = await mount("healthy");
    expect(text(element, "caption")).toBe(
      "Required permissions of code42.integration@acme.example"
    );
    expect(
      $$(element, "[data-permission]").map((r) => r.dataset.permission)
    ).toEqual(REQUIRED_PERMISSIONS.map((p) => p.name));
    expect(cell(element, "ApiEnabled", "perm-state")).toBe("Granted");
    expect(cell(element, "ApiEnabled", "perm-sources")).toBe(
      "Permission set: Code42_Service_Account; Profile: Minimum Access - Salesforce"
    );
  });

  it("shows a missing permission with an error badge and no source", async () => {
    const element = await mount("missingPermission");
    expect(cell(element, "ApiEnabled", "perm-state")).toBe("Missing");
    expect(
      $(element, '[data-permission="ApiEnabled"] [data-field="perm-state"]')
        .className
    ).toContain("slds-theme_error");
    expect(cell(element, "ApiEnabled", "perm-sources")).toBe("—");
  });

  it("shows a permission the org does not expose as unknown, with the reason", async () => {
    const element = await mount("noEventMonitoring");
    const name = "ViewRealTimeEventMonitoringData";
    expect(cell(element, name, "perm-state")).toBe("Unknown");
    expect(cell(element, name, "perm-sources")).toBe("Not exposed by this org");
  });

  it("is accessible", async () => {
    const element = await mount("twoServiceUsers", 1);
    await expect(element).toBeAccessible();
  });
});
