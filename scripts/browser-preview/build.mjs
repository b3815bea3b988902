/*
 * Builds the code42Health LWC for a real browser with the open-source LWC compiler
 * (@lwc/rollup-plugin + lwc, the versions Salesforce runs), the real lightning-* components
 * from the `lightning-base-components` package, and SLDS CSS. The Apex import is mapped to
 * src/fakeApex.js, which answers with the jest states (force-app/.../code42Health/__tests__/factsWith.js).
 *
 * Usage: node scripts/browser-preview/build.mjs   (writes scripts/browser-preview/dist/)
 */
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";
import { createRequire } from "module";
import { rollup } from "rollup";
import lwc from "@lwc/rollup-plugin";
import replace from "@rollup/plugin-replace";
import { nodeResolve } from "@rollup/plugin-node-resolve";

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(here, "..", "..");
export const DIST = path.join(here, "dist");
const LWC_DIR = path.join(PROJECT_ROOT, "force-app", "main", "default", "lwc");
export const FIXTURE_DIR = path.join(
  LWC_DIR,
  "code42Health",
  "__tests__",
  "data"
);
const APEX_PREFIX = "@salesforce/apex/";
const FAKE_APEX = path.join(here, "src", "fakeApex.js");
const FIXTURES_ID = "preview:fixtures";
const FAKE_WATCH_APEX = path.join(here, "src", "fakeWatchApex.js");
const WATCH_APEX_PREFIX = `${APEX_PREFIX}Code42HealthWatch.`;
const WATCH_FIXTURE_ID = "preview:watch-fixture";
const WATCH_FIXTURE = path.join(
  LWC_DIR,
  "code42HealthWatch",
  "__tests__",
  "data",
  "watchTimeline.json"
);

/**
 * Every dashboard state of the jest tests, by name: the states built from the one base fixture
 * (__tests__/factsWith.js) plus each remaining .json file of the data folder (apexError).
 */
export function loadFixtures() {
  const require = createRequire(import.meta.url);
  const { factsFor, VARIANTS } = require(
    path.join(FIXTURE_DIR, "..", "factsWith.js")
  );
  const fixtures = {};
  for (const name of Object.keys(VARIANTS)) {
    fixtures[name] = factsFor(name);
  }
  for (const file of fs.readdirSync(FIXTURE_DIR).sort()) {
    const name = file.slice(0, -5);
    if (file.endsWith(".json") && !(name in fixtures)) {
      fixtures[name] = JSON.parse(
        fs.readFileSync(path.join(FIXTURE_DIR, file), "utf8")
      );
    }
  }
  return fixtures;
}

/** Maps @salesforce/apex/* to the fake module and serves the fixtures as a virtual module. */
function previewModules() {
  return {
    name: "code42-preview-modules",
    resolveId(id) {
      if (
        id === "Code42HealthController.getHealthFacts" ||
        id === `${APEX_PREFIX}Code42HealthController.getHealthFacts`
      ) {
        return FAKE_APEX;
      }
      if (id.startsWith(WATCH_APEX_PREFIX)) {
        return `\0watch-apex:${id.slice(WATCH_APEX_PREFIX.length)}`;
      }
      if (id === WATCH_FIXTURE_ID) {
        return `\0${WATCH_FIXTURE_ID}`;
      }
      if (id.startsWith(APEX_PREFIX)) {
        this.error(`The preview has no fake for ${id}`);
      }
      if (id === FIXTURES_ID) {
        return `\0${FIXTURES_ID}`;
      }
      return null;
    },
    load(id) {
      if (id === `\0${FIXTURES_ID}`) {
        return `export default ${JSON.stringify(loadFixtures())};`;
      }
      if (id.startsWith("\0watch-apex:")) {
        const method = id.slice("\0watch-apex:".length);
        return `import { callWatch } from ${JSON.stringify(FAKE_WATCH_APEX)};\nexport default (params) => callWatch(${JSON.stringify(method)}, params);`;
      }
      if (id === `\0${WATCH_FIXTURE_ID}`) {
        return `export default ${fs.readFileSync(WATCH_FIXTURE, "utf8")};`;
      }
      return null;
    }
  };
}

/** c/<name> modules from the SFDX source tree (no namespace folder there). */
function sfdxModules() {
  return fs
    .readdirSync(LWC_DIR, { withFileTypes: true })
    .filter(
      (d) =>
        d.isDirectory() &&
        fs.existsSync(path.join(LWC_DIR, d.name, `${d.name}.js`))
    )
    .map((d) => ({
      name: `c/${d.name}`,
      path: path.join(LWC_DIR, d.name, `${d.name}.js`)
    }));
}

export async function build({ quiet = false } = {}) {
  const started = Date.now();
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.mkdirSync(DIST, { recursive: true });
  const warnings = [];
  const bundle = await rollup({
    input: path.join(here, "src", "main.js"),
    plugins: [
      previewModules(),
      replace({
        preventAssignment: true,
        values: {
          "import.meta.env.SSR": "false",
          "process.env.NODE_ENV": JSON.stringify("production")
        }
      }),
      lwc({
        rootDir: LWC_DIR,
        enableDynamicComponents: true,
        modules: [...sfdxModules(), { npm: "lightning-base-components" }]
      }),
      nodeResolve({ browser: true })
    ],
    onwarn(warning) {
      warnings.push(warning);
    }
  });
  await bundle.write({
    file: path.join(DIST, "main.js"),
    format: "esm",
    sourcemap: false,
    inlineDynamicImports: true
  });
  await bundle.close();
  fs.copyFileSync(
    path.join(here, "src", "index.html"),
    path.join(DIST, "index.html")
  );
  if (!quiet) {
    // lightning-base-components' own card template repeats a slot in lwc:if branches (LWC1137):
    // harmless and not ours. Everything else is printed.
    const serious = warnings.filter(
      (w) =>
        w.code !== "CIRCULAR_DEPENDENCY" &&
        w.code !== "THIS_IS_UNDEFINED" &&
        !(
          String(w.message).includes("lightning-base-components") &&
          String(w.message).includes("LWC1137")
        )
    );
    for (const w of serious)
      console.warn(`build warning: ${w.code}: ${w.message}`);
    console.log(
      `preview built in ${Date.now() - started} ms -> ${path.relative(PROJECT_ROOT, DIST)}`
    );
  }
  return { dist: DIST, warnings };
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  build().catch((err) => {
    console.error(err.stack || err.message);
    process.exit(1);
  });
}
