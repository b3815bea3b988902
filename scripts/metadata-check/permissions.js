/*
 * Permissions in permission sets and profiles: the Code42 service account permission set and
 * profile grant exactly the permissions that code42Rules.js REQUIRED_PERMISSIONS marks
 * `inMetadata` (and the profile is a custom one on the Salesforce licence); other permission
 * sets and profiles use only permission names from a short, known list.
 */
'use strict';

const path = require('path');
const { asArray, text } = require('./xml.js');

/**
 * Permission names other permission sets and profiles (e.g. the dashboard's
 * Code42_Health_Dashboard) may use. Taken from the PermissionSet describe's Permissions* fields
 * (API v64.0), without the "Permissions" prefix. Add to it when a new permission is needed.
 */
const KNOWN_OTHER_PERMISSIONS = [
  'ApiEnabled',
  'AssignPermissionSets',
  'CustomizeApplication',
  'ExportReport',
  'FreezeUsers',
  'LightningExperienceUser',
  'ManageCustomPermissions',
  'ManageInternalUsers',
  'ManageProfilesPermissionsets',
  'ManagePvtRptsAndDashbds',
  'ManageUsers',
  'ModifyMetadata',
  'MonitorLoginHistory',
  'RunReports',
  'ViewAllData',
  'ViewAllProfiles',
  'ViewAllUsers',
  'ViewDeveloperName',
  'ViewEventLogFiles',
  'ViewHealthCheck',
  'ViewPlatformEvents',
  'ViewPublicReports',
  'ViewRoles',
  'ViewSetup',
  'ViewUserPII'
];

/** Compare a permission list with what it must be; returns messages. */
function comparePermissions(entries, expected, what) {
  const messages = [];
  const names = entries.map((p) => text(p.name));
  const seen = new Set();
  for (const p of entries) {
    const name = text(p.name);
    if (seen.has(name)) messages.push(`${what} lists permission ${name} twice.`);
    seen.add(name);
    if (!expected.includes(name)) {
      messages.push(
        `${what} grants ${name}, which is not in code42Rules.js REQUIRED_PERMISSIONS with inMetadata: true (expected exactly: ${expected.join(', ')}).`
      );
    } else if (text(p.enabled) !== 'true') {
      messages.push(`${what} lists ${name} but does not enable it (<enabled>${text(p.enabled)}</enabled>).`);
    }
  }
  for (const name of expected) {
    if (!names.includes(name)) {
      messages.push(`${what} is missing the required permission ${name} (code42Rules.js REQUIRED_PERMISSIONS).`);
    }
  }
  return messages;
}

/** The userPermissions of a PermissionSet or Profile file; other roots are not checked here. */
function checkPermissions(file, rootName, root, rules, add) {
  if (rootName !== 'PermissionSet' && rootName !== 'Profile') return;
  const requiredInMetadata = rules.REQUIRED_PERMISSIONS.filter((p) => p.inMetadata).map((p) => p.name);
  const entries = asArray(root.userPermissions);
  const fullName = path.basename(file).replace(/\.(permissionset|profile)-meta\.xml$/, '');
  const isService =
    (rootName === 'PermissionSet' && fullName === rules.SERVICE_PERMISSION_SET) ||
    (rootName === 'Profile' && fullName === rules.SERVICE_PROFILE);
  if (isService) {
    for (const m of comparePermissions(entries, requiredInMetadata, `${rootName} ${fullName}`)) add(file, m);
    if (rootName === 'Profile') {
      if (text(root.custom) !== 'true') add(file, `Profile ${fullName} must be a custom profile (<custom>true</custom>).`);
      if (text(root.userLicense) !== 'Salesforce') {
        add(file, `Profile ${fullName} must use the Salesforce user licence (<userLicense>Salesforce</userLicense>); Code42's service account needs one.`);
      }
    }
  } else {
    for (const p of entries) {
      const name = text(p.name);
      if (!KNOWN_OTHER_PERMISSIONS.includes(name)) {
        add(file, `Unknown permission name ${name} (not in the known list in scripts/metadata-check/permissions.js).`);
      }
    }
  }
}

module.exports = { KNOWN_OTHER_PERMISSIONS, checkPermissions };
