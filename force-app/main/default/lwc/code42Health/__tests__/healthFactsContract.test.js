/*
 * The contract between Code42HealthController.getHealthFacts and this dashboard: one shared
 * file (scripts/contracts/healthFacts.contract.json) lists the keys Apex answers and buildFacts
 * reads. Every dashboard state the tests and the browser preview use must be valid input by
 * it, and what buildFacts makes of it must only use keys of the rules' Facts definition.
 */
import fs from "fs";
import path from "path";
import { buildFacts } from "../healthFacts";

const { factsFor, factsWith, VARIANTS } = require("./factsWith");
const CONTRACT = require("../../../../../../scripts/contracts/healthFacts.contract.json");

const RULES_SOURCE = fs.readFileSync(
  path.join(__dirname, "../../../../../../packages/rules/src/facts.js"),
  "utf8"
);

const TYPES = {
  String: (v) => typeof v === "string",
  Boolean: (v) => typeof v === "boolean",
  Integer: (v) => Number.isInteger(v),
  Datetime: (v) => typeof v === "string" && !Number.isNaN(Date.parse(v)),
  Null: () => false
};

/** Every way `value` breaks `spec` (see the contract's description), as "path: problem". */
function violations(value, spec, where) {
  if (value === null) {
    return [];
  }
  if (typeof spec === "string") {
    return TYPES[spec](value) ? [] : [`${where}: not a ${spec}`];
  }
  if (Array.isArray(spec)) {
    if (!Array.isArray(value)) {
      return [`${where}: not a list`];
    }
    return value.flatMap((item, i) =>
      violations(item, spec[0], `${where}[${i}]`)
    );
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    return [`${where}: not an object`];
  }
  if ("*" in spec) {
    return Object.entries(value).flatMap(([key, item]) =>
      violations(item, spec["*"], `${where}.${key}`)
    );
  }
  const problems = [];
  const known = new Set();
  for (const [declared, itemSpec] of Object.entries(spec)) {
    const optional = declared.endsWith("?");
    const key = optional ? declared.slice(0, -1) : declared;
    known.add(key);
    if (!(key in value)) {
      if (!optional) {
        problems.push(`${where}.${key}: missing`);
      }
    } else {
      problems.push(...violations(value[key], itemSpec, `${where}.${key}`));
    }
  }
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      problems.push(`${where}.${key}: not in the contract`);
    }
  }
  return problems;
}

/** Top-level keys of the Facts structure documented at the top of the rules file. */
function factsTypedefKeys() {
  const block = RULES_SOURCE.slice(
    RULES_SOURCE.indexOf("The Facts structure"),
    RULES_SOURCE.indexOf("export const FACTS_VERSION")
  );
  const keys = [...block.matchAll(/^ \* {3}(\w+):/gm)].map((m) => m[1]);
  if (/org may also carry myDomain/.test(block)) {
    keys.push("myDomain");
  }
  return new Set(keys);
}

describe("health facts contract", () => {
  it.each(Object.keys(VARIANTS))(
    "the %s state is what Apex answers by the shared contract",
    (name) => {
      expect(violations(factsFor(name), CONTRACT.keys, "facts")).toEqual([]);
    }
  );

  it("names what breaks it: a missing key, a key Apex does not answer and a wrong type", () => {
    const broken = factsWith({
      holders: { totalCount: "many" },
      limits: undefined,
      serviceUsers: [{ nickname: "svc" }]
    });
    expect(violations(broken, CONTRACT.keys, "facts")).toEqual([
      "facts.serviceUsers[0].nickname: not in the contract",
      "facts.holders.totalCount: not a Integer",
      "facts.limits: missing"
    ]);
  });

  it.each(Object.keys(VARIANTS))(
    "buildFacts of the %s state only uses keys of the rules' Facts definition",
    (name) => {
      const documented = factsTypedefKeys();
      expect(documented.has("serviceUsers")).toBe(true);
      const facts = buildFacts(factsFor(name));
      const undocumented = Object.keys(facts).filter((k) => !documented.has(k));
      expect(undocumented).toEqual([]);
      expect(facts.factsVersion).toBe(1);
    }
  );

  // latestPreflight (the saved CLI result) is read by the dashboard beside the Facts, not
  // through them (readSavedPreflight); the Insufficient Access count is a fact like the others.
  it("every top-level contract key is a key of the rules' Facts definition except the saved preflight read beside them", () => {
    const documented = factsTypedefKeys();
    expect(documented.has("insufficientAccess")).toBe(true);
    const keys = Object.keys(CONTRACT.keys).map((k) => k.replace(/\?$/, ""));
    expect(keys.filter((k) => !documented.has(k)).sort()).toEqual([
      "latestPreflight"
    ]);
  });
});
