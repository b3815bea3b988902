/*
 * For the tests of the dashboard's child components: a dashboard state built the way the
 * container builds it (the one base fixture of factsWith.js, then buildFacts, readSavedPreflight
 * and dashboardStatus of the rules), and mounting one section with its @api inputs.
 */
const { createElement } = require("lwc");
const { dashboardStatus } = require("c/code42Rules");
const { buildFacts, readSavedPreflight } = require("../healthFacts");
const { factsFor, factsWith } = require("./factsWith");

/**
 * What the container hands its sections for a state: a VARIANTS name of factsWith.js or an
 * Apex answer (e.g. factsWith({...})).
 */
function dashboardOf(state) {
  const raw = typeof state === "string" ? factsFor(state) : state;
  const facts = buildFacts(raw);
  const savedPreflight = readSavedPreflight(raw.latestPreflight);
  const { results, status } = dashboardStatus(facts, savedPreflight);
  return { facts, savedPreflight, results, status };
}

/** Mounts `Component` as `tag` with `props` set, after its first render. */
async function mountSection(tag, Component, props) {
  const element = createElement(tag, { is: Component });
  Object.assign(element, props);
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
}

function removeAll() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
}

module.exports = { dashboardOf, mountSection, removeAll, factsWith };
