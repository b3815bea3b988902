import { createElement } from "lwc";
import Code42HealthWatch from "c/code42HealthWatch";
import getWatchStatus from "@salesforce/apex/Code42HealthWatch.getWatchStatus";
import getTimeline from "@salesforce/apex/Code42HealthWatch.getTimeline";
import startWatch from "@salesforce/apex/Code42HealthWatch.startWatch";
import stopWatch from "@salesforce/apex/Code42HealthWatch.stopWatch";
import {
  connectionStatus,
  evaluateChecks,
  VENDOR_MESSAGES
} from "c/code42Rules";
import { buildTimeline, formatDuration } from "../timeline";

jest.mock(
  "@salesforce/apex/Code42HealthWatch.getWatchStatus",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/Code42HealthWatch.getTimeline",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/Code42HealthWatch.startWatch",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/Code42HealthWatch.stopWatch",
  () => ({ default: jest.fn() }),
  { virtual: true }
);

const fixture = () =>
  JSON.parse(JSON.stringify(require("./data/watchTimeline.json")));

/**
 * The dashboard's pipeline, as code42Health passes it (buildFacts is the dashboard's; here the
 * snapshot facts are already close to Facts v1, so the test adds only what buildFacts adds).
 */
function evaluate(raw) {
  const facts = {
    factsVersion: 1,
    source: "org",
    unavailable: {},
    ...raw,
    streams: null
  };
  return connectionStatus(evaluateChecks(facts));
}

async function flush() {
  for (let i = 0; i < 6; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function mount({ status, snapshots }) {
  getWatchStatus.mockResolvedValue(status);
  getTimeline.mockResolvedValue(snapshots);
  const element = createElement("c-code42-health-watch", {
    is: Code42HealthWatch
  });
  element.evaluate = evaluate;
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (el, sel) => el.shadowRoot.querySelector(sel);
const $$ = (el, sel) => [...el.shadowRoot.querySelectorAll(sel)];
const text = (el, sel) => {
  const node = $(el, sel);
  return node ? node.textContent.replace(/\s+/g, " ").trim() : null;
};

describe("c-code42-health-watch", () => {
  let nowSpy;
  beforeEach(() => {
    nowSpy = jest
      .spyOn(Date, "now")
      .mockReturnValue(new Date(fixture().now).getTime());
  });
  afterEach(() => {
    while (document.body.firstChild)
      document.body.removeChild(document.body.firstChild);
    nowSpy.mockRestore();
    jest.clearAllMocks();
  });

  it("shows the status now, since when, and Code42's own wording, from the snapshots", async () => {
    const element = await mount(fixture());
    expect(text(element, '[data-id="watch-since"]')).toMatch(
      /^Error since \d\d:03, 2 h/
    );
    expect(text(element, '[data-id="watch-since"]')).toContain(
      "has been frozen"
    );
    expect(text(element, '[data-id="watch-running"]')).toBe("Running");
    expect(text(element, '[data-id="watch-by"]')).toBe("Ada Admin");
    // Heartbeats are not listed; changes are, newest first, with what changed.
    const entries = $$(element, "[data-entry]");
    expect(entries.map((e) => e.dataset.entry)).toEqual([
      "a0C000000000004AAA",
      "a0C000000000002AAA",
      "a0C000000000001AAA"
    ]);
    expect(entries[0].textContent).toContain("unfrozen -> frozen");
    expect(entries[0].textContent).toContain("Alert sent");
    expect(entries[1].textContent).toContain("Monitoring");
    await expect(element).toBeAccessible();
  });

  it("start is an explicit click, and a second start says nothing changed", async () => {
    const f = fixture();
    const element = await mount({
      status: { running: false, canManage: true },
      snapshots: []
    });
    expect(text(element, '[data-id="watch-empty"]')).toContain(
      "start the watch"
    );
    expect(startWatch).not.toHaveBeenCalled();
    startWatch.mockResolvedValue({ ...f.status, changed: true });
    $(element, 'lightning-button[data-id="watch-start"]').click();
    await flush();
    expect(startWatch).toHaveBeenCalledTimes(1);
    expect(text(element, '[data-id="watch-notice"]')).toBe(
      "Started: the watch runs every hour, as you."
    );
    expect($(element, 'lightning-button[data-id="watch-stop"]')).not.toBeNull();

    stopWatch.mockResolvedValue({
      running: false,
      canManage: true,
      changed: false
    });
    $(element, 'lightning-button[data-id="watch-stop"]').click();
    await flush();
    expect(text(element, '[data-id="watch-notice"]')).toBe(
      "The watch was not running: nothing changed."
    );
    await expect(element).toBeAccessible();
  });

  it("users without the watch permission set see the state but no buttons", async () => {
    const f = fixture();
    const element = await mount({
      status: { ...f.status, canManage: false },
      snapshots: f.snapshots
    });
    expect($(element, 'lightning-button[data-id="watch-start"]')).toBeNull();
    expect($(element, 'lightning-button[data-id="watch-stop"]')).toBeNull();
    expect(element.shadowRoot.textContent).toContain(
      'needs the "Code42_Health_Watch" permission set'
    );
  });

  it("an Apex error is shown with its message, not a blank card", async () => {
    getWatchStatus.mockRejectedValue({
      body: {
        message:
          "You do not have access to the Apex class named: Code42HealthWatch"
      }
    });
    getTimeline.mockResolvedValue([]);
    const element = createElement("c-code42-health-watch", {
      is: Code42HealthWatch
    });
    document.body.appendChild(element);
    await flush();
    expect(text(element, '[data-id="watch-error"]')).toContain(
      "You do not have access to the Apex class"
    );
    expect(text(element, '[data-id="watch-error"]')).toContain(
      'needs the "Code42_Health_Alert_Recipient" or "Code42_Health_Watch" permission set'
    );
    await expect(element).toBeAccessible();
  });
});

describe("buildTimeline", () => {
  it("an unreadable snapshot is Unknown, not Monitoring", () => {
    const t = buildTimeline(
      [
        {
          id: "x",
          takenAt: "2026-12-01T10:00:00Z",
          kind: "change",
          factsJson: '{"snapshotVersion":99}'
        }
      ],
      evaluate
    );
    expect(t.current.state).toBe("Unknown");
  });

  it("since is the oldest snapshot of the newest state's unbroken run", () => {
    const t = buildTimeline(fixture().snapshots, evaluate);
    expect(t.current.since).toBe("2026-12-01T14:03:00.000Z");
    expect(t.current.message).toBe(
      evaluate(JSON.parse(fixture().snapshots[0].factsJson).facts).message
    );
    expect(t.current.message).toContain(VENDOR_MESSAGES.frozen.slice(0, 40));
  });

  it("formats durations", () => {
    expect(formatDuration(0, 45 * 60000)).toBe("45 min");
    expect(formatDuration(0, 26 * 3600000)).toBe("1 d 2 h");
  });
});
