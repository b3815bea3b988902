import Code42HealthServiceUser from "c/code42HealthServiceUser";

const {
  dashboardOf,
  mountSection,
  removeAll,
  factsWith
} = require("../../code42Health/__tests__/sections");
const { $, text } = require("../../code42Health/__tests__/dom");

const mount = (state, index = 0) => {
  const { facts } = dashboardOf(state);
  return mountSection("c-code42-health-service-user", Code42HealthServiceUser, {
    user: facts.serviceUsers[index],
    facts
  });
};
const badge = (element, field) =>
  $(element, `[data-field="${field}"]`).className;

describe("c-code42-health-service-user", () => {
  afterEach(removeAll);

  it("shows a healthy user's flags as good (success badges) and its logins against the limit", async () => {
    const element = await mount("healthy");
    expect(text(element, "h4")).toMatch(
      /^Code42 Integration\s*code42\.integration@acme\.example$/
    );
    for (const [field, label] of [
      ["active", "Active"],
      ["frozen", "Not frozen"],
      ["locked", "Not locked"]
    ]) {
      expect(text(element, `[data-field="${field}"]`)).toBe(label);
      expect(badge(element, field)).toBe("slds-badge slds-theme_success");
    }
    expect(text(element, '[data-field="logins"]')).toBe("At least 12 of 3,600");
    expect(text(element, '[data-field="logins-note"]')).toBe("");
    expect($(element, '[data-field="userlogin-reason"]')).toBeNull();
    expect($(element, "c-code42-health-permissions").user.username).toBe(
      "code42.integration@acme.example"
    );
  });

  it("marks the value that stops Code42 with an error badge", async () => {
    const deactivated = await mount("deactivated");
    expect(text(deactivated, '[data-field="active"]')).toBe("Deactivated");
    expect(badge(deactivated, "active")).toContain("slds-theme_error");
    const frozen = await mount("frozen");
    expect(badge(frozen, "frozen")).toContain("slds-theme_error");
    expect(badge(frozen, "locked")).toContain("slds-theme_success");
    const locked = await mount("passwordLocked");
    expect(text(locked, '[data-field="locked"]')).toBe("Password-locked");
    expect(badge(locked, "locked")).toContain("slds-theme_error");
  });

  it("shows unknown flags with a neutral badge and the reason", async () => {
    const element = await mount("userLoginUnreadable");
    expect(text(element, '[data-field="frozen"]')).toBe("Unknown");
    expect(badge(element, "frozen")).toBe("slds-badge");
    expect(text(element, '[data-field="userlogin-reason"]')).toContain(
      "UserLogin needs the Manage Users permission"
    );
  });

  it("badges the login rate by its state, and says why it is unknown", async () => {
    const limited = await mount("rateLimited");
    expect(badge(limited, "logins")).toContain("slds-theme_error");
    expect(text(limited, '[data-field="logins-note"]')).toBe(
      "Limit reached (LOGIN_RATE_EXCEEDED)"
    );
    const near = await mount("loginRateNearLimit");
    expect(badge(near, "logins")).toContain("slds-theme_warning");
    const unknown = await mount(
      factsWith({
        serviceUsers: [{ loginsLastHour: null, loginRateExceeded: null }],
        unavailable: { loginHistory: "LoginHistory: no access" }
      })
    );
    expect(text(unknown, '[data-field="logins"]')).toBe("Unknown");
    expect(text(unknown, '[data-field="logins-note"]')).toBe(
      "LoginHistory: no access"
    );
  });

  it("says Never for a user that never logged in", async () => {
    const element = await mount("twoServiceUsers", 1);
    expect(element.shadowRoot.textContent).toContain("Never");
    expect($(element, "lightning-formatted-date-time")).toBeNull();
  });

  it("is accessible", async () => {
    const element = await mount("frozen");
    await expect(element).toBeAccessible();
  });
});
