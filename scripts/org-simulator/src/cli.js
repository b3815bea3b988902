#!/usr/bin/env node
/**
 * Runs the simulator until SIGINT/SIGTERM and prints one JSON line: { instanceUrl, accessToken, orgId, ... }.
 *   node scripts/org-simulator/src/cli.js --fixture demo|demo-delegated-admin|<scenario>|generate:S|M|L --port 0 [--latency 100] [--page-size 2000] [--https]
 */
import { parseArgs } from 'node:util';
import { startSimulator, buildDemoOrg, buildScenarioOrg, generateOrg, SCENARIOS, DEMO_DELEGATED_ADMIN_LACKS } from './index.js';

const { values } = parseArgs({
  options: {
    fixture: { type: 'string', default: 'demo' },
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    'page-size': { type: 'string', default: '2000' },
    'api-version': { type: 'string', default: '62.0' },
    https: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
  }
});

if (values.help) {
  console.log(`Usage: cli.js --fixture demo|demo-delegated-admin|${SCENARIOS.join('|')}|generate:S|M|L [--port 0] [--latency ms] [--page-size n] [--https]`);
  process.exit(0);
}

function buildOrg(name) {
  if (name === 'demo') return buildDemoOrg();
  if (name === 'demo-delegated-admin') return buildDemoOrg({ adminLacks: DEMO_DELEGATED_ADMIN_LACKS });
  const g = /^generate:(S|M|L|\d+)$/i.exec(name);
  if (g) return generateOrg(/^\d+$/.test(g[1]) ? { users: Number(g[1]) } : { size: g[1].toUpperCase() }).org;
  return buildScenarioOrg(name);
}

const sim = await startSimulator({ org: buildOrg(values.fixture), port: Number(values.port), latencyMs: Number(values.latency), pageSize: Number(values['page-size']), apiVersion: values['api-version'], https: values.https });
console.log(JSON.stringify({ instanceUrl: sim.instanceUrl, accessToken: sim.accessToken, orgId: sim.orgId, apiVersion: sim.apiVersion, fixture: values.fixture, ...(sim.certificate ? { certificate: sim.certificate } : {}) }));
const shutdown = async () => {
  await sim.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
