/**
 * @code42-companion/org-simulator: a local Salesforce org for the demo, the end-to-end tests and the benchmark.
 *   const sim = await startSimulator({ org: buildDemoOrg() });  // sim.instanceUrl, sim.accessToken, sim.requests ...
 */
export { startSimulator } from './server.js';
export { cliEnv } from './cliEnv.js';
export { buildDemoOrg, demoScopeCsvs, DEMO_DELEGATED_ADMIN_LACKS } from './fixtures/demo.js';
export { buildScenarioOrg, SCENARIOS, renamePermissionField } from './fixtures/scenarios.js';
export { generateOrg, GENERATOR_SIZES } from './fixtures/generate.js';
export { OrgBuilder, seededRandom, VRTEM_FIELD } from './fixtures/model.js';
export { OBJECT_ACCESS_RULES, METADATA_READ_PERMISSIONS, VRTEM_LABEL, canSee } from './access.js';
export { executeQuery } from './soql/evaluate.js';
export { Store } from './store.js';
export { canonicalId, isValidId18, createIdFactory } from './ids.js';
export { FAULT_KINDS } from './faults.js';
