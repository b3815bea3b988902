/*
 * The org the preflight command tests run against: "Acme", a small Enterprise Edition org built
 * with the simulator's own OrgBuilder (scripts/org-simulator/src/fixtures/model.js) and served by
 * the simulator in-process, which evaluates the SOQL the plugin sends. A test changes the org's
 * records (before the run, through `edit`, or on `sim.org` between runs), never the answers.
 *
 * Healthy as built: Alice (System Administrator, the admin running the preflight) and Bob (the
 * Report_Exporters permission set) hold Export Reports; the service user code42@acme.com has the
 * Code42_Service_Account permission set on a profile without permissions, 12 logins in the last
 * hour, and Code42's app is installed, admitting that permission set, its token used an hour ago.
 */
import { REQUIRED_PERMISSIONS, SERVICE_PERMISSION_SET } from '@code42-companion/rules';
import { newOrgBuilder, startSimulatedOrg, type OrgBuilder, type SimOrg, type Simulator } from '../../helpers/simulatedOrg.js';

export type Row = Record<string, any>;
export type Acme = {
  b: OrgBuilder;
  /** The service user and its Code42_Service_Account assignment. */
  service: Row;
  serviceAssignment: Row;
  alice: Row;
  bob: Row;
};

/** Builds the Acme org; `edit` changes it before it is built (with the builder, so the model stays consistent). */
export function acmeOrg(edit?: (acme: Acme) => void): SimOrg {
  const b = newOrgBuilder({ name: 'Acme', domain: 'acme.com' });
  b.license('Salesforce', 'SFDC', 100);
  b.profile('System Administrator', {
    custom: false,
    perms: ['ApiEnabled', 'ModifyAllData', 'ViewAllData', 'CustomizeApplication', 'ViewSetup', 'ManageUsers', 'ModifyMetadata', 'ViewRealTimeEventMonitoringData', 'ExportReport', 'RunReports'],
  });
  b.profile('Standard User', { custom: false, perms: ['ApiEnabled', 'RunReports'] });
  b.profile('Minimum Access - Salesforce', { custom: false });
  b.permissionSet(SERVICE_PERMISSION_SET, 'Code42 Service Account', REQUIRED_PERMISSIONS.map((p) => p.name));
  b.permissionSet('Report_Exporters', 'Report_Exporters', ['ExportReport']);
  const alice = b.user({ first: 'alice', last: '', username: 'alice@acme.com', profile: 'System Administrator', lastLoginDaysAgo: 0 });
  b.org.currentUserId = alice.Id;
  const bob = b.user({ first: 'bob', last: '', username: 'bob@acme.com', profile: 'Standard User' });
  b.assign(bob, 'Report_Exporters');
  const service = b.user({ first: 'Code42', last: 'Service', username: 'code42@acme.com', profile: 'Minimum Access - Salesforce', lastLoginDaysAgo: 0 });
  const serviceAssignment = b.assign(service, SERVICE_PERMISSION_SET);
  for (let i = 0; i < 12; i++) b.login(service, { minutesAgo: 2 + i * 4 });
  b.connectedApp('Code42 for Salesforce', { permissionSets: [SERVICE_PERMISSION_SET] });
  b.oauthToken(service, 'Code42 for Salesforce', { createdDaysAgo: 90, lastUsedMinutesAgo: 60, useCount: 1234 });
  b.org.limits.DailyApiRequests = { Max: 15000, Remaining: 14000 };
  edit?.({ b, service, serviceAssignment, alice, bob });
  return b.build();
}

/** Rows of one object of a running simulator's org (edit them between runs). */
export const rows = (sim: Simulator, object: string): Row[] => (sim.org.objects[object] ?? []) as Row[];
export const userNamed = (sim: Simulator, username: string): Row => rows(sim, 'User').find((u) => u.Username === username) as Row;

/** One simulator per test, stopped after it: `acme(edit)` starts the Acme org, `start(org)` any org. */
export function simulatedOrgs(): { acme: (edit?: (acme: Acme) => void) => Promise<Simulator>; start: (org: SimOrg) => Promise<Simulator> } {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });
  const start = async (org: SimOrg): Promise<Simulator> => {
    await sim?.stop();
    sim = await startSimulatedOrg({ org });
    return sim;
  };
  return { start, acme: (edit) => start(acmeOrg(edit)) };
}
