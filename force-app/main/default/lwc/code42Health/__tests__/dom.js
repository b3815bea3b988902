/*
 * Queries that see through the shadow DOM of the dashboard's child components, so a test of
 * the container (or of a section with children of its own) reads the page as an admin sees it.
 * Elements and text come in document order, shadow content before light content.
 */

/** The children of `node` in the composed tree: its shadow root's, then its own (light DOM). */
function composedChildren(node) {
  const shadow = node.shadowRoot ? [...node.shadowRoot.children] : [];
  return [...shadow, ...(node.children || [])];
}

/** Every element under `root` (not `root` itself) matching `selector`, across shadow roots. */
function $$(root, selector) {
  const found = new Set();
  const visit = (node) => {
    for (const child of composedChildren(node)) {
      if (child.matches(selector)) found.add(child);
      visit(child);
    }
  };
  visit(root);
  return [...found];
}

/** The first element under `root` matching `selector`, across shadow roots; null if none. */
function $(root, selector) {
  return $$(root, selector)[0] || null;
}

/** The text of `node` with the text of every child component in it. */
function deepText(node) {
  if (node.nodeType === 3) return node.nodeValue;
  const shadow = node.shadowRoot ? [...node.shadowRoot.childNodes] : [];
  return [...shadow, ...(node.childNodes || [])].map(deepText).join("");
}

/** The whitespace-normalised text of the first match of `selector` under `root`; null if none. */
function text(root, selector) {
  const el = $(root, selector);
  return el ? deepText(el).replace(/\s+/g, " ").trim() : null;
}

module.exports = { $, $$, deepText, text };
