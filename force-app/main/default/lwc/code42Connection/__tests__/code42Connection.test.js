import { createElement } from "lwc";
import Code42Connection from "c/code42Connection";
import { FACTS_VERSION, evaluateChecks } from "c/code42Rules";

const SVC = "005000000000001AAA";

function facts(connection, org = {}) {
  return {
    factsVersion: FACTS_VERSION,
    source: "org",
    collectedAt: "2026-06-01T12:00:00.000Z",
    org: {
      id: "00D",
      name: "Acme",
      edition: "Enterprise Edition",
      isSandbox: false,
      myDomain: "acme.my.salesforce.com",
      ...org
    },
    serviceUserSelection: {},
    serviceUsers: [
      {
        id: SVC,
        username: "svc@acme.com",
        isActive: true,
        profileName: "Code42 Service Account",
        licenseName: "Salesforce"
      }
    ],
    scope: { mode: "all", entries: 0, unmatched: [] },
    connection,
    unavailable: {}
  };
}

const installed = {
  apps: [
    {
      id: "0H4",
      name: "Code42",
      adminApprovedOnly: true,
      admitted: [{ type: "permissionSet", name: "Code42_Service_Account" }]
    }
  ],
  approvePermission: null,
  tokens: [
    {
      appName: "Code42",
      userId: SVC,
      createdDate: "2026-05-01",
      lastUsedDate: "2026-06-01T11:00:00.000Z",
      useCount: 42
    }
  ],
  salesforceLicence: { name: "Salesforce", total: 10, used: 5 },
  users: {
    [SVC]: {
      apiOnly: false,
      approveUninstalled: false,
      permissionSetNames: ["Code42_Service_Account"],
      loginIpRanges: null,
      loginHours: null
    }
  }
};

function mount(f) {
  const element = createElement("c-code42-connection", {
    is: Code42Connection
  });
  element.org = f.org;
  element.results = evaluateChecks(f);
  document.body.appendChild(element);
  return element;
}

const text = (el, selector) =>
  el.shadowRoot.querySelector(selector).textContent.replace(/\s+/g, " ");

describe("c-code42-connection", () => {
  afterEach(() => {
    while (document.body.firstChild)
      document.body.removeChild(document.body.firstChild);
  });

  it("shows the My Domain and the four authorization checks, Code42 authorized", async () => {
    const el = mount(facts(installed));
    expect(text(el, '[data-id="my-domain"]')).toContain(
      "acme.my.salesforce.com"
    );
    expect(el.shadowRoot.querySelector('[data-id="sandbox-note"]')).toBeNull();
    expect(
      [...el.shadowRoot.querySelectorAll("[data-check]")].map(
        (d) => d.dataset.check
      )
    ).toEqual([
      "connected-app-access",
      "code42-authorization",
      "service-user-licence",
      "service-user-login-access"
    ]);
    expect(text(el, '[data-check="code42-authorization"]')).toContain(
      'svc@acme.com authorized "Code42" on 2026-05-01; last used 2026-06-01, 42 uses.'
    );
    await expect(el).toBeAccessible();
  });

  it("shows the failure before authorization and the sandbox note", async () => {
    const el = mount(
      facts({ ...installed, apps: [], tokens: [] }, { isSandbox: true })
    );
    expect(text(el, '[data-check="connected-app-access"]')).toContain("Failed");
    expect(text(el, '[data-check="connected-app-access"]')).toContain(
      "OAUTH_APPROVAL_ERROR_GENERIC"
    );
    expect(text(el, '[data-check="code42-authorization"]')).toContain(
      "Not authorized yet"
    );
    expect(text(el, '[data-id="sandbox-note"]')).toContain(
      "differs from production"
    );
    await expect(el).toBeAccessible();
  });

  it("says Unknown without a My Domain and shows nothing it was not given", () => {
    const el = createElement("c-code42-connection", { is: Code42Connection });
    document.body.appendChild(el);
    expect(text(el, '[data-id="my-domain"]')).toContain("Unknown");
    expect(el.shadowRoot.querySelectorAll("[data-check]")).toHaveLength(0);
  });
});
