import Code42HealthProblems from "c/code42HealthProblems";

const {
  dashboardOf,
  mountSection,
  removeAll
} = require("../../code42Health/__tests__/sections");
const { $, $$, text } = require("../../code42Health/__tests__/dom");

const mount = (state) =>
  mountSection("c-code42-health-problems", Code42HealthProblems, {
    results: dashboardOf(state).results
  });

describe("c-code42-health-problems", () => {
  afterEach(removeAll);

  it("shows nothing when no check warns or fails", async () => {
    const element = await mount("healthy");
    expect($(element, '[data-id="problems"]')).toBeNull();
  });

  it("lists each failing check with its message, remediation steps, Setup link and the re-check delay", async () => {
    const element = await mount("missingPermission");
    const problems = $$(element, "[data-check]").map((el) => el.dataset.check);
    expect(problems).toEqual(["service-user-permissions"]);
    const problem = $(element, '[data-check="service-user-permissions"]');
    expect(text(problem, "h4")).toContain("Fail");
    expect(text(problem, "p")).toContain("API Enabled (ApiEnabled)");
    expect($$(problem, "li").length).toBeGreaterThan(0);
    const link = $(problem, '[data-setup-link="service-user-permissions"]');
    expect(link.getAttribute("href")).toBe("/lightning/setup/PermSets/home");
    expect(text(element, '[data-id="recheck-note"]')).toBe(
      "Code42 re-checks the connection and clears its error within 20 minutes of a fix."
    );
  });

  it("labels a warning as a warning", async () => {
    const element = await mount("loginRateNearLimit");
    const problem = $(element, '[data-check="service-user-login-rate"]');
    expect(text(problem, "h4")).toMatch(/^Warning/);
    expect($(problem, "h4 span").className).toContain("slds-theme_warning");
  });

  it("is accessible", async () => {
    const element = await mount("twoServiceUsers");
    await expect(element).toBeAccessible();
  });
});
