/**
 * The objects behind the authorization checks (issue 12), modelled with Salesforce's documented
 * access rules: OauthToken, ConnectedApplication, SetupEntityAccess, UserLicense, the
 * "Approve Uninstalled Connected Apps" / "API Only User" describe labels and the Profile metadata.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSimulator, buildScenarioOrg } from '../src/index.js';
import { Store } from '../src/store.js';
import { soql, client } from './helpers.js';

const require = createRequire(import.meta.url);
const { AuthInfo, Connection } = require('@salesforce/core');
process.removeAllListeners('warning');

/** Makes the running user a user of `profileName` (without Customize Application / View Setup). */
function runAs(org, profileName) {
  const profile = org.objects.Profile.find((p) => p.Name === profileName);
  const user = org.objects.User.find((u) => u.ProfileId === profile.Id && u.IsActive);
  org.currentUserId = user.Id;
  return user;
}

test('OauthToken: Customize Application sees every user\'s token; others see only their own', () => {
  const org = buildScenarioOrg('healthy');
  const all = soql(org, 'SELECT AppName, UserId, UseCount FROM OauthToken');
  assert.equal(all.totalSize, 1);
  assert.equal(all.records[0].UserId, org.meta.serviceUserId);
  runAs(org, 'Standard User');
  assert.equal(soql(org, 'SELECT AppName FROM OauthToken').totalSize, 0);
  org.currentUserId = org.meta.serviceUserId; // the service profile holds Customize Application
  assert.equal(soql(org, "SELECT AppName FROM OauthToken WHERE AppName LIKE '%code42%'").totalSize, 1);
});

test('ConnectedApplication needs Customize Application and SetupEntityAccess View Setup, else INVALID_TYPE', () => {
  const org = buildScenarioOrg('healthy');
  const apps = soql(org, "SELECT Id, Name, OptionsAllowAdminApprovedUsersOnly FROM ConnectedApplication WHERE Name LIKE '%incydr%'");
  assert.equal(apps.totalSize, 1);
  assert.equal(apps.records[0].OptionsAllowAdminApprovedUsersOnly, true);
  const access = soql(org, `SELECT SetupEntityId, Parent.IsOwnedByProfile, Parent.Profile.Name FROM SetupEntityAccess WHERE SetupEntityType = 'ConnectedApplication' AND SetupEntityId IN (SELECT Id FROM ConnectedApplication WHERE Name LIKE '%code42%')`);
  assert.equal(access.totalSize, 1);
  assert.equal(access.records[0].Parent.Profile.Name, 'Code42 Service Account');
  runAs(org, 'Read Only');
  assert.throws(() => soql(org, 'SELECT Id FROM ConnectedApplication'), (e) => e.errorCode === 'INVALID_TYPE');
  assert.throws(() => soql(org, 'SELECT Id FROM SetupEntityAccess'), (e) => e.errorCode === 'INVALID_TYPE');
});

test('the permission labels a client looks up exist in the PermissionSet describe', async () => {
  const sim = await startSimulator({ org: buildScenarioOrg('healthy') });
  const res = await client(sim).get('/services/data/v62.0/sobjects/PermissionSet/describe');
  const byLabel = Object.fromEntries(res.json.fields.map((f) => [f.label, f.name]));
  assert.equal(byLabel['API Only User'], 'PermissionsApiUserOnly');
  assert.ok(byLabel['Approve Uninstalled Connected Apps']?.startsWith('Permissions'));
  await sim.stop();
});

test('UserLicense counts the active users of its profiles', () => {
  const org = buildScenarioOrg('licences-full');
  const [lic] = soql(org, "SELECT TotalLicenses, UsedLicenses FROM UserLicense WHERE Name = 'Salesforce'").records;
  assert.equal(lic.UsedLicenses, lic.TotalLicenses);
});

test('readMetadata Profile carries loginIpRanges and loginHours; a standard profile answers by its fixed fullName', async () => {
  const sim = await startSimulator({ org: buildScenarioOrg('login-restrictions') });
  const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken: sim.accessToken, instanceUrl: sim.instanceUrl, loginUrl: sim.instanceUrl } });
  const conn = await Connection.create({ authInfo });
  conn.setApiVersion('62.0');
  const [profile, admin, byLabel] = await conn.metadata.read('Profile', ['Code42 Service Account', 'Admin', 'System Administrator']);
  assert.equal(profile.fullName, 'Code42 Service Account');
  assert.deepEqual([].concat(profile.loginIpRanges), [{ description: 'Head office', endAddress: '198.51.100.255', startAddress: '198.51.100.0' }]);
  assert.equal(profile.loginHours.mondayStart, '480');
  assert.equal(admin.fullName, 'Admin');
  assert.equal(byLabel.fullName, undefined, 'a standard profile is not found by its label');
  await sim.stop();
});

test('every fixture token carries secret values that clients must never select', () => {
  const org = buildScenarioOrg('healthy');
  const store = new Store(org);
  assert.match(org.objects.OauthToken[0].AccessToken, /^secret-/);
  assert.ok(store.schema.describe('OauthToken').fields.has('accesstoken'));
});
