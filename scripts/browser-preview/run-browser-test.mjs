/*
 * Browser test of the Code42 Health dashboard: builds the preview (build.mjs), serves it on
 * 127.0.0.1, opens every state in headless Chromium (Debian package, /usr/bin/chromium) with
 * playwright-core, checks that the state's text renders with no console error, and saves a
 * screenshot per state to scripts/browser-preview/screenshots/<state>.png.
 *
 * Installs nothing. Needs: apt-get install -y chromium   (or CHROMIUM_PATH=/path/to/chromium)
 * Usage: node scripts/browser-preview/run-browser-test.mjs [state ...]
 * Ends with `N passed, N failed` and exits 1 when any check failed.
 */
import fs from "fs";
import http from "http";
import path from "path";
import { fileURLToPath } from "url";
import { chromium } from "playwright-core";
import { build, DIST, PROJECT_ROOT, loadFixtures } from "./build.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.join(here, "screenshots");
const SLDS_ASSETS = path.join(
  PROJECT_ROOT,
  "node_modules",
  "@salesforce-ux",
  "design-system",
  "assets"
);
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run"
];

/** What each state must show. `status` is the overall badge; `texts` must all be visible. */
export const STATES = {
  loading: { texts: ["Reading the Code42 service account"], spinner: true },
  healthy: {
    status: "Monitoring",
    texts: [
      "Nothing found that would stop Code42 from monitoring.",
      "code42.integration@acme.example",
      "61,250",
      "Saved preflight of"
    ]
  },
  deactivated: {
    status: "Error",
    texts: [
      "has been deactivated. Reactivate the user account",
      "Deactivated",
      "within 20 minutes"
    ]
  },
  frozen: {
    status: "Error",
    texts: [
      "has been frozen. Unfreeze the user account",
      "Click Unfreeze at the top of the screen"
    ]
  },
  passwordLocked: {
    status: "Error",
    texts: [
      "locked out after too many failed password attempts",
      "Password-locked"
    ]
  },
  rateLimited: {
    status: "Error",
    texts: ["At least 3,600 of 3,600", "Limit reached (LOGIN_RATE_EXCEEDED)"]
  },
  loginRateNearLimit: {
    status: "Warning",
    texts: ["At least 3,012 of 3,600", "Close to the limit"]
  },
  missingPermission: {
    status: "Error",
    texts: ["does not have the correct permissions", "API Enabled (ApiEnabled)"]
  },
  noEventMonitoring: {
    status: "Error",
    texts: [
      "no Event Monitoring or Shield subscription",
      "EventLogFile is not available"
    ]
  },
  noServiceUser: {
    status: "Error",
    texts: ["No user is assigned the Code42_Service_Account permission set"]
  },
  twoServiceUsers: {
    status: "Error",
    texts: [
      "2 users look like the Code42 service account",
      "code42.old@acme.example"
    ]
  },
  userLoginUnreadable: {
    status: "Monitoring",
    texts: ["UserLogin needs the Manage Users permission", "Not checked here"]
  },
  noSavedPreflight: {
    status: "Monitoring",
    texts: [
      "No preflight result has been saved to this org yet",
      "sf code42 preflight --target-org <alias> --save-result"
    ]
  },
  streamOffInSavedPreflight: {
    status: "Error",
    texts: ["Report Event streaming is not enabled"]
  },
  watchTimeline: {
    status: "Error",
    texts: [
      "Code42 Health Watch",
      "Error since",
      "unfrozen -> frozen",
      "Ada Admin",
      "Alert sent"
    ]
  },
  apexError: {
    texts: [
      "The health facts could not be loaded",
      "Insufficient Privileges: You do not have access to the Apex class"
    ]
  }
};

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".svg": "image/svg+xml",
  ".png": "image/png"
};

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file;
    if (url.pathname.startsWith("/slds/")) {
      file = path.join(
        SLDS_ASSETS,
        decodeURIComponent(url.pathname.slice("/slds/".length))
      );
      if (!file.startsWith(SLDS_ASSETS)) file = null;
    } else {
      const rel =
        url.pathname === "/"
          ? "index.html"
          : decodeURIComponent(url.pathname.slice(1));
      file = path.join(DIST, rel);
      if (!file.startsWith(DIST)) file = null;
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream"
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(server))
  );
}

