import Code42HealthStreams from "c/code42HealthStreams";

const {
  dashboardOf,
  mountSection,
  removeAll
} = require("../../code42Health/__tests__/sections");
const { $, $$, text } = require("../../code42Health/__tests__/dom");

const PREFLIGHT = "sf code42 preflight --target-org <alias> --save-result";
const mount = (state, unavailableReason) =>
  mountSection("c-code42-health-streams", Code42HealthStreams, {
    savedPreflight: dashboardOf(state).savedPreflight,
    unavailableReason,
    preflightCommand: PREFLIGHT
  });

describe("c-code42-health-streams", () => {
  afterEach(removeAll);

  it("shows the saved preflight's status and each stream's result", async () => {
    const element = await mount("healthy");
    expect(text(element, '[data-id="saved-preflight"]')).toMatch(
      /^Saved preflight of\s*Pass\s*11 pass, 0 warn, 0 fail, 2 skip$/
    );
    expect($$(element, "[data-stream]").map((s) => s.dataset.stream)).toEqual([
      "stream-login-event",
      "stream-logout-event",
      "stream-report-event"
    ]);
    expect(text(element, '[data-stream="stream-report-event"]')).toContain(
      "Report Event streaming is enabled (ReportEventStream)."
    );
    expect(text(element, '[data-id="streams"]')).toContain(
      `To refresh it, run ${PREFLIGHT}`
    );
  });

  it("badges a stream that was off as failed", async () => {
    const element = await mount("streamOffInSavedPreflight");
    const off = $(element, '[data-stream="stream-report-event"] span');
    expect(off.textContent).toBe("Fail");
    expect(off.className).toContain("slds-theme_error");
  });

  it("explains how to save a preflight when none is saved, with the reason one could not be read", async () => {
    const element = await mount(
      "noSavedPreflight",
      "Code42_Preflight_Result__c: denied"
    );
    const box = text(element, '[data-id="no-saved-preflight"]');
    expect(box).toContain("Code42_Preflight_Result__c: denied");
    expect(box).toContain(PREFLIGHT);
    expect($(element, "[data-stream]")).toBeNull();
  });

  it.each(["healthy", "noSavedPreflight"])(
    "is accessible in the %s state",
    async (state) => {
      const element = await mount(state);
      await expect(element).toBeAccessible();
    }
  );
});
