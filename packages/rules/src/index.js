/*
 * The public API of @code42-companion/rules. Node code imports the package; the dashboard LWC
 * imports the generated bundle c/code42Rules (npm run generate:rules-bundle), which exports
 * exactly these names. A new rules file under src/ needs one export line here.
 */
export * from './code42Rules.js';
export * from './dashboard.js';
