import Code42HealthServiceUsers from "c/code42HealthServiceUsers";

const {
  dashboardOf,
  mountSection,
  removeAll,
  factsWith
} = require("../../code42Health/__tests__/sections");
const { $, $$, text } = require("../../code42Health/__tests__/dom");

const mount = (state) =>
  mountSection("c-code42-health-service-users", Code42HealthServiceUsers, {
    facts: dashboardOf(state).facts
  });
const usernames = (element) =>
  $$(element, "[data-user]").map((el) => el.dataset.user);

describe("c-code42-health-service-users", () => {
  afterEach(removeAll);

  it("shows the one service user, without a note about look-alikes", async () => {
    const element = await mount("healthy");
    expect(usernames(element)).toEqual(["code42.integration@acme.example"]);
    expect($(element, '[data-id="several-service-users"]')).toBeNull();
    expect($(element, '[data-id="no-service-user"]')).toBeNull();
    expect($(element, '[data-id="service-users-unreadable"]')).toBeNull();
  });

  it("shows every service user and says that several look like the service account", async () => {
    const element = await mount("twoServiceUsers");
    expect(usernames(element)).toEqual([
      "code42.integration@acme.example",
      "code42.old@acme.example"
    ]);
    expect(text(element, '[data-id="several-service-users"]')).toBe(
      "2 users look like the Code42 service account. Code42 uses the one that authorized the connection: keep only that one assigned."
    );
  });

  it("explains how to assign the permission set when no service user is found", async () => {
    const element = await mount("noServiceUser");
    expect(text(element, '[data-id="no-service-user"]')).toContain(
      "No user is assigned the Code42_Service_Account permission set or the Code42 Service Account profile"
    );
    expect(
      $(element, '[data-id="no-service-user"] a').getAttribute("href")
    ).toBe("/lightning/setup/PermSets/home");
    expect(usernames(element)).toEqual([]);
  });

  it("says why the service users could not be read", async () => {
    const element = await mount(
      factsWith({
        serviceUsers: null,
        unavailable: { serviceUsers: "User: insufficient privileges" }
      })
    );
    expect(text(element, '[data-id="service-users-unreadable"]')).toBe(
      "User: insufficient privileges"
    );
    expect($(element, '[data-id="no-service-user"]')).toBeNull();
  });

  it.each(["twoServiceUsers", "noServiceUser"])(
    "is accessible in the %s state",
    async (state) => {
      const element = await mount(state);
      await expect(element).toBeAccessible();
    }
  );
});