async function main() {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(STATES);
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  const check = (ok, label, detail) => {
    if (ok) {
      passed += 1;
      console.log(`ok   ${label}`);
    } else {
      failed += 1;
      console.log(`FAIL ${label}${detail ? `: ${detail}` : ""}`);
    }
  };

  if (!fs.existsSync(CHROMIUM)) {
    console.log(
      `FAIL Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`
    );
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
  const fixtures = loadFixtures();
  for (const name of names) {
    if (!STATES[name]) {
      console.log(`FAIL unknown state ${name}`);
      console.log("0 passed, 1 failed");
      process.exit(1);
    }
  }
  for (const name of Object.keys(fixtures)) {
    check(name in STATES, `fixture ${name}.json has a browser state`);
  }

  await build({ quiet: false });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS
  });
  try {
    for (const name of names) {
      const spec = STATES[name];
      const page = await browser.newPage({
        viewport: { width: 1180, height: 900 }
      });
      const errors = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(String(err && err.message)));
      page.on("requestfailed", (req) =>
        errors.push(`request failed: ${req.url()}`)
      );
      page.on("response", (res) => {
        if (res.status() >= 400)
          errors.push(`HTTP ${res.status()}: ${res.url()}`);
      });
      try {
        await page.goto(
          `${base}/index.html?state=${encodeURIComponent(name)}`,
          { waitUntil: "load" }
        );
        const root = page.locator("c-code42-health");
        for (const text of spec.texts) {
          let ok = true;
          try {
            await root
              .getByText(text, { exact: false })
              .first()
              .waitFor({ state: "visible", timeout: 10000 });
          } catch {
            ok = false;
          }
          check(ok, `${name}: shows "${text}"`);
        }
        if (spec.status) {
          const badge = root.locator('[data-id="status-badge"]');
          const got = (await badge.count())
            ? (await badge.first().textContent()).trim()
            : "(none)";
          check(
            got === spec.status,
            `${name}: status badge is ${spec.status}`,
            `got ${got}`
          );
        }
        if (spec.spinner) {
          const spinner = root.locator('lightning-spinner [role="status"]');
          check(
            (await spinner.count()) > 0,
            `${name}: spinner with role=status is shown`
          );
        }
        // Real lightning-* components rendered (not stubs): the card header and the icon SVG.
        // Two cards: the dashboard's and the Code42 Health Watch below it.
        check(
          (await root.locator("lightning-card article.slds-card").count()) ===
            2,
          `${name}: real lightning-card renders (dashboard and watch)`
        );
        if (name === "healthy") {
          check(
            (await root
              .locator('[data-id="status"] lightning-icon svg')
              .count()) > 0,
            `${name}: status icon renders an SVG`
          );
          const calls = await page.evaluate(() => window.__apexCalls);
          await root
            .locator('lightning-button[data-id="refresh"] button')
            .click();
          await page
            .waitForFunction(() => window.__apexCalls === 2, null, {
              timeout: 5000
            })
            .catch(() => {});
          const after = await page.evaluate(() => window.__apexCalls);
          check(
            calls === 1 && after === 2,
            `${name}: Refresh calls Apex again`,
            `calls ${calls} then ${after}`
          );
          await root
            .getByText("Nothing found that would stop Code42", { exact: false })
            .first()
            .waitFor({ timeout: 5000 });
        }
        if (name === "watchTimeline") {
          // The README's timeline picture: the watch card alone.
          await root
            .locator("c-code42-health-watch")
            .screenshot({ path: path.join(SCREENSHOTS, "watch-card.png") });
        }
        await page.screenshot({
          path: path.join(SCREENSHOTS, `${name}.png`),
          fullPage: true
        });
        check(
          errors.length === 0,
          `${name}: no console errors`,
          errors.join(" | ")
        );
      } catch (err) {
        check(false, `${name}: page run`, err.message);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(
    `browser run took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(PROJECT_ROOT, SCREENSHOTS)}`
  );
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err.stack || err.message);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
