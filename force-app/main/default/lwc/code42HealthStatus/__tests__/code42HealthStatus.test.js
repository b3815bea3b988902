import Code42HealthStatus from "c/code42HealthStatus";
import { VENDOR_MESSAGES } from "c/code42Rules";

const {
  dashboardOf,
  mountSection,
  removeAll,
  factsWith
} = require("../../code42Health/__tests__/sections");
const { $, text } = require("../../code42Health/__tests__/dom");

const mount = (state) => {
  const { status, facts } = dashboardOf(state);
  return mountSection("c-code42-health-status", Code42HealthStatus, {
    status,
    facts
  });
};

describe("c-code42-health-status", () => {
  afterEach(removeAll);

  it("shows Monitoring with the success icon, the org and when it was checked", async () => {
    const element = await mount("healthy");
    expect(text(element, '[data-id="status-badge"]')).toBe("Monitoring");
    const icon = $(element, "lightning-icon");
    expect(icon.iconName).toBe("utility:success");
    expect(icon.alternativeText).toBe("Connection status: Monitoring");
    expect(text(element, '[data-id="status"]')).toContain(
      "The connection is healthy"
    );
    expect(text(element, '[data-id="status"]')).toContain(
      "Acme Corp · Enterprise Edition · checked"
    );
    expect($(element, "lightning-formatted-date-time").value).toBe(
      dashboardOf("healthy").facts.collectedAt
    );
  });

  it("shows Error with the vendor message of the cause", async () => {
    const element = await mount("frozen");
    expect(text(element, '[data-id="status-badge"]')).toBe("Error");
    expect($(element, "lightning-icon").iconName).toBe("utility:error");
    expect(text(element, '[data-id="status-message"]')).toBe(
      VENDOR_MESSAGES.frozen
    );
    expect(text(element, '[data-id="status"]')).toContain(
      "Code42 stops monitoring"
    );
  });

  it("says a sandbox is one, and why the org could not be read", async () => {
    const sandbox = await mount(factsWith({ org: { isSandbox: true } }));
    expect(text(sandbox, '[data-id="status"]')).toContain(
      "Acme Corp · Enterprise Edition · Sandbox · checked"
    );
    const unread = await mount(
      factsWith({ org: null, unavailable: { org: "Organization: denied" } })
    );
    expect(text(unread, '[data-id="status"]')).toContain(
      "Organization: denied · checked"
    );
  });

  it("is accessible", async () => {
    const element = await mount("loginRateNearLimit");
    expect(text(element, '[data-id="status-badge"]')).toBe("Warning");
    await expect(element).toBeAccessible();
  });
});
