/*
 * The one fake org of the unit tests: the org simulator (scripts/org-simulator) started in-process on
 * an ephemeral port. It evaluates the SOQL against its store, answers Composite, describe, limits and
 * Metadata SOAP like Salesforce, counts the API calls and records every request, so a test sets up
 * org state (fixtures, store rows) instead of answers keyed on query text.
 */
import { AuthInfo, Connection } from '@salesforce/core';
import { buildScenarioOrg, startSimulator, type Fault, type SimOrg, type Simulator } from '../e2e/simulator.js';

export type { Fault, SimOrg, Simulator };
export type SimulatedOrgOptions = { org?: SimOrg; scenario?: string; pageSize?: number; faults?: Fault[] };

/** Starts the simulator on a free port with a scenario fixture (default `healthy`) or a given org. */
export async function startSimulatedOrg(options: SimulatedOrgOptions = {}): Promise<Simulator> {
  const { org, scenario, ...rest } = options;
  return startSimulator({ org: org ?? buildScenarioOrg(scenario ?? 'healthy'), ...rest });
}

/** A real jsforce Connection (through @salesforce/core) to the simulator. */
export async function connectionTo(sim: Simulator, apiVersion = '62.0'): Promise<Connection> {
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: sim.accessToken, instanceUrl: sim.instanceUrl, loginUrl: sim.instanceUrl },
  });
  const conn = await Connection.create({ authInfo });
  conn.setApiVersion(apiVersion);
  return conn;
}

/** Every SOQL text the simulator received (plain queries and Composite subrequests). */
export function soqlReceived(sim: Simulator): string[] {
  return sim.requests.flatMap((r) => [r.soql, ...(r.subrequests ?? []).map((s) => s.soql)]).filter((q): q is string => Boolean(q));
}
