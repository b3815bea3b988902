/*
 * For the tests of the dashboard's child components: a dashboard state built the way the
 * container builds it (the one base fixture of factsWith.js, then healthFacts.js's dashboardOf),
 * and mounting one section with its @api inputs.
 */
const { createElement } = require("lwc");
const { dashboardOf: pipeline } = require("../healthFacts");
const { factsFor, factsWith } = require("./factsWith");

/**
 * What the container hands its sections for a state: a VARIANTS name of factsWith.js or an
 * Apex answer (e.g. factsWith({...})).
 */
function dashboardOf(state) {
  return pipeline(typeof state === "string" ? factsFor(state) : state);
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
