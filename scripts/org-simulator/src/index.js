/**
 * @code42-companion/org-simulator: a local Salesforce org for the demo, the end-to-end tests and the benchmark.
 *   const sim = await startSimulator({ org: buildDemoOrg() });  // sim.instanceUrl, sim.accessToken, sim.requests ...
 */
export { startSimulator } from './server.js';
export { cliEnv } from './cliEnv.js';
export { buildDemoOrg, demoScopeCsvs } from './fixtures/demo.js';
export { buildScenarioOrg, SCENARIOS } from './fixtures/scenarios.js';
export { generateOrg, GENERATOR_SIZES } from './fixtures/generate.js';
export { OrgBuilder, seededRandom } from './fixtures/model.js';
export { executeQuery } from './soql/evaluate.js';
export { Store } from './store.js';
export { toId18, isValidId18, createIdFactory } from './ids.js';
export { FAULT_KINDS } from './faults.js';
