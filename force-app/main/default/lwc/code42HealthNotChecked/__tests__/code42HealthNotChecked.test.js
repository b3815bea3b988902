import Code42HealthNotChecked from "c/code42HealthNotChecked";

const {
  dashboardOf,
  mountSection,
  removeAll
} = require("../../code42Health/__tests__/sections");
const { $, $$, text } = require("../../code42Health/__tests__/dom");

const mount = (results) =>
  mountSection("c-code42-health-not-checked", Code42HealthNotChecked, {
    results
  });

describe("c-code42-health-not-checked", () => {
  afterEach(removeAll);

  it("lists every skipped check with the reason the rules gave", async () => {
    const { results } = dashboardOf("noSavedPreflight");
    const element = await mount(results);
    const skipped = results.filter((r) => r.status === "skip");
    expect($$(element, "li").length).toBe(skipped.length);
    expect(text(element, '[data-id="not-checked"]')).toContain(
      "Login Event streaming is enabled"
    );
    expect(text(element, '[data-id="not-checked"]')).toContain(
      "Active sessions of users in scope are checked by sf code42 preflight, not by this dashboard."
    );
  });

  it("shows nothing when every check ran", async () => {
    const { results } = dashboardOf("healthy");
    const element = await mount(results.filter((r) => r.status !== "skip"));
    expect($(element, '[data-id="not-checked"]')).toBeNull();
  });

  it("is accessible", async () => {
    const element = await mount(dashboardOf("userLoginUnreadable").results);
    await expect(element).toBeAccessible();
  });
});
