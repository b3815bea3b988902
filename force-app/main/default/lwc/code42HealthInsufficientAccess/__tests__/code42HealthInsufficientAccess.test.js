import Code42HealthInsufficientAccess from "c/code42HealthInsufficientAccess";
import { INSUFFICIENT_ACCESS_EVENT } from "c/code42Rules";

const {
  dashboardOf,
  mountSection,
  removeAll,
  factsWith
} = require("../../code42Health/__tests__/sections");
const { $, text } = require("../../code42Health/__tests__/dom");

const COMMAND = "sf code42 access-errors --target-org <alias>";
const mount = (state) =>
  mountSection(
    "c-code42-health-insufficient-access",
    Code42HealthInsufficientAccess,
    { facts: dashboardOf(state).facts, command: COMMAND }
  );
const withFiles = (n) =>
  factsWith({ insufficientAccess: { logFilesLast7Days: n } });

describe("c-code42-health-insufficient-access", () => {
  afterEach(removeAll);

  it("counts the log files, shows the command that reads them, and what Salesforce logs", async () => {
    const element = await mount("healthy");
    expect(text(element, '[data-id="insufficient-access"]')).toMatch(
      /^3 Insufficient Access event log files from the last 7 days may hold access errors of the service user code42\.integration@acme\.example\. The dashboard only counts the files/
    );
    expect(text(element, '[data-id="access-errors-command"]')).toBe(COMMAND);
    expect(text(element, '[data-id="insufficient-access-coverage"]')).toBe(
      `${INSUFFICIENT_ACCESS_EVENT.disabledByDefault} ${INSUFFICIENT_ACCESS_EVENT.covers}`
    );
  });

  it("says one file, and names every service user", async () => {
    const element = await mount(
      factsWith({
        insufficientAccess: { logFilesLast7Days: 1 },
        serviceUsers: [{}, { id: "005B", username: "b@acme.example" }]
      })
    );
    expect(text(element, '[data-id="insufficient-access"]')).toMatch(
      /^1 Insufficient Access event log file from the last 7 days may hold access errors of the service users code42\.integration@acme\.example, b@acme\.example\./
    );
  });

  it("without log files, says that is no proof and how to record them, without the command", async () => {
    const element = await mount(withFiles(0));
    expect(text(element, '[data-id="insufficient-access"]')).toContain(
      INSUFFICIENT_ACCESS_EVENT.action
    );
    expect($(element, '[data-id="access-errors-command"]')).toBeNull();
    expect(
      $(element, '[data-id="insufficient-access-coverage"]')
    ).not.toBeNull();
  });

  it("says why the count could not be read, with neither command nor coverage", async () => {
    const element = await mount("noEventMonitoring");
    expect(text(element, '[data-id="insufficient-access"]')).toBe(
      "EventLogFile is not available in this org (Event Monitoring add-on)."
    );
    expect($(element, '[data-id="access-errors-command"]')).toBeNull();
    expect($(element, '[data-id="insufficient-access-coverage"]')).toBeNull();
  });

  it.each(["healthy", "noEventMonitoring"])(
    "is accessible in the %s state",
    async (state) => {
      const element = await mount(state);
      await expect(element).toBeAccessible();
    }
  );
});
