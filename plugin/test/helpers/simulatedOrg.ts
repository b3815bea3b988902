/*
 * The one fake org of the unit tests: the org simulator (scripts/org-simulator) started in-process on
 * an ephemeral port. It evaluates the SOQL against its store, answers Composite, describe, limits and
 * Metadata SOAP like Salesforce, counts the API calls and records every request, so a test sets up
 * org state (fixtures, store rows) instead of answers keyed on query text.
 */
import { AuthInfo, Connection } from '@salesforce/core';
import * as simulator from '@code42-companion/org-simulator';
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

type Row = Record<string, any>;
/** The simulator's OrgBuilder (plain JavaScript), as far as these tests use it. */
export type OrgBuilder = {
  org: SimOrg & { objects: Record<string, Row[]>; settings: Row; limits: Row; noAccess: Row; currentUserId: string | null };
  byName: { permissionSet: Map<string, Row>; profile: Map<string, { profile: Row; ps: Row }> };
  profile(name: string, options?: { perms?: string[]; custom?: boolean; license?: string }): Row;
  permissionSet(name: string, label: string, perms?: string[]): Row;
  user(options: { first: string; last: string; username: string; profile: string; role?: Row | null; active?: boolean; lastLoginDaysAgo?: number }): Row;
  assign(user: Row, permissionSet: string, options?: { expiresInDays?: number }): Row;
  assignGroup(user: Row, psg: string): Row;
  permissionSetGroup(devName: string, label: string, permissionSets: string[]): Row;
  role(name: string, parent?: Row | null): Row;
  roleGroup(role: Row, type: string): Row;
  group(name: string, developerName?: string): Row;
  member(group: Row, userOrGroupId: string): Row;
  login(user: Row, options?: { minutesAgo?: number; status?: string }): Row;
  session(user: Row, options?: { minutesAgo?: number }): Row;
  license(name: string, key?: string, total?: number): Row;
  connectedApp(name: string, options: { permissionSets?: string[]; profiles?: string[] }): Row;
  oauthToken(user: Row, app: string, options: { createdDaysAgo?: number; lastUsedMinutesAgo?: number; useCount?: number }): Row;
  withoutEventMonitoring(edition: string): OrgBuilder;
  restrictRunningUser(perms: string[]): OrgBuilder;
  eventLogFile(eventType: string, options: { daysAgo?: number; csv?: string }): Row;
  build(): SimOrg;
};
const Builder = simulator.OrgBuilder as unknown as new (options: { name: string; domain: string }) => OrgBuilder;

/** A new OrgBuilder: the simulator's own model of profiles, permission sets, groups and users. */
export const newOrgBuilder = (options: { name: string; domain: string }): OrgBuilder => new Builder(options);
