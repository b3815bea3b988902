/*
 * GENERATED FILE: do not edit. Built from packages/rules/src (the @code42-companion/rules
 * package, the one source of truth) by packages/rules/scripts/lwc-bundle.mjs.
 * Change the package and run `npm run generate:rules-bundle`.
 */
/**
 * The Facts structure (FACTS_VERSION 1). Every key is optional: a missing or null value means
 * "could not be read", and facts.unavailable[key] says why (the rule then answers `skip`).
 *
 * {
 *   factsVersion: 1,
 *   source: 'cli' | 'org',
 *   collectedAt: ISO-8601 string,
 *   org: { id, name, edition (Organization.OrganizationType), isSandbox, instanceUrl },
 *   eventMonitoring: { available: boolean, evidence: string },
 *   streams: { LoginEventStream: boolean, LogoutEventStream: boolean, ReportEventStream: boolean },
 *   serviceUserSelection: { requested?: string (the --service-user value) },
 *   serviceUsers: [{
 *     id (18 chars), username, name, email, isActive, profileName, licenseName, lastLoginDate,
 *     isFrozen: boolean|null, isPasswordLocked: boolean|null,
 *     loginsLastHour: number|null, loginRateExceeded: boolean|null,
 *     permissionGrants: { [permissionApiName]: [{ type: 'profile'|'permissionSet'|'permissionSetGroup', name }] } | null (null: could not be read; facts.unavailable.permissions says why),
 *     unknownPermissions: [permissionApiName]   // not exposed by this org's API
 *   }],
 *   holders: { totalCount: number (active holders in the org), inScopeCount: number },
 *   scope: { mode: 'all'|'users'|'groups', entries: number, unmatched: [{ row, value }] },
 *   sessions: { inScopeUsersWithSessions: number },
 *   limits: { dailyApiRequests: { max, remaining } },
 *   insufficientAccess: { logFilesLast7Days: number },  // Insufficient Access event log files of the last 7 days, counted, never downloaded (the dashboard; the CLI's access-errors reads them)
 *   permissionApiNames: { [permissionKey]: 'PermissionsX' }  // REQUIRED_PERMISSIONS with findByLabel: the field found by its describe label
 *   connection: {                       // the authorization step and its evidence (see CONNECTION_CHECKS)
 *     apps: [{ id, name, adminApprovedOnly: boolean|null, admitted: [{ type: 'profile'|'permissionSet', name }] | null }] | null,
 *                                       // Code42's connected apps INSTALLED in the org (ConnectedApplication); null: could not be read
 *     approvePermission: { field, label } | null,  // the "Approve Uninstalled Connected Apps" permission, found by its describe label; null: this org's API has none
 *     tokens: [{ appName, userId, createdDate, lastUsedDate, useCount }] | null,  // Code42's OauthToken rows (never the token values)
 *     salesforceLicence: { name, total, used } | null,  // UserLicense "Salesforce"
 *     users: { [serviceUserId]: { apiOnly: boolean|null, approveUninstalled: boolean|null,
 *              permissionSetNames: [name] | null, loginIpRanges: [{ start, end, description }] | null,
 *              loginHours: { [day]: { start, end } } | null } }
 *   },
 *   unavailable: { [factKey]: 'reason an admin can act on' }  // hidden from the running user: hiddenFromRunningUser(key)
 * }
 * org may also carry myDomain (the My Domain host Code42's Step 3 asks for, e.g. acme.my.salesforce.com).
 */

/** Version of the Facts structure that evaluateChecks() understands. */
const FACTS_VERSION = 1;

/** API names of the metadata this project deploys (see force-app/main/default). */
const SERVICE_PERMISSION_SET = "Code42_Service_Account";
const SERVICE_PROFILE = "Code42 Service Account";
const DASHBOARD_PERMISSION_SET = "Code42_Health_Dashboard";

/**
 * The permissions the Code42 service account needs.
 * `name` is the API name: `PermissionSet.Permissions<name>` in SOQL and
 * `<userPermissions><name>` in metadata XML.
 * `confidence` is 'confirmed' when the vendor's text names it, 'unconfirmed' when nobody
 * could check it in a real org (a missing unconfirmed permission is a warning, not a failure).
 * `impliedBy` names a permission that Salesforce turns on together with this one.
 * `inMetadata` says whether the deployable Code42_Service_Account permission set and the
 * "Code42 Service Account" profile grant it. The unconfirmed ones are left out on purpose: a
 * permission name an org does not know makes the whole deploy fail (View Real-Time Event
 * Monitoring Data exists only with the Event Monitoring / Shield add-on, and its API name is
 * itself unconfirmed), and a guessed extra grant is not least privilege. Admins grant those
 * by hand; the preflight and the dashboard warn while they are missing.
 * scripts/metadata-check enforces that the metadata grants exactly the `inMetadata` entries.
 */
const REQUIRED_PERMISSIONS = [
  {
    name: "ApiEnabled",
    label: "API Enabled",
    confidence: "confirmed",
    inMetadata: true,
    why: "Code42 reads events and users through the Salesforce API."
  },
  {
    name: "CustomizeApplication",
    label: "Customize Application",
    confidence: "confirmed",
    inMetadata: true,
    why: "Code42 reads the Event Manager streaming settings."
  },
  {
    name: "ViewSetup",
    label: "View Setup and Configuration",
    confidence: "confirmed",
    inMetadata: true,
    impliedBy: "CustomizeApplication",
    why: "Required by Customize Application."
  },
  {
    name: "ViewRoles",
    label: "View Roles and Role Hierarchy",
    confidence: "confirmed",
    inMetadata: true,
    impliedBy: "CustomizeApplication",
    why: "Required by Customize Application; Code42 follows roles in group scope."
  },
  {
    name: "ManageCustomPermissions",
    label: "Manage Custom Permissions",
    confidence: "confirmed",
    inMetadata: true,
    impliedBy: "CustomizeApplication",
    why: "Required by Customize Application."
  },
  {
    // Required: Code42, "Configure Salesforce for the Code42 data connection": only the Shield /
    // Event Monitoring subscriptions "include the View Real-time Event Monitoring Data permission
    // required to collect information about reports downloaded"; Salesforce's LoginEventStream and
    // ReportEventStream references: "Accessing this object requires ... the View Real-Time Event
    // Monitoring Data user permission". Its API name is in no Salesforce page we found, so `name`
    // is only this entry's key: `findByLabel` makes gatherers use the permission field whose
    // describe label is `label`, and show the name they found. Not in the deployable metadata,
    // because an unknown permission name fails the whole deploy.
    name: "ViewRealTimeEventMonitoringData",
    label: "View Real-Time Event Monitoring Data",
    confidence: "confirmed",
    findByLabel: true,
    inMetadata: false,
    why: "Code42 subscribes to the Login, Logout and Report event streams, which need it."
  },
  {
    // "Manage All Private Reports and Dashboards" is PermissionsManagePvtRptsAndDashbds in the
    // PermissionSet describe (ManageReportsInPubFolders is "Manage Reports in Public Folders").
    name: "ManagePvtRptsAndDashbds",
    label: "Manage All Private Reports and Dashboards",
    confidence: "unconfirmed",
    inMetadata: false,
    why: "Listed in the vendor permission table; exact need UNCONFIRMED."
  }
];

/** The REQUIRED_PERMISSIONS entry for View Real-Time Event Monitoring Data (found by its label). */
const VRTEM_PERMISSION = REQUIRED_PERMISSIONS.find((p) => p.findByLabel);

/** The permission that makes a user monitored by Code42 ("Report export"). */
const EXPORT_REPORT_PERMISSION = "ExportReport";

/**
 * Describe labels of PermissionSet fields this project finds at run time instead of hard-coding
 * an API name. "Approve Uninstalled Connected Apps" is new in 2025 (Salesforce help 005132365) and
 * its API name is unpublished; "API Only User" is PermissionsApiUserOnly in the v64.0 describe.
 */
const PERMISSION_LABELS = {
  approveUninstalled: "Approve Uninstalled Connected Apps",
  apiOnly: "API Only User"
};

/** Licences that cannot complete an interactive login (the Code42 authorization is one). */
const API_ONLY_LICENCES = ["Salesforce Integration"];

/**
 * What the user RUNNING the preflight or the dashboard needs to see each fact. Salesforce answers
 * an object the user may not see as if it did not exist (describe NOT_FOUND, query INVALID_TYPE),
 * so a gatherer that gets such an answer for these reads says "hidden from you" and names the
 * permission, instead of reporting an absence in the org. Sources (Salesforce Object Reference /
 * Metadata API Developer Guide): AuthSession "users must have the Manage Users permission";
 * UserLogin: Manage Users; LoginHistory: Manage Users (or Monitor Login History); EventLogFile
 * "requires View Event Log Files and API Enabled"; readMetadata "must be logged in with the Modify
 * All Data or Modify Metadata Through Metadata API Functions permission"; ReportEvent /
 * ReportEventStream: the add-on "and the View Real-Time Event Monitoring Data user permission".
 */
const RUNNING_USER_NEEDS = {
  eventMonitoring: {
    what: "ReportEvent and ReportEventStream",
    plural: true,
    permissions: [VRTEM_PERMISSION.label]
  },
  userLogin: {
    what: "UserLogin (frozen and locked state)",
    permissions: ["Manage Users"]
  },
  loginHistory: {
    what: "LoginHistory",
    permissions: ["Manage Users", "Monitor Login History"]
  },
  sessions: {
    what: "AuthSession (active sessions)",
    permissions: ["Manage Users"]
  },
  streams: {
    what: "The Event Manager settings (Metadata API readMetadata of RealTimeEventSettings)",
    permissions: [
      "Modify All Data",
      "Modify Metadata Through Metadata API Functions"
    ]
  },
  eventLogFiles: {
    what: "EventLogFile (Insufficient Access event log files)",
    permissions: ["View Event Log Files"]
  }
};

/**
 * The reason for a fact hidden from the running user: what is hidden, the permission that user
 * needs, and where to grant it. `key` is a RUNNING_USER_NEEDS key; `detail` an optional suffix.
 */
function hiddenFromRunningUser(key, detail) {
  const need = RUNNING_USER_NEEDS[key];
  if (!need) throw new Error(`Unknown running-user need: ${key}`);
  const perms = need.permissions.map((p) => `"${p}"`).join(" or ");
  return (
    `${need.what} ${need.plural ? "are" : "is"} hidden from the user running this check, so it says nothing about the org. ` +
    `That user needs ${perms}: grant it in Setup > Users > Permission Sets (a permission set with that system permission, assigned to that user), or on that user's profile, then run again.` +
    (detail ? ` ${detail}` : "")
  );
}

/**
 * Salesforce editions (Organization.OrganizationType) that can have Real-Time Event
 * Monitoring. "Performance Edition" is UNCONFIRMED as a value.
 */
const SUPPORTED_EDITIONS = [
  "Enterprise Edition",
  "Unlimited Edition",
  "Performance Edition",
  "Developer Edition"
];

/** The three event streams Code42 needs, as RealTimeEventSettings entity names. */
const REQUIRED_STREAMS = [
  {
    checkId: "stream-login-event",
    entityName: "LoginEventStream",
    label: "Login Event"
  },
  {
    checkId: "stream-logout-event",
    entityName: "LogoutEventStream",
    label: "Logout Event"
  },
  {
    checkId: "stream-report-event",
    entityName: "ReportEventStream",
    label: "Report Event"
  }
];

/**
 * Entities whose presence proves the Event Monitoring (or Shield) add-on. An org without the
 * add-on answers INVALID_TYPE for them.
 */
const EVENT_MONITORING_ENTITIES = ["ReportEvent", "ReportEventStream"];

/**
 * How Code42's connected app is recognised in ConnectedApplication.Name and OauthToken.AppName
 * (case-insensitive substrings). UNCONFIRMED: Code42 does not publish its connected app's name;
 * check Setup > Connected Apps OAuth Usage after the first authorization.
 */
const CODE42_APP_NAME_PATTERNS = ["code42", "incydr"];

const THRESHOLDS = {
  /** Salesforce blocks a user's logins above this many per hour (help article 000381578). */
  loginsPerHourLimit: 3600,
  /** Warn when the last hour's logins reach this share of the limit. */
  loginsPerHourWarnRatio: 0.8,
  /** Code42 accepts at most this many entries in a scoping CSV. */
  maxScopeEntries: 1000,
  /** Warn when the org's remaining daily API requests fall below this share. */
  apiRemainingWarnRatio: 0.1,
  /** Fail when fewer than this many daily API requests remain. */
  apiRemainingFailAbsolute: 100,
  /** Code42 re-checks and clears connection errors within this many minutes. */
  code42RecheckMinutes: 20,
  /**
   * Warn when Code42's OAuth token has not been used for this many days. Code42 reads the event
   * streams continuously, so a week without use means it stopped or lost access. Our choice:
   * Code42 publishes no figure.
   */
  oauthTokenUnusedDays: 7
};

/** Setup pages named by the vendor's steps (Lightning Experience paths). */
const SETUP_LINKS = {
  users: {
    label: "Setup > Users > Users",
    path: "/lightning/setup/ManageUsers/home"
  },
  permissionSets: {
    label: "Setup > Users > Permission Sets",
    path: "/lightning/setup/PermSets/home"
  },
  profiles: {
    label: "Setup > Users > Profiles",
    path: "/lightning/setup/EnhancedProfiles/home"
  },
  eventManager: {
    label: "Setup > Event Monitoring > Event Manager",
    path: "/lightning/setup/EventManager/home"
  },
  companyInformation: {
    label: "Setup > Company Settings > Company Information",
    path: "/lightning/setup/CompanyProfileInfo/home"
  },
  sessionManagement: {
    label: "Setup > Security > Session Management",
    path: "/lightning/setup/SessionManagementPage/home"
  },
  loginHistory: {
    label: "Setup > Users > Login History",
    path: "/lightning/setup/OrgLoginHistory/home"
  },
  systemOverview: {
    label: "Setup > System Overview",
    path: "/lightning/setup/SystemOverview/home"
  },
  publicGroups: {
    label: "Setup > Users > Public Groups",
    path: "/lightning/setup/PublicGroups/home"
  },
  // The Lightning path of Connected Apps OAuth Usage is UNCONFIRMED (no org to open it in).
  connectedAppsOAuthUsage: {
    label: "Setup > Apps > Connected Apps > Connected Apps OAuth Usage",
    path: "/lightning/setup/ConnectedAppsUsage/home"
  },
  companyInformationLicences: {
    label: "Setup > Company Settings > Company Information (User Licenses)",
    path: "/lightning/setup/CompanyProfileInfo/home"
  }
};

const SETUP_STEPS_TO_USERS = [
  "Log into Salesforce using your administrator account.",
  "If needed, navigate to Setup: in Lightning Experience, click the Setup icon in the upper-right corner of the screen, then select Setup.",
  "Navigate to Users: under Administration, go to Users > Users."
];

/**
 * Code42's own error messages, word for word (resolve-service-account-errors). They are quotes, so
 * the number in `clearsWithin` is Code42's and stays literal; a rules test ties it to
 * THRESHOLDS.code42RecheckMinutes.
 */
const VENDOR_MESSAGES = {
  deactivated:
    "The Salesforce service account user that authorized this data connection has been deactivated. Reactivate the user account to return this data connection to monitoring.",
  frozen:
    "The Salesforce service account user that authorized this data connection has been frozen. Unfreeze the user account to return this data connection to monitoring.",
  permissions:
    "The Salesforce profile for the service account user that authorized this data connection does not have the correct permissions. Verify the profile's permissions to return this data connection to monitoring.",
  clearsWithin:
    "Code42 detects the change, automatically clears the error, and returns the connection to the Monitoring status within 20 minutes."
};

/** Human count with a thousands separator, identical in Node and the browser. */
function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function plural(n, one, many) {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * The check catalogue. Ids are stable: scripts and pipelines depend on them.
 * `scope`: 'org' checks need no service user; 'service-user' checks run once per service user.
 * `setupLink` is a key of SETUP_LINKS. `remediation` is the list of steps for warn and fail.
 */
const CHECKS = [
  {
    id: "org-edition",
    title: "Salesforce edition supports Real-Time Event Monitoring",
    setupLink: "companyInformation",
    remediation: [
      "Real-Time Event Monitoring exists in Enterprise, Unlimited, Performance and Developer editions.",
      "Ask your Salesforce account executive about upgrading the edition, or connect Code42 to an org of a supported edition."
    ]
  },
  {
    id: "event-monitoring-addon",
    title: "Event Monitoring or Shield add-on",
    setupLink: "eventManager",
    remediation: [
      'Code42 needs the Salesforce Shield or Event Monitoring add-on subscription, which brings Real-Time Event Monitoring and the "View Real-Time Event Monitoring Data" permission.',
      "Contact your Salesforce account executive to add the subscription, then run the preflight again."
    ]
  },
  ...REQUIRED_STREAMS.map((stream) => ({
    id: stream.checkId,
    title: `${stream.label} streaming is enabled`,
    setupLink: "eventManager",
    entityName: stream.entityName,
    remediation: [
      `In Setup, open Event Manager (Event Monitoring > Event Manager), find "${stream.label}" and choose "Enable Streaming" from its row menu.`,
      "Or deploy force-app/main/default/settings/RealTimeEvent.settings-meta.xml from this project with `sf project deploy start`, which enables all three streams Code42 needs.",
      "If any of Login Event, Logout Event or Report Event is not streaming, the Code42 connection goes to Error."
    ]
  })),
  {
    id: "service-user",
    title: "Code42 service account user is identified",
    setupLink: "permissionSets",
    remediation: [
      "Create a dedicated user that holds a Salesforce user licence for the Code42 connection.",
      `Assign it the "${SERVICE_PERMISSION_SET}" permission set deployed by this project (Setup > Users > Permission Sets > Code42 Service Account > Manage Assignments), or the "${SERVICE_PROFILE}" profile.`,
      "Or name it on the command line: sf code42 preflight --service-user <username>."
    ]
  },
  {
    id: "service-user-active",
    title: "Service account user is active",
    setupLink: "users",
    vendorMessage: "deactivated",
    remediation: [
      ...SETUP_STEPS_TO_USERS,
      "Locate the Code42 service account user in the list. The Active checkbox is cleared, indicating that this user is deactivated.",
      "Click Edit.",
      "In the user's General Information section, select Active to reactivate the user and then click Save.",
      // Code42's words (resolve-service-account-errors), so the number stays literal.
      "Code42 detects the reactivation, automatically clears the error, and returns the connection to the Monitoring status within 20 minutes."
    ]
  },
  {
    id: "service-user-not-frozen",
    title: "Service account user is not frozen or locked",
    setupLink: "users",
    vendorMessage: "frozen",
    remediation: [
      ...SETUP_STEPS_TO_USERS,
      "Locate the Code42 service account user in the list.",
      "Click Edit.",
      "Click Unfreeze at the top of the screen to unfreeze that user. If the user is locked out by failed password attempts, click Unlock instead.",
      VENDOR_MESSAGES.clearsWithin
    ]
  },
  {
    id: "service-user-login-rate",
    title: "Service account user is under the hourly login limit",
    setupLink: "loginHistory",
    remediation: [
      `Salesforce blocks a user who logs in more than ${formatCount(THRESHOLDS.loginsPerHourLimit)} times in an hour and records LOGIN_RATE_EXCEEDED in Login History. Code42 reports this as "frozen".`,
      "Use the Code42 service account only for the Code42 connection: move other integrations to their own users.",
      "The block lifts by itself within the hour, when the hourly login quota resets."
    ]
  },
  {
    id: "service-user-permissions",
    title: "Service account user has the permissions Code42 needs",
    setupLink: "permissionSets",
    vendorMessage: "permissions",
    remediation: [
      `Assign the "${SERVICE_PERMISSION_SET}" permission set from this project to the service account user (Setup > Users > Permission Sets > Code42 Service Account > Manage Assignments > Add Assignment).`,
      "Or grant the missing permissions on the service account's profile (Setup > Users > Profiles > the profile > System Permissions).",
      'View Real-Time Event Monitoring Data is granted by hand (Salesforce does not publish its API name, so this project cannot deploy it): Setup > Users > Permission Sets > Code42 Service Account > System Permissions > Edit, select "View Real-Time Event Monitoring Data", Save. It exists only in orgs with the Event Monitoring or Shield add-on.',
      VENDOR_MESSAGES.clearsWithin
    ]
  },
  {
    id: "report-export-holders",
    title: 'Users in scope hold "Export Reports"',
    setupLink: "permissionSets",
    remediation: [
      'Code42 only monitors users that are in scope and have the "Export Reports" permission ("Report export" in Code42\'s articles).',
      "Check the scope you will choose in Code42 (all users, a users CSV or a groups CSV), and grant Export Reports through a profile, permission set or permission set group to the users who export reports."
    ]
  },
  {
    id: "scope-entries",
    title: "Scoping CSV matches users or groups",
    setupLink: "publicGroups",
    remediation: [
      `Code42 accepts at most ${formatCount(THRESHOLDS.maxScopeEntries)} entries in a scoping CSV, and a new upload replaces the previous list.`,
      "Correct or remove the rows listed: users are matched by username, email or 15/18-character Id; groups by public group Name, DeveloperName or Id."
    ]
  },
  {
    id: "active-sessions",
    title: "In-scope users will be recognized at their next login",
    setupLink: "sessionManagement",
    remediation: [
      "Code42 cannot collect usernames from users who are already logged in when the connection is authorized; it learns them when they log out and log back in.",
      "To start collecting usernames immediately, remove their sessions in Setup > Security > Session Management (select the sessions and click Remove), which forces a new login."
    ]
  },
  {
    id: "api-limits",
    title: "Daily API requests remain",
    setupLink: "systemOverview",
    remediation: [
      "The org's daily API allowance is shared by every integration, Code42 included.",
      "Find the integrations that use most requests (Setup > System Overview, or the API Usage report), reduce them, or ask Salesforce for a higher limit."
    ]
  },
  // ---- Authorization and connection evidence (issue 12): evaluated by evaluateConnection() ----
  {
    id: "connected-app-access",
    title: "Service account user may authorize Code42's connected app",
    setupLink: "connectedAppsOAuthUsage",
    remediation: [
      'Since September 2025 Salesforce blocks uninstalled connected apps: only a user with the "Approve Uninstalled Connected Apps" permission may authorize one (Salesforce help 005132365). Without it the authorization ends in OAUTH_APPROVAL_ERROR_GENERIC ("app must be installed into org").',
      "The Connected Apps OAuth Usage page lists only apps that have been used, so Code42's app can be installed only after a first authorization. In this order:",
      'Step 1: grant "Approve Uninstalled Connected Apps" to the service account user for the first authorization (Setup > Users > Permission Sets > Code42 Service Account > System Permissions, or a separate permission set you can remove later).',
      "Step 2: authorize the connection in Code42 (Step 3 of Connect Code42 to Salesforce) as the service account user.",
      "Step 3: in Setup > Apps > Connected Apps > Connected Apps OAuth Usage, find Code42's app and click Install.",
      'Step 4: in Setup > Apps > Connected Apps > Manage Connected Apps, edit the app, set Permitted Users to "Admin approved users are pre-authorized", and admit the service account user through the Code42_Service_Account permission set (its Assigned Connected Apps), the least-privilege way.',
      'Step 5: remove "Approve Uninstalled Connected Apps" from the service account user. From the week of 8 December 2025, in orgs that allow only allowlisted connected apps, "Use Any API Client" no longer lets a user self-authorize an uninstalled app either (Salesforce help 005228838).'
    ]
  },
  {
    id: "code42-authorization",
    title: "Code42's authorization is in use (OAuth token)",
    setupLink: "connectedAppsOAuthUsage",
    remediation: [
      "The service account user's OAuth token for Code42's app is the only evidence inside Salesforce that Code42 is connected and still using its authorization.",
      "In the Code42 console (Administration > Integrations > Data Connections), open the Salesforce connection and check its status; if it shows an error, resolve it, or authorize the connection again as the service account user.",
      "If Code42 was authorized by another user, authorize it again as the dedicated service account user: Code42 acts as the user that authorized it."
    ]
  },
  {
    id: "service-user-licence",
    title: "A Salesforce licence seat for the service account",
    setupLink: "companyInformationLicences",
    remediation: [
      "Code42 connects to your environment using a service account that requires one of your Salesforce user licenses. To free up a Salesforce license, you may need to reassign a user to a profile that uses a different license, or contact Salesforce to increase your license count.",
      "An API-only licence such as Salesforce Integration cannot sign in on the Salesforce login page, so it cannot complete Code42's authorization: give the service account a profile with the Salesforce licence."
    ]
  },
  {
    id: "service-user-login-access",
    title: "Service account user can log in and be reached",
    setupLink: "profiles",
    remediation: [
      "API Only User: \"Users with this permission can only access Salesforce through the API\" and cannot sign in on the login page that Code42's authorization opens. Remove it from the service account's profile and permission sets (Setup > Users > Profiles > the profile > System Permissions).",
      "Login IP Ranges: a profile with ranges refuses logins and API calls from other addresses. Code42's servers must fall inside them (Setup > Users > Profiles > the profile > Login IP Ranges); ask Code42 support for its addresses, or remove the ranges.",
      "Login Hours: outside the profile's login hours Salesforce refuses logins and ends sessions, and Code42 stops receiving data. Clear them (Setup > Users > Profiles > the profile > Login Hours)."
    ]
  }
];

const CHECK_BY_ID = Object.fromEntries(CHECKS.map((c) => [c.id, c]));

/** The catalogue entry for an id; throws on an unknown id (a programming error). */
function checkDefinition(id) {
  const def = CHECK_BY_ID[id];
  if (!def) {
    throw new Error(`Unknown check id: ${id}`);
  }
  return def;
}

/** The 32 characters of an 18-character Id's suffix: each encodes the case of 5 characters. */
const ID18_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/** Convert a 15-character Salesforce Id into its 18-character case-safe form. */
function toId18(id) {
  if (typeof id !== "string") return id;
  if (id.length === 18) return id;
  if (id.length !== 15) return id;
  let suffix = "";
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id.charAt(block * 5 + i);
      if (ch >= "A" && ch <= "Z") bits |= 1 << i;
    }
    suffix += ID18_SUFFIX_ALPHABET.charAt(bits);
  }
  return id + suffix;
}

function result(id, status, message, extra) {
  const def = checkDefinition(id);
  const link = def.setupLink ? SETUP_LINKS[def.setupLink] : undefined;
  return {
    id,
    title: def.title,
    status,
    message,
    remediation:
      status === "warn" || status === "fail" ? def.remediation.slice() : [],
    setupLink: link ? { ...link } : undefined,
    ...(extra || {})
  };
}

function isUnknown(value) {
  return value === null || value === undefined;
}

// ---------------------------------------------------------------------------------------
// Individual rules. Each takes the part of the Facts it needs and returns one result.
// A fact that is `null`/`undefined` could not be read: the rule answers `skip` with the
// reason recorded in facts.unavailable[key] when there is one.
// ---------------------------------------------------------------------------------------

function reasonFor(facts, key, fallback) {
  return (facts.unavailable && facts.unavailable[key]) || fallback;
}

function userLabel(user) {
  return user.username || user.name || user.id;
}

/** With several candidate service users, say which ones a vendor message is about. */
function withUsers(message, concerned, all) {
  return all.length > 1
    ? `${message} (${concerned.map(userLabel).join(", ")})`
    : message;
}

function evaluateEdition(facts) {
  const org = facts.org;
  if (!org || isUnknown(org.edition)) {
    return result(
      "org-edition",
      "skip",
      reasonFor(facts, "org", "The org edition could not be read.")
    );
  }
  if (SUPPORTED_EDITIONS.includes(org.edition)) {
    return result(
      "org-edition",
      "pass",
      `${org.edition} supports Real-Time Event Monitoring.`
    );
  }
  return result(
    "org-edition",
    "fail",
    `${org.edition} cannot have Real-Time Event Monitoring, which Code42 needs. Supported: ${SUPPORTED_EDITIONS.join(", ")}.`
  );
}

function evaluateAddon(facts) {
  const em = facts.eventMonitoring;
  if (!em || isUnknown(em.available)) {
    return result(
      "event-monitoring-addon",
      "skip",
      reasonFor(
        facts,
        "eventMonitoring",
        "Whether the Event Monitoring add-on is present could not be read."
      )
    );
  }
  if (em.available) {
    return result(
      "event-monitoring-addon",
      "pass",
      `Event Monitoring is available${em.evidence ? ` (${em.evidence})` : ""}.`
    );
  }
  return result(
    "event-monitoring-addon",
    "fail",
    `This org has no Event Monitoring or Shield subscription${em.evidence ? ` (${em.evidence})` : ""}. Code42 cannot receive report export events without it.`
  );
}

function evaluateStreams(facts) {
  return REQUIRED_STREAMS.map((stream) => {
    const streams = facts.streams;
    if (!streams || isUnknown(streams[stream.entityName])) {
      return result(
        stream.checkId,
        "skip",
        reasonFor(
          facts,
          "streams",
          `Whether ${stream.label} streaming is enabled could not be read.`
        )
      );
    }
    if (streams[stream.entityName] === true) {
      return result(
        stream.checkId,
        "pass",
        `${stream.label} streaming is enabled (${stream.entityName}).`
      );
    }
    return result(
      stream.checkId,
      "fail",
      `${stream.label} streaming is not enabled (${stream.entityName}). Code42 monitoring requires that streaming of this event is enabled in the Salesforce Event Manager; without it the connection goes to Error.`
    );
  });
}

function evaluateActive(users) {
  const inactive = users.filter((u) => u.isActive === false);
  if (inactive.length === 0) {
    return result(
      "service-user-active",
      "pass",
      `${users.map(userLabel).join(", ")} is active.`
    );
  }
  return result(
    "service-user-active",
    "fail",
    withUsers(VENDOR_MESSAGES.deactivated, inactive, users),
    {
      users: inactive.map(userLabel)
    }
  );
}

function evaluateFrozen(users, facts) {
  const unknown = users.filter((u) => isUnknown(u.isFrozen));
  if (unknown.length === users.length) {
    return result(
      "service-user-not-frozen",
      "skip",
      reasonFor(
        facts,
        "userLogin",
        "Frozen and locked state could not be read (UserLogin needs the Manage Users permission)."
      )
    );
  }
  const frozen = users.filter((u) => u.isFrozen === true);
  const locked = users.filter((u) => u.isPasswordLocked === true);
  if (frozen.length > 0) {
    return result(
      "service-user-not-frozen",
      "fail",
      withUsers(VENDOR_MESSAGES.frozen, frozen, users),
      {
        users: frozen.map(userLabel)
      }
    );
  }
  if (locked.length > 0) {
    return result(
      "service-user-not-frozen",
      "fail",
      `The service account user ${locked.map(userLabel).join(", ")} is locked out after too many failed password attempts. It cannot log in until an administrator unlocks it or the lockout period ends.`,
      { users: locked.map(userLabel) }
    );
  }
  return result(
    "service-user-not-frozen",
    "pass",
    "The service account user is neither frozen nor locked."
  );
}

/**
 * Login History is a lower bound: a login-rate block is recorded as LOGIN_RATE_EXCEEDED
 * (knowledge article 000381578) or with the Status text "Login Rate Exceeded" (article
 * 000233559), and Salesforce no longer writes a row for every blocked attempt, so counts are
 * worded "at least". Gatherers match both spellings (LOGIN_RATE_STATUS).
 */
const LOGIN_RATE_STATUS = /login[\s_-]*rate[\s_-]*exceeded/i;

/**
 * One user's standing against Salesforce's hourly login limit:
 * 'unknown' (Login History unreadable), 'exceeded' (LOGIN_RATE_EXCEEDED recorded, or at the
 * limit), 'near' (at or above the warning share of it) or 'ok'.
 */
function loginRateState(user) {
  if (isUnknown(user.loginsLastHour)) return "unknown";
  const limit = THRESHOLDS.loginsPerHourLimit;
  if (user.loginRateExceeded === true || user.loginsLastHour >= limit)
    return "exceeded";
  if (
    user.loginsLastHour >= Math.ceil(limit * THRESHOLDS.loginsPerHourWarnRatio)
  )
    return "near";
  return "ok";
}

function evaluateLoginRate(users, facts) {
  const known = users.filter((u) => loginRateState(u) !== "unknown");
  if (known.length === 0) {
    return result(
      "service-user-login-rate",
      "skip",
      reasonFor(facts, "loginHistory", "Login History could not be read.")
    );
  }
  const limit = THRESHOLDS.loginsPerHourLimit;
  const exceeded = known.filter((u) => loginRateState(u) === "exceeded");
  const worst = known.reduce((a, b) => {
    return b.loginsLastHour > a.loginsLastHour ? b : a;
  });
  if (exceeded.length > 0) {
    return result(
      "service-user-login-rate",
      "fail",
      `${exceeded.map(userLabel).join(", ")} hit Salesforce's limit of ${formatCount(limit)} logins per hour (LOGIN_RATE_EXCEEDED, "Login Rate Exceeded" in Login History; at least ${formatCount(worst.loginsLastHour)} logins recorded in the last hour). Salesforce blocks further logins until the hour resets; Code42 shows this as "frozen".`,
      {
        users: exceeded.map(userLabel),
        loginsLastHour: worst.loginsLastHour,
        limit
      }
    );
  }
  if (loginRateState(worst) === "near") {
    return result(
      "service-user-login-rate",
      "warn",
      `${userLabel(worst)} logged in at least ${formatCount(worst.loginsLastHour)} times in the last hour, close to Salesforce's limit of ${formatCount(limit)}.`,
      { users: [userLabel(worst)], loginsLastHour: worst.loginsLastHour, limit }
    );
  }
  return result(
    "service-user-login-rate",
    "pass",
    `At least ${formatCount(worst.loginsLastHour)} of ${formatCount(limit)} logins used in the last hour.`,
    { loginsLastHour: worst.loginsLastHour, limit }
  );
}

/**
 * Which required permissions a user has, and where from.
 * user.permissionGrants: { [permissionName]: [{ type: 'profile'|'permissionSet'|'permissionSetGroup', name }] }
 * A permission absent from the map, or with an empty list, is missing. When the org does not
 * expose a permission at all, gatherers list it in user.unknownPermissions.
 */
function permissionStatus(user) {
  const grants = user.permissionGrants || {};
  const unknown = new Set(user.unknownPermissions || []);
  return REQUIRED_PERMISSIONS.map((perm) => {
    const sources = grants[perm.name] || [];
    let state = sources.length > 0 ? "granted" : "missing";
    if (state === "missing" && unknown.has(perm.name)) state = "unknown";
    return { ...perm, state, sources };
  });
}

function evaluatePermissions(users, facts) {
  // permissionGrants === null means the grants could not be read (not "none granted").
  if (users.every((u) => u.permissionGrants === null)) {
    return result(
      "service-user-permissions",
      "skip",
      reasonFor(
        facts || {},
        "permissions",
        "The service account user's permissions could not be read."
      )
    );
  }
  const missingConfirmed = [];
  const missingUnconfirmed = [];
  const uncheckedConfirmed = [];
  const found = (facts && facts.permissionApiNames) || {};
  for (const user of users) {
    for (const perm of permissionStatus(user)) {
      const entry = {
        user: userLabel(user),
        name: perm.name,
        label: perm.label,
        ...(found[perm.name] ? { apiName: found[perm.name] } : {})
      };
      if (perm.state === "unknown" && perm.confidence === "confirmed") {
        uncheckedConfirmed.push(entry);
      }
      if (perm.state !== "missing") continue;
      (perm.confidence === "confirmed"
        ? missingConfirmed
        : missingUnconfirmed
      ).push(entry);
    }
  }
  // A permission found by its label shows the API name this org gave it.
  const nameOf = (m) => {
    if (m.apiName) return `API name ${m.apiName}, found by its label`;
    const byLabel = REQUIRED_PERMISSIONS.some(
      (p) => p.name === m.name && p.findByLabel
    );
    return byLabel ? "no permission field with this label in this org" : m.name;
  };
  const describe = (list) =>
    list
      .map((m) => `${m.label} (${nameOf(m)})`)
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(", ");
  if (missingConfirmed.length > 0) {
    return result(
      "service-user-permissions",
      "fail",
      `${VENDOR_MESSAGES.permissions} Missing: ${describe(missingConfirmed)}.`,
      { missing: [...missingConfirmed, ...missingUnconfirmed] }
    );
  }
  if (uncheckedConfirmed.length > 0) {
    return result(
      "service-user-permissions",
      "warn",
      `Could not check ${describe(uncheckedConfirmed)}: the PermissionSet describe has no such permission field (the org has no Event Monitoring / Shield add-on, or the describe labels are not in English).`,
      { missing: missingUnconfirmed, unchecked: uncheckedConfirmed }
    );
  }
  if (missingUnconfirmed.length > 0) {
    return result(
      "service-user-permissions",
      "warn",
      `The service account user lacks permissions Code42 probably needs (not confirmed by the vendor): ${describe(missingUnconfirmed)}.`,
      { missing: missingUnconfirmed }
    );
  }
  const foundByLabel = REQUIRED_PERMISSIONS.filter(
    (p) => p.findByLabel && found[p.name]
  )
    .map((p) => `${p.label}: ${found[p.name]}, found by its label`)
    .join("; ");
  return result(
    "service-user-permissions",
    "pass",
    `Every required permission is granted${foundByLabel ? ` (${foundByLabel})` : ""}.`,
    { missing: [] }
  );
}

/**
 * Service-user checks. With several service users, each rule reports the worst user and
 * names every user it concerns.
 */
function evaluateServiceUsers(facts) {
  const users = facts.serviceUsers;
  const selection = facts.serviceUserSelection || {};
  const dependent = [
    "service-user-active",
    "service-user-not-frozen",
    "service-user-login-rate",
    "service-user-permissions"
  ];
  if (!Array.isArray(users)) {
    const why = reasonFor(
      facts,
      "serviceUsers",
      "The service account user could not be read."
    );
    return [
      result("service-user", "skip", why),
      ...dependent.map((id) => result(id, "skip", why))
    ];
  }
  if (users.length === 0) {
    const message = selection.requested
      ? `No user with the username or Id "${selection.requested}" exists in this org.`
      : `No user is assigned the "${SERVICE_PERMISSION_SET}" permission set or the "${SERVICE_PROFILE}" profile, so the Code42 service account could not be found.`;
    const skipWhy = "No service account user to check.";
    return [
      result("service-user", "fail", message),
      ...dependent.map((id) => result(id, "skip", skipWhy))
    ];
  }
  const names = users.map(userLabel).join(", ");
  const how = selection.requested
    ? "named with --service-user"
    : `assigned ${SERVICE_PERMISSION_SET} / ${SERVICE_PROFILE}`;
  const found =
    users.length === 1
      ? result(
          "service-user",
          "pass",
          `Service account user: ${names} (${how}).`
        )
      : result(
          "service-user",
          "warn",
          `${users.length} users look like the Code42 service account (${names}). Code42 uses the one that authorized the connection; keep only that one, or name it with --service-user.`
        );
  return [
    found,
    evaluateActive(users),
    evaluateFrozen(users, facts),
    evaluateLoginRate(users, facts),
    evaluatePermissions(users, facts)
  ];
}

function evaluateHolders(facts) {
  const h = facts.holders;
  if (!h || isUnknown(h.inScopeCount)) {
    return result(
      "report-export-holders",
      "skip",
      reasonFor(facts, "holders", "Export Reports holders could not be read.")
    );
  }
  const scopeMode = (facts.scope && facts.scope.mode) || "all";
  if (h.inScopeCount === 0) {
    const base =
      scopeMode === "all"
        ? 'No active user holds "Export Reports"'
        : `No user in the ${scopeMode} scope holds "Export Reports"`;
    return result(
      "report-export-holders",
      "fail",
      `${base}, so Code42 would monitor nobody.`,
      { count: 0 }
    );
  }
  const total = isUnknown(h.totalCount)
    ? ""
    : ` (${formatCount(h.totalCount)} in the whole org)`;
  return result(
    "report-export-holders",
    "pass",
    `Code42 will monitor ${plural(h.inScopeCount, "user", "users")}${total}: each one uses one Code42 licence.`,
    { count: h.inScopeCount }
  );
}

function evaluateScope(facts) {
  const scope = facts.scope;
  if (!scope || scope.mode === "all" || isUnknown(scope.mode)) {
    return result(
      "scope-entries",
      "skip",
      'Scope is "All users": no scoping CSV to check.'
    );
  }
  const entries = scope.entries || 0;
  const unmatched = scope.unmatched || [];
  const groups = scope.mode === "groups";
  const limitStep = checkDefinition("scope-entries").remediation[0];
  // Public Groups is the Setup page for a groups CSV only; a users CSV has no page to fix it in.
  const link = groups ? undefined : { setupLink: undefined };
  if (entries > THRESHOLDS.maxScopeEntries) {
    return result(
      "scope-entries",
      "fail",
      `The scoping CSV has ${formatCount(entries)} entries; Code42 accepts at most ${formatCount(THRESHOLDS.maxScopeEntries)}.`,
      {
        unmatched,
        ...link,
        remediation: [
          limitStep,
          `Bring the file to at most ${formatCount(THRESHOLDS.maxScopeEntries)} rows (remove repeated rows and users who do not export reports)${groups ? "" : ", or scope by public groups instead"}, then run the preflight again.`
        ]
      }
    );
  }
  if (entries === 0) {
    return result(
      "scope-entries",
      "fail",
      "The scoping CSV has no entries: Code42 would monitor nobody.",
      {
        unmatched,
        ...link,
        remediation: [
          limitStep,
          groups
            ? "Put one public group per row (its Name, DeveloperName or Id), with or without a header row naming the column, and save the file as CSV UTF-8."
            : "Put one user per row (their username, email or 15/18-character Id), with or without a header row naming the column, and save the file as CSV UTF-8."
        ]
      }
    );
  }
  if (unmatched.length > 0) {
    const shown = unmatched
      .slice(0, 10)
      .map((u) => (typeof u === "string" ? u : `row ${u.row}: ${u.value}`))
      .join("; ");
    const more =
      unmatched.length > 10 ? `; and ${unmatched.length - 10} more` : "";
    return result(
      "scope-entries",
      "warn",
      `${plural(unmatched.length, "row matches", "rows match")} no ${groups ? "public group" : "user"}: ${shown}${more}.`,
      { unmatched, ...link }
    );
  }
  return result(
    "scope-entries",
    "pass",
    `All ${plural(entries, "entry", "entries")} match a ${groups ? "public group" : "user"}.`,
    { unmatched: [] }
  );
}

function evaluateSessions(facts) {
  const s = facts.sessions;
  if (!s || isUnknown(s.inScopeUsersWithSessions)) {
    return result(
      "active-sessions",
      "skip",
      reasonFor(facts, "sessions", "Active sessions could not be read.")
    );
  }
  const n = s.inScopeUsersWithSessions;
  if (n === 0) {
    return result(
      "active-sessions",
      "pass",
      "No in-scope user is logged in now: Code42 will learn every username at its next login."
    );
  }
  return result(
    "active-sessions",
    "warn",
    `${plural(n, "in-scope user is", "in-scope users are")} logged in now. Code42 learns their usernames only after they log out and log back in.`,
    { count: n }
  );
}

function evaluateApiLimits(facts) {
  const l = facts.limits;
  if (
    !l ||
    isUnknown(l.dailyApiRequests) ||
    isUnknown(l.dailyApiRequests.max)
  ) {
    return result(
      "api-limits",
      "skip",
      reasonFor(facts, "limits", "The org limits could not be read.")
    );
  }
  const { max, remaining } = l.dailyApiRequests;
  const text = `${formatCount(remaining)} of ${formatCount(max)} daily API requests remain.`;
  if (remaining < THRESHOLDS.apiRemainingFailAbsolute) {
    return result(
      "api-limits",
      "fail",
      `${text} Integrations, Code42 included, will soon be refused (REQUEST_LIMIT_EXCEEDED).`,
      {
        max,
        remaining
      }
    );
  }
  if (remaining < max * THRESHOLDS.apiRemainingWarnRatio) {
    return result(
      "api-limits",
      "warn",
      `${text} That is under ${THRESHOLDS.apiRemainingWarnRatio * 100}% of the allowance.`,
      {
        max,
        remaining
      }
    );
  }
  return result("api-limits", "pass", text, { max, remaining });
}

// ---------------------------------------------------------------------------------------
// Authorization and connection evidence (issue 12): connected-app-access, code42-authorization,
// service-user-licence, service-user-login-access. Facts: facts.connection (see the Facts doc).
// ---------------------------------------------------------------------------------------

const DAY_MS = 86400000;

/** Does a connected app or token name look like Code42's (CODE42_APP_NAME_PATTERNS)? */
function isCode42AppName(name) {
  const n = String(name || "").toLowerCase();
  return n !== "" && CODE42_APP_NAME_PATTERNS.some((p) => n.includes(p));
}

function shortDate(iso) {
  return iso ? String(iso).slice(0, 10) : "never";
}

function connectionUser(facts, user) {
  const users = (facts.connection && facts.connection.users) || {};
  return users[user.id] || {};
}

/** The installed Code42 app that admits `user` (by profile or permission set), if any. */
function admittingApp(apps, user, cu) {
  const sets = new Set(cu.permissionSetNames || []);
  return apps.find(
    (app) =>
      app.adminApprovedOnly === false ||
      (app.admitted || []).some(
        (a) =>
          (a.type === "profile" && a.name === user.profileName) ||
          (a.type === "permissionSet" && sets.has(a.name))
      )
  );
}

/** The service account's Code42 tokens, newest use first. */
function code42Tokens(facts, user) {
  const tokens = (facts.connection && facts.connection.tokens) || [];
  return tokens
    .filter(
      (t) =>
        isCode42AppName(t.appName) && (!user || toId18(t.userId) === user.id)
    )
    .sort((a, b) =>
      String(b.lastUsedDate || "").localeCompare(String(a.lastUsedDate || ""))
    );
}

function serviceUsersOrSkip(facts, ids) {
  const users = facts.serviceUsers;
  if (!Array.isArray(users) || users.length === 0) {
    const why = Array.isArray(users)
      ? "No service account user to check."
      : reasonFor(
          facts,
          "serviceUsers",
          "The service account user could not be read."
        );
    return { skip: ids.map((id) => result(id, "skip", why)) };
  }
  return { users };
}

function evaluateConnectedAppAccess(facts) {
  const id = "connected-app-access";
  const found = serviceUsersOrSkip(facts, [id]);
  if (found.skip) return found.skip[0];
  const conn = facts.connection || {};
  const apps = Array.isArray(conn.apps) ? conn.apps : null;
  const perm = conn.approvePermission || null;
  const label = PERMISSION_LABELS.approveUninstalled;
  const blocked = [];
  const viaPermission = [];
  const redundant = [];
  let unknown = false;
  for (const user of found.users) {
    const cu = connectionUser(facts, user);
    const app = apps ? admittingApp(apps, user, cu) : undefined;
    if (app) {
      if (cu.approveUninstalled === true) redundant.push(user);
      continue;
    }
    if (cu.approveUninstalled === true) {
      viaPermission.push(user);
      continue;
    }
    if (!apps || (perm && isUnknown(cu.approveUninstalled))) unknown = true;
    else blocked.push(user);
  }
  if (
    blocked.length === 0 &&
    viaPermission.length === 0 &&
    !unknown &&
    redundant.length > 0
  ) {
    return result(
      id,
      "warn",
      `Code42's connected app is installed and admits ${redundant.map(userLabel).join(", ")}, which still holds "${label}". Remove the permission: it lets the user authorize any uninstalled app, and Code42 no longer needs it.`,
      { users: redundant.map(userLabel) }
    );
  }
  if (blocked.length === 0 && viaPermission.length === 0 && !unknown) {
    const app = admittingApp(
      apps,
      found.users[0],
      connectionUser(facts, found.users[0])
    );
    return result(
      id,
      "pass",
      `Code42's connected app "${app.name}" is installed and ${app.adminApprovedOnly === false ? "lets every user self-authorize" : "admits the service account user"}.`,
      { app: app.name }
    );
  }
  if (blocked.length > 0) {
    const installed = (apps || []).map((a) => `"${a.name}"`).join(", ");
    const state = installed
      ? `Code42's connected app ${installed} is installed but does not admit ${blocked.map(userLabel).join(", ")} (neither its profile nor a permission set of it is among the app's Profiles / Permission Sets)`
      : "Code42's connected app is not installed in this org";
    const permText = perm
      ? `and ${blocked.map(userLabel).join(", ")} lacks "${label}"`
      : `and this org's API exposes no "${label}" permission to check`;
    const authorized = code42Tokens(facts).length > 0;
    return result(
      id,
      installed || !authorized ? "fail" : "warn",
      `${state}, ${permText}. The authorization will fail with OAUTH_APPROVAL_ERROR_GENERIC ("app must be installed into org"). Install the app and admit the service account user through a permission set (least privilege), or grant "${label}" to the service account user${authorized ? ". (An authorization made before the restriction keeps working until Code42 must authorize again.)" : ""}.`,
      {
        users: blocked.map(userLabel),
        installed: (apps || []).map((a) => a.name)
      }
    );
  }
  if (viaPermission.length > 0) {
    const authorized = found.users.some(
      (u) => code42Tokens(facts, u).length > 0
    );
    return result(
      id,
      authorized ? "warn" : "pass",
      authorized
        ? `${viaPermission.map(userLabel).join(", ")} authorized Code42 through "${label}" while Code42's connected app is not installed (or does not admit it). Finish the steps: install the app, admit the service account user through a permission set, then remove "${label}" (it bypasses the restriction for every uninstalled app).`
        : `${viaPermission.map(userLabel).join(", ")} holds "${label}" and can complete the first authorization. Afterwards install Code42's app, admit the service account user, and remove the permission.`,
      { users: viaPermission.map(userLabel) }
    );
  }
  return result(
    id,
    "skip",
    reasonFor(
      facts,
      "connectedApps",
      `Whether Code42's connected app is installed, or the service account user holds "${label}", could not be read.`
    )
  );
}

function evaluateAuthorization(facts) {
  const id = "code42-authorization";
  const found = serviceUsersOrSkip(facts, [id]);
  if (found.skip) return found.skip[0];
  const conn = facts.connection || {};
  if (!Array.isArray(conn.tokens)) {
    return result(
      id,
      "skip",
      reasonFor(facts, "oauthTokens", "Code42's OAuth token could not be read.")
    );
  }
  const mine = found.users.flatMap((u) =>
    code42Tokens(facts, u).map((t) => ({ t, u }))
  );
  if (mine.length === 0) {
    const others = code42Tokens(facts);
    if (others.length > 0) {
      const who = [...new Set(others.map((t) => t.userId))].join(", ");
      return result(
        id,
        "warn",
        `Code42's app was authorized by another user (${who}), not by the service account user ${found.users.map(userLabel).join(", ")}. Code42 acts as the user that authorized it.`,
        { authorizedBy: [...new Set(others.map((t) => t.userId))] }
      );
    }
    return result(
      id,
      "skip",
      "Not authorized yet: the service account user has no OAuth token for Code42's app. (Only a running user with Customize Application sees other users' tokens.)"
    );
  }
  const { t, u } = mine[0];
  const now = facts.collectedAt ? Date.parse(facts.collectedAt) : Date.now();
  const lastUsed = t.lastUsedDate ? Date.parse(t.lastUsedDate) : NaN;
  const days = Number.isNaN(lastUsed)
    ? null
    : Math.floor((now - lastUsed) / DAY_MS);
  const evidence = {
    authorizedBy: userLabel(u),
    appName: t.appName,
    createdDate: t.createdDate || null,
    lastUsedDate: t.lastUsedDate || null,
    useCount: isUnknown(t.useCount) ? null : t.useCount
  };
  const text = `${userLabel(u)} authorized "${t.appName}" on ${shortDate(t.createdDate)}; last used ${shortDate(t.lastUsedDate)}, ${isUnknown(t.useCount) ? "use count unknown" : plural(t.useCount, "use", "uses")}.`;
  if (days === null || days > THRESHOLDS.oauthTokenUnusedDays) {
    return result(
      id,
      "warn",
      `${text} Unused for ${days === null ? "an unknown time" : plural(days, "day", "days")} (more than ${THRESHOLDS.oauthTokenUnusedDays}): Code42 may have stopped or lost access.`,
      evidence
    );
  }
  return result(id, "pass", text, evidence);
}

function evaluateLicence(facts) {
  const id = "service-user-licence";
  const users = facts.serviceUsers;
  const vendor =
    "Code42 connects to your environment using a service account that requires one of your Salesforce user licenses.";
  if (Array.isArray(users) && users.length > 0) {
    const known = users.filter((u) => !isUnknown(u.licenseName));
    if (known.length === 0) {
      return result(
        id,
        "skip",
        "The service account user's licence could not be read."
      );
    }
    const apiOnly = known.filter((u) =>
      API_ONLY_LICENCES.includes(u.licenseName)
    );
    if (apiOnly.length > 0) {
      return result(
        id,
        "fail",
        `${apiOnly.map(userLabel).join(", ")} has the ${apiOnly[0].licenseName} licence, which is API-only: it cannot sign in on the login page, so it cannot complete Code42's authorization. ${vendor}`,
        { licence: apiOnly[0].licenseName }
      );
    }
    const other = known.filter((u) => u.licenseName !== "Salesforce");
    if (other.length > 0) {
      return result(
        id,
        "warn",
        `${other.map(userLabel).join(", ")} has the ${other[0].licenseName} licence, not the Salesforce licence. ${vendor} Whether Code42 works with ${other[0].licenseName} is not confirmed.`,
        { licence: other[0].licenseName }
      );
    }
    return result(
      id,
      "pass",
      `The service account user holds a Salesforce licence.`,
      { licence: "Salesforce" }
    );
  }
  const lic = facts.connection && facts.connection.salesforceLicence;
  if (!lic || isUnknown(lic.total) || isUnknown(lic.used)) {
    return result(
      id,
      "skip",
      reasonFor(
        facts,
        "userLicense",
        "The Salesforce licence count (UserLicense) could not be read."
      )
    );
  }
  const free = lic.total - lic.used;
  if (free <= 0) {
    return result(
      id,
      "warn",
      `All ${formatCount(lic.total)} Salesforce licences are in use. ${vendor} To free up a Salesforce license, you may need to reassign a user to a profile that uses a different license, or contact Salesforce to increase your license count.`,
      { total: lic.total, used: lic.used }
    );
  }
  return result(
    id,
    "pass",
    `${plural(free, "Salesforce licence is", "Salesforce licences are")} free for the service account (${formatCount(lic.used)} of ${formatCount(lic.total)} used).`,
    { total: lic.total, used: lic.used }
  );
}

function describeHours(hours) {
  return Object.entries(hours)
    .map(([day, h]) => `${day} ${h.start || "?"}-${h.end || "?"}`)
    .join(", ");
}

function evaluateLoginAccess(facts) {
  const id = "service-user-login-access";
  const found = serviceUsersOrSkip(facts, [id]);
  if (found.skip) return found.skip[0];
  const problems = [];
  const details = [];
  let anyKnown = false;
  let fail = false;
  for (const user of found.users) {
    const cu = connectionUser(facts, user);
    const who = userLabel(user);
    if (!isUnknown(cu.apiOnly)) anyKnown = true;
    if (cu.apiOnly === true) {
      fail = true;
      problems.push(
        `${who} has "API Only User", which blocks the login page Code42's authorization uses`
      );
    }
    if (Array.isArray(cu.loginIpRanges)) {
      anyKnown = true;
      if (cu.loginIpRanges.length > 0) {
        const list = cu.loginIpRanges
          .map((r) => `${r.start}-${r.end}`)
          .join(", ");
        problems.push(
          `${who}'s profile allows logins only from ${list}: Code42's servers must fall inside`
        );
        details.push({ user: who, loginIpRanges: cu.loginIpRanges });
      }
    }
    if (cu.loginHours && typeof cu.loginHours === "object") {
      anyKnown = true;
      if (Object.keys(cu.loginHours).length > 0) {
        problems.push(
          `${who}'s profile has login hours (${describeHours(cu.loginHours)}): outside them Code42 is logged out`
        );
        details.push({ user: who, loginHours: cu.loginHours });
      }
    }
  }
  if (!anyKnown) {
    return result(
      id,
      "skip",
      reasonFor(
        facts,
        "loginAccess",
        "The service account user's API Only User permission, login IP ranges and login hours could not be read."
      )
    );
  }
  if (problems.length > 0) {
    return result(id, fail ? "fail" : "warn", `${problems.join("; ")}.`, {
      restrictions: details
    });
  }
  const unread = found.users.some((u) => {
    const cu = connectionUser(facts, u);
    return !Array.isArray(cu.loginIpRanges) || !cu.loginHours;
  });
  return result(
    id,
    "pass",
    unread
      ? `No "API Only User"; the profile's login IP ranges and login hours were not read (${reasonFor(facts, "loginAccess", "the Metadata API read of the profile failed").replace(/\.$/, "")}).`
      : 'No "API Only User", no login IP ranges and no login hours on the service account\'s profile.',
    { restrictions: [] }
  );
}

/**
 * Evaluate every check over a Facts object. The order is the catalogue's order.
 * @param {object} facts see docs in the README ("Facts")
 * @returns {Array<{id,title,status,message,remediation,setupLink}>}
 */
function evaluateChecks(facts) {
  if (!facts || facts.factsVersion !== FACTS_VERSION) {
    throw new Error(
      `Facts version ${facts && facts.factsVersion} is not supported (expected ${FACTS_VERSION}).`
    );
  }
  const results = [
    evaluateEdition(facts),
    evaluateAddon(facts),
    ...evaluateStreams(facts),
    ...evaluateServiceUsers(facts),
    evaluateHolders(facts),
    evaluateScope(facts),
    evaluateSessions(facts),
    evaluateApiLimits(facts),
    ...evaluateConnection(facts)
  ];
  const order = CHECKS.map((c) => c.id);
  return results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

/** Count results per status. */
function summarize(results) {
  const summary = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of results) summary[r.status] += 1;
  return summary;
}

/**
 * The connection status Code42 would show, in Code42's terms: 'Monitoring' or 'Error' with
 * the vendor's message for the first cause, plus our 'Warning' when something will soon break
 * or could not be verified.
 */
function connectionStatus(results) {
  const byId = Object.fromEntries(results.map((r) => [r.id, r]));
  const errorOrder = [
    "service-user",
    "service-user-active",
    "service-user-not-frozen",
    "service-user-login-rate",
    "service-user-permissions",
    "event-monitoring-addon",
    "org-edition",
    "stream-login-event",
    "stream-logout-event",
    "stream-report-event"
  ];
  const errors = errorOrder
    .map((id) => byId[id])
    .filter((r) => r && r.status === "fail");
  if (errors.length > 0) {
    return {
      state: "Error",
      message: errors[0].message,
      causes: errors.map((r) => r.id)
    };
  }
  const warnings = results.filter(
    (r) => r.status === "warn" || r.status === "fail"
  );
  if (warnings.length > 0) {
    return {
      state: "Warning",
      message: `Monitoring, with ${plural(warnings.length, "problem", "problems")} to look at.`,
      causes: warnings.map((r) => r.id)
    };
  }
  return {
    state: "Monitoring",
    message: "Nothing found that would stop Code42 from monitoring.",
    causes: []
  };
}

/** The four checks of the authorization block, in catalogue order. */
function evaluateConnection(facts) {
  return [
    evaluateConnectedAppAccess(facts),
    evaluateAuthorization(facts),
    evaluateLicence(facts),
    evaluateLoginAccess(facts)
  ];
}

/*
 * ---------------------------------------------------------------------------------------------
 * The in-org watch (Code42HealthWatch, hourly). DATA only: the Apex job reads these values from
 * the Custom Metadata records that scripts/watch-metadata/generate.mjs builds from this block
 * (Code42_Watch_Fact__mdt, Code42_Watch_Setting__mdt); a drift test fails when they differ.
 * ---------------------------------------------------------------------------------------------
 */

/** Version of the snapshot JSON the watch stores in Code42_Watch_Snapshot__c.Facts_JSON__c. */
const WATCH_SNAPSHOT_VERSION = 1;

/** Names of what the watch deploys, and its timing. */
const WATCH_SETTINGS = {
  /** CronTrigger name (CronJobDetail.Name): one job with this name, never two. */
  jobName: "Code42 Health Watch",
  /** System.schedule cron expression: every hour at minute 0. */
  cronExpression: "0 0 * * * ?",
  /** Snapshots older than this many days are deleted by the job. */
  retentionDays: 90,
  /** At most one unchanged ("heartbeat") snapshot per this many hours. */
  heartbeatHours: 24,
  /** A saved preflight older than this is stale (the example CI runs it daily). */
  preflightMaxAgeHours: 36,
  /** After a message, further changes within this window wait for its end (flap damping). */
  dampingHours: 3,
  /** Upper bound on alert recipients (group members) per message. */
  maxRecipients: 100,
  customNotificationType: "Code42_Health_Alert",
  recipientGroup: "Code42_Health_Alerts",
  runPermissionSet: "Code42_Health_Watch",
  alertPermissionSet: "Code42_Health_Alert_Recipient",
  healthTab: "Code42_Health"
};

/**
 * The connection-relevant facts: exactly what goes into the fingerprint (see README, "The
 * fingerprint"). `scope` 'user' facts are read once per service user, 'org' facts once.
 * `values` are the only values the fact can take; `okValues` the ones Code42 keeps monitoring
 * with. `vendorMessage` is a key of VENDOR_MESSAGES: the wording an alert quotes when the fact
 * turns bad. Permissions expand to one fact per REQUIRED_PERMISSIONS entry
 * (`permission.<name>`).
 */
const WATCH_FACTS = [
  {
    key: "serviceUsers",
    scope: "org",
    label: "Service account user identified",
    checkId: "service-user",
    values: ["found", "none", "unknown"],
    okValues: ["found"]
  },
  {
    key: "active",
    scope: "user",
    label: "Service account user active",
    checkId: "service-user-active",
    vendorMessage: "deactivated",
    values: ["active", "deactivated", "unknown"],
    okValues: ["active"]
  },
  {
    key: "frozen",
    scope: "user",
    label: "Service account user not frozen",
    checkId: "service-user-not-frozen",
    vendorMessage: "frozen",
    values: ["unfrozen", "frozen", "unknown"],
    okValues: ["unfrozen"]
  },
  {
    key: "passwordLocked",
    scope: "user",
    label: "Service account user not password-locked",
    checkId: "service-user-not-frozen",
    vendorMessage: "frozen",
    values: ["unlocked", "locked", "unknown"],
    okValues: ["unlocked"]
  },
  {
    key: "loginRate",
    scope: "user",
    label: "Service account user under the hourly login limit",
    checkId: "service-user-login-rate",
    vendorMessage: "frozen",
    values: ["ok", "near", "exceeded", "unknown"],
    okValues: ["ok"]
  },
  ...REQUIRED_PERMISSIONS.map((perm) => ({
    key: `permission.${perm.name}`,
    scope: "user",
    label: `Service account user has ${perm.label}`,
    // The describe label the fact reader finds the permission field by, when its API name is
    // unpublished (findByLabel): the watch hands it to the same reader as the dashboard.
    permissionLabel: perm.findByLabel ? perm.label : undefined,
    checkId: "service-user-permissions",
    vendorMessage: "permissions",
    values: ["granted", "missing", "unknown"],
    okValues: ["granted"]
  })),
  {
    // Code42's OAuth token of the service account user (code42-authorization): "used" within
    // THRESHOLDS.oauthTokenUnusedDays, "stale" beyond it, "none" when there is no token.
    key: "authorization",
    scope: "org",
    label: "Code42's authorization is in use (OAuth token)",
    checkId: "code42-authorization",
    values: ["used", "stale", "none", "unknown"],
    okValues: ["used"]
  },
  {
    key: "preflightStatus",
    scope: "org",
    label: "Latest saved preflight passes",
    checkId: "stream-report-event",
    values: ["pass", "warn", "fail", "missing", "unknown"],
    okValues: ["pass", "warn"]
  },
  {
    key: "preflightAge",
    scope: "org",
    label: "Latest saved preflight is recent",
    checkId: "stream-report-event",
    values: ["recent", "stale", "missing", "unknown"],
    okValues: ["recent"]
  }
];

/**
 * The value of each connection-relevant fact in a dashboard facts map (the plain map
 * Code42HealthController.getHealthFacts returns, as stored in a snapshot). Apex computes the
 * same values in Code42HealthWatchValues.values(); the Apex tests and the README example pin
 * both to the same strings. Returns { '<userId>.<key>' | '<key>': value }.
 */
function watchValues(raw, now = new Date()) {
  const out = {};
  const unavailable = (raw && raw.unavailable) || {};
  const users = raw ? raw.serviceUsers : null;
  out.serviceUsers = !Array.isArray(users)
    ? "unknown"
    : users.length > 0
      ? "found"
      : "none";
  const flag = (v, yes, no) => {
    if (v === true) return yes;
    return v === false ? no : "unknown";
  };
  for (const u of Array.isArray(users) ? users : []) {
    const id = toId18(u.id) || u.id;
    out[`${id}.active`] = flag(u.isActive, "active", "deactivated");
    out[`${id}.frozen`] = flag(u.isFrozen, "frozen", "unfrozen");
    out[`${id}.passwordLocked`] = flag(
      u.isPasswordLocked,
      "locked",
      "unlocked"
    );
    out[`${id}.loginRate`] = loginRateState(u);
    for (const perm of REQUIRED_PERMISSIONS) {
      const grants = u.permissionGrants;
      out[`${id}.permission.${perm.name}`] =
        grants === null || grants === undefined
          ? "unknown"
          : (grants[perm.name] || []).length > 0
            ? "granted"
            : (u.unknownPermissions || []).includes(perm.name)
              ? "unknown"
              : "missing";
    }
  }
  out.authorization = authorizationValue(raw, users, now);
  const saved = raw ? raw.latestPreflight : null;
  if (unavailable.latestPreflight) {
    out.preflightStatus = "unknown";
    out.preflightAge = "unknown";
  } else if (!saved) {
    out.preflightStatus = "missing";
    out.preflightAge = "missing";
  } else {
    out.preflightStatus = ["pass", "warn", "fail"].includes(saved.status)
      ? saved.status
      : "unknown";
    const ageHours = (now.getTime() - new Date(saved.runAt).getTime()) / 36e5;
    out.preflightAge = Number.isNaN(ageHours)
      ? "unknown"
      : ageHours > WATCH_SETTINGS.preflightMaxAgeHours
        ? "stale"
        : "recent";
  }
  return out;
}

/** The watch's `authorization` value: the service users' Code42 token, used recently or not. */
function authorizationValue(raw, users, now) {
  const tokens = raw && raw.connection ? raw.connection.tokens : null;
  if (!Array.isArray(users) || !Array.isArray(tokens)) return "unknown";
  const ids = new Set(users.map((u) => toId18(u.id) || u.id));
  const mine = tokens.filter(
    (t) => isCode42AppName(t.appName) && ids.has(toId18(t.userId) || t.userId)
  );
  if (mine.length === 0) return "none";
  const latest = Math.max(
    ...mine
      .map((t) => (t.lastUsedDate ? Date.parse(t.lastUsedDate) : NaN))
      .filter((ms) => !Number.isNaN(ms)),
    -Infinity
  );
  const limitMs = THRESHOLDS.oauthTokenUnusedDays * 86400000;
  return latest === -Infinity || now.getTime() - latest > limitMs
    ? "stale"
    : "used";
}

/**
 * The canonical text the fingerprint hashes: one `key=value` line per connection-relevant
 * fact, sorted by key, joined with "\n". The fingerprint is the SHA-256 of its UTF-8 bytes,
 * in lowercase hex (Apex: EncodingUtil.convertToHex(Crypto.generateDigest('SHA-256', ...))).
 */
function watchCanonicalText(values) {
  return Object.keys(values)
    .sort()
    .map((k) => `${k}=${values[k]}`)
    .join("\n");
}

/*
 * The saved preflight result: what `sf code42 preflight --save-result` stores in
 * Code42_Preflight_Result__c.Result_JSON__c and what the dashboard reads back. It holds only
 * what the dashboard shows, never a user list, so its size does not grow with the org:
 *
 * {
 *   format: 'code42-preflight-result', version: 1,
 *   runAt: ISO-8601 string,
 *   org: { id, name, edition, instanceUrl, isSandbox },
 *   status: 'pass'|'warn'|'fail',
 *   summary: { pass, warn, fail, skip },
 *   connectionStatus: { state, message, causes: [checkId] },
 *   checks: [{ id, title, status, message, remediation: [string], setupLink?: { label, path } }],
 *   scope: { mode: 'all'|'users'|'groups', entries, inScopeCount, holdersTotal }  // counts only
 * }
 *
 * A change that an older dashboard could misread gets a new version; the dashboard names a
 * version it does not know instead of guessing. The writer refuses a document that would not
 * fit the field, it never cuts one.
 */
const SAVED_RESULT_FORMAT = "code42-preflight-result";
const SAVED_RESULT_VERSION = 1;
/** Result_JSON__c is a Long Text Area of 131,072 characters (its field metadata). */
const SAVED_RESULT_MAX_CHARS = 131072;
/** Per-string bounds, so a long message cannot crowd out the other checks. */
const SAVED_TEXT_MAX = 2000;
const SAVED_REMEDIATION_MAX = 12;

const SHORTENED = "… (shortened; run the preflight for all of it)";

function boundedText(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return text.length > SAVED_TEXT_MAX
    ? text.slice(0, SAVED_TEXT_MAX - SHORTENED.length) + SHORTENED
    : text;
}

function count(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * The saved-result document (version SAVED_RESULT_VERSION) for a preflight result.
 * @param {object} preflightResult the preflight result (org, checks, summary, status, connectionStatus, scope, inScopeUsers, holdersTotal)
 * @param {string} runAt ISO-8601 time of the run
 * @returns {object}
 */
function savedResultOf(preflightResult, runAt) {
  const r = preflightResult;
  const org = r.org || {};
  const cs = r.connectionStatus || {};
  const scope = r.scope || {};
  return {
    format: SAVED_RESULT_FORMAT,
    version: SAVED_RESULT_VERSION,
    runAt,
    org: {
      id: org.id || "",
      name: org.name || "",
      edition: org.edition || "",
      instanceUrl: org.instanceUrl || "",
      isSandbox: !!org.isSandbox
    },
    status: r.status,
    summary: { ...r.summary },
    connectionStatus: {
      state: cs.state || "",
      message: boundedText(cs.message),
      causes: Array.isArray(cs.causes) ? cs.causes.slice() : []
    },
    checks: (r.checks || []).map((c) => {
      const check = {
        id: c.id,
        title: c.title,
        status: c.status,
        message: boundedText(c.message),
        remediation: (c.remediation || [])
          .slice(0, SAVED_REMEDIATION_MAX)
          .map(boundedText)
      };
      if (c.setupLink) {
        check.setupLink = {
          label: boundedText(c.setupLink.label),
          path: boundedText(c.setupLink.path)
        };
      }
      return check;
    }),
    scope: {
      mode: scope.mode || "all",
      entries: count(scope.entries) ?? 0,
      inScopeCount: Array.isArray(r.inScopeUsers)
        ? r.inScopeUsers.length
        : null,
      holdersTotal: count(r.holdersTotal)
    }
  };
}

/**
 * Read a stored Result_JSON__c. Never throws.
 * @param {string} text the stored JSON
 * @returns {{ result: object|null, problem: string|null }} `problem` says, for an admin, why
 *   the stored text cannot be used (not JSON, another format, a version this code does not read)
 */
function parseSavedResult(text) {
  if (!text) {
    return { result: null, problem: "The saved result has no JSON body." };
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return {
      result: null,
      problem: `The saved result is not valid JSON (${e.message}). Run the preflight with --save-result again.`
    };
  }
  if (!parsed || typeof parsed !== "object" || !("version" in parsed)) {
    return {
      result: null,
      problem: `The saved result has no format version: it was saved by an earlier version of the plugin, whose format this dashboard does not read (it reads version ${SAVED_RESULT_VERSION}). Run the preflight with --save-result again.`
    };
  }
  if (
    parsed.format !== SAVED_RESULT_FORMAT ||
    parsed.version !== SAVED_RESULT_VERSION
  ) {
    return {
      result: null,
      problem: `The saved result has format "${parsed.format}" version ${parsed.version}, which this dashboard does not read (it reads "${SAVED_RESULT_FORMAT}" version ${SAVED_RESULT_VERSION}). Deploy the dashboard and the plugin from the same release, then run the preflight with --save-result again.`
    };
  }
  if (!Array.isArray(parsed.checks)) {
    return {
      result: null,
      problem: `The saved result (version ${SAVED_RESULT_VERSION}) has no list of checks. Run the preflight with --save-result again.`
    };
  }
  return { result: parsed, problem: null };
}

/**
 * What Salesforce logs as Insufficient Access events, in its own words (Object Reference,
 * "InsufficientAccessEventLog"; the same event type as the InsufficientAccess event log files).
 * The CLI's help and findings (plugin/messages/code42.access-errors.md, tested for drift) and the
 * dashboard say it, so that "0 errors" is never read as "no access problems".
 */
const INSUFFICIENT_ACCESS_EVENT = {
  disabledByDefault:
    "The Insufficient Access event type is disabled by default. You can enable this event type for a period of 24 hours by contacting Salesforce Customer Support.",
  covers:
    "It logs only some errors: sharing a case, contact or opportunity, changing its owner, or changing its parent account, when someone lacks access to the parent account (Account, Case, Contact and Opportunity records); errors of bulk operations on two or more records are not logged.",
  action:
    "To record them, ask Salesforce Customer Support to enable the Insufficient Access event type (24 hours at a time), reproduce the problem while it is on, then read the log files of that time."
};

/** Who the log files may concern: the service users' usernames, or the account in general. */
function serviceUsersNamed(facts) {
  const names = (Array.isArray(facts.serviceUsers) ? facts.serviceUsers : [])
    .map((u) => u.username)
    .filter(Boolean);
  if (names.length === 0) return "the Code42 service user";
  return `the service ${names.length === 1 ? "user" : "users"} ${names.join(", ")}`;
}

/**
 * The Insufficient Access fact as the dashboard shows it (it counts the log files, it never
 * downloads or parses them: they can be very large). `state` is 'unknown' (could not be read;
 * `text` is facts.unavailable.insufficientAccess), 'none' (no file in the last 7 days, which is
 * not proof of no access errors) or 'files' (`files` log files to read with the CLI's
 * access-errors). `coverage` says what Salesforce logs at all, next to any count; null when
 * unknown.
 * @returns {{ state: 'unknown'|'none'|'files', files: number|null, text: string, coverage: string|null }}
 */
function insufficientAccessSummary(facts) {
  const ia = facts.insufficientAccess;
  if (!ia) {
    return {
      state: "unknown",
      files: null,
      text:
        (facts.unavailable && facts.unavailable.insufficientAccess) ||
        "Not readable.",
      coverage: null
    };
  }
  const files = ia.logFilesLast7Days || 0;
  const who = serviceUsersNamed(facts);
  const coverage = `${INSUFFICIENT_ACCESS_EVENT.disabledByDefault} ${INSUFFICIENT_ACCESS_EVENT.covers}`;
  if (files === 0) {
    return {
      state: "none",
      files,
      text: `No Insufficient Access event log files in the last 7 days, which does not mean that ${who} had no access errors. ${INSUFFICIENT_ACCESS_EVENT.action}`,
      coverage
    };
  }
  return {
    state: "files",
    files,
    text: `${formatCount(files)} Insufficient Access event log ${files === 1 ? "file" : "files"} from the last 7 days may hold access errors of ${who}. The dashboard only counts the files; to see each error (user, object, record, requested access and why), run:`,
    coverage
  };
}

// The decisions the Code42 Health dashboard used to take on its own after the rules. The CLI does
// not call them: its check results stay as they are.
/**
 * The check results with the saved preflight's stream results in place of the live "could not
 * be read" ones (Apex cannot read the Event Manager settings), so the overall status reflects a
 * stream that was off when the preflight last ran. `savedPreflight` has `streamChecks` (the
 * saved results of the REQUIRED_STREAMS checks), as the dashboard reads it; null: none saved.
 */
function withSavedStreams(results, savedPreflight) {
  if (!savedPreflight) {
    return results;
  }
  const streamIds = REQUIRED_STREAMS.map((s) => s.checkId);
  return results.map((r) => {
    if (!streamIds.includes(r.id) || r.status !== "skip") {
      return r;
    }
    const saved = savedPreflight.streamChecks.find((c) => c.id === r.id);
    if (!saved || saved.status === "skip") {
      return r;
    }
    const def = checkDefinition(r.id);
    const remediation =
      saved.status === "warn" || saved.status === "fail"
        ? (Array.isArray(saved.remediation) && saved.remediation.length
            ? saved.remediation
            : def.remediation
          ).slice()
        : [];
    return {
      ...r,
      status: saved.status,
      message: `${saved.message} (saved preflight)`,
      remediation,
      fromSavedPreflight: true
    };
  });
}

/**
 * The dashboard's one pipeline: the checks on the org's facts, the saved stream results put in,
 * and the overall connection status of connectionStatus().
 * @returns {{ results: object[], status: object }}
 */
function dashboardStatus(facts, savedPreflight) {
  const results = withSavedStreams(evaluateChecks(facts), savedPreflight);
  return { results, status: connectionStatus(results) };
}
/**
 * The Event Monitoring add-on as the dashboard shows it: `state` is available, missing or
 * unknown (could not be read; facts.unavailable.eventMonitoring says why), `text` the sentence.
 */
function eventMonitoringState(facts) {
  const em = facts.eventMonitoring;
  if (!em) {
    return {
      state: "unknown",
      text:
        (facts.unavailable && facts.unavailable.eventMonitoring) ||
        "Could not be read."
    };
  }
  return em.available
    ? { state: "available", text: `Available (${em.evidence}).` }
    : {
        state: "missing",
        text: `Not available (${em.evidence}): this org has no Event Monitoring or Shield add-on.`
      };
}

/** The org line under the status: name, edition and sandbox, or why the org could not be read. */
function orgSummary(facts) {
  const org = facts.org;
  if (!org) {
    return reasonFor(facts, "org", "The org could not be read.");
  }
  return `${org.name} · ${org.edition}${org.isSandbox ? " · Sandbox" : ""}`;
}

/**
 * The active Export Reports holders, what Code42 monitors with the "All users" scope. Same
 * meaning as the CLI's count (no expired or inactive assignment, no group that mutes Export
 * Reports); when muting could not be read, the text says the count may include them.
 * @returns {{ known: boolean, text: string }}
 */
function holdersSummary(facts) {
  const h = facts.holders;
  if (!h) {
    return {
      known: false,
      text: reasonFor(
        facts,
        "holders",
        "Export Reports holders could not be counted."
      )
    };
  }
  const muting = facts.unavailable && facts.unavailable.holdersMuting;
  const total = formatCount(h.totalCount);
  return { known: true, text: muting ? `${total} (${muting})` : total };
}

/** The org's daily API requests left today, or why they could not be read. */
function apiRequestsSummary(facts) {
  const l = facts.limits;
  if (!l || !l.dailyApiRequests) {
    return reasonFor(facts, "limits", "Not readable.");
  }
  const { max, remaining } = l.dailyApiRequests;
  return `${formatCount(remaining)} of ${formatCount(max)} remain today`;
}

// What the Code42 Health dashboard shows of the service account users, decided and worded here
// so that the dashboard only maps each state to its look (badge, icon). The CLI words the same
// facts through the checks (checks/service-user*.js).

/**
 * The service user's Active, Frozen and Locked flags: `field` of the Facts user, the label for
 * true and false, and the value that stops Code42 (the service-user-active and
 * service-user-not-frozen checks fail on it).
 */
const SERVICE_USER_FLAGS = {
  active: { field: "isActive", yes: "Active", no: "Deactivated", bad: false },
  frozen: { field: "isFrozen", yes: "Frozen", no: "Not frozen", bad: true },
  locked: {
    field: "isPasswordLocked",
    yes: "Password-locked",
    no: "Not locked",
    bad: true
  }
};

/**
 * Each flag of a service user as `{ label, state }`: state 'bad' (the value that stops Code42),
 * 'good' (the other one) or 'unknown' (null or undefined: could not be read).
 * @returns {{ active: {label: string, state: 'good'|'bad'|'unknown'}, frozen: {label: string, state: 'good'|'bad'|'unknown'}, locked: {label: string, state: 'good'|'bad'|'unknown'} }}
 */
function serviceUserFlags(user) {
  const flags = {};
  for (const [key, def] of Object.entries(SERVICE_USER_FLAGS)) {
    const value = user[def.field];
    flags[key] =
      value === true || value === false
        ? {
            label: value ? def.yes : def.no,
            state: value === def.bad ? "bad" : "good"
          }
        : { label: "Unknown", state: "unknown" };
  }
  return flags;
}

/** Why the frozen and locked state is unknown (UserLogin unreadable); null when it is known. */
function userLoginUnknownReason(user, facts) {
  return isUnknown(user.isFrozen)
    ? reasonFor(
        facts,
        "userLogin",
        "Not readable (UserLogin needs Manage Users)."
      )
    : null;
}

/**
 * The user's API logins of the last hour against Salesforce's limit: `state` of loginRateState(),
 * `text` the count (a lower bound, so "at least"), `reason` why it is unknown (else null).
 * @returns {{ state: 'ok'|'near'|'exceeded'|'unknown', text: string, reason: string|null }}
 */
function serviceUserLogins(user, facts) {
  const state = loginRateState(user);
  if (state === "unknown") {
    return {
      state,
      text: "Unknown",
      reason: reasonFor(
        facts,
        "loginHistory",
        "Login History could not be read."
      )
    };
  }
  const limit = formatCount(THRESHOLDS.loginsPerHourLimit);
  return {
    state,
    text: `At least ${formatCount(user.loginsLastHour)} of ${limit}`,
    reason: null
  };
}

/**
 * permissionStatus() of the user with, for an 'unknown' permission, why it is unknown: the
 * assignments could not be read (user.grantsUnavailable) or the org's API does not expose it.
 */
function servicePermissionRows(user) {
  return permissionStatus(user).map((perm) => ({
    ...perm,
    unknownReason:
      perm.state === "unknown"
        ? user.grantsUnavailable || "Not exposed by this org"
        : null
  }));
}

/**
 * The dashboard's service-account section: 'unknown' (the list could not be read; `reason`
 * says why), 'none', 'one' or 'several' (`text` is severalServiceUsersText()).
 * @returns {{ state: 'unknown'|'none'|'one'|'several', reason: string|null, text: string|null }}
 */
function serviceUsersState(facts) {
  const users = facts.serviceUsers;
  if (!Array.isArray(users)) {
    return {
      state: "unknown",
      reason: reasonFor(
        facts,
        "serviceUsers",
        "The service account user could not be read."
      ),
      text: null
    };
  }
  if (users.length === 0) return { state: "none", reason: null, text: null };
  if (users.length === 1) return { state: "one", reason: null, text: null };
  return {
    state: "several",
    reason: null,
    text: severalServiceUsersText(facts)
  };
}

/**
 * The dashboard's note when several users look like the service account (the service-user
 * check's warn, without the CLI's --service-user advice); null for none or one.
 */
function severalServiceUsersText(facts) {
  const users = Array.isArray(facts.serviceUsers) ? facts.serviceUsers : [];
  return users.length > 1
    ? `${users.length} users look like the Code42 service account. Code42 uses the one that authorized the connection: keep only that one assigned.`
    : null;
}

export {
  API_ONLY_LICENCES,
  CHECKS,
  CODE42_APP_NAME_PATTERNS,
  DASHBOARD_PERMISSION_SET,
  EVENT_MONITORING_ENTITIES,
  EXPORT_REPORT_PERMISSION,
  FACTS_VERSION,
  ID18_SUFFIX_ALPHABET,
  INSUFFICIENT_ACCESS_EVENT,
  LOGIN_RATE_STATUS,
  PERMISSION_LABELS,
  REQUIRED_PERMISSIONS,
  REQUIRED_STREAMS,
  RUNNING_USER_NEEDS,
  SAVED_RESULT_FORMAT,
  SAVED_RESULT_MAX_CHARS,
  SAVED_RESULT_VERSION,
  SERVICE_PERMISSION_SET,
  SERVICE_PROFILE,
  SETUP_LINKS,
  SUPPORTED_EDITIONS,
  THRESHOLDS,
  VENDOR_MESSAGES,
  VRTEM_PERMISSION,
  WATCH_FACTS,
  WATCH_SETTINGS,
  WATCH_SNAPSHOT_VERSION,
  apiRequestsSummary,
  checkDefinition,
  connectionStatus,
  dashboardStatus,
  evaluateAddon,
  evaluateApiLimits,
  evaluateAuthorization,
  evaluateChecks,
  evaluateConnectedAppAccess,
  evaluateConnection,
  evaluateEdition,
  evaluateHolders,
  evaluateLicence,
  evaluateLoginAccess,
  evaluateScope,
  evaluateServiceUsers,
  evaluateSessions,
  evaluateStreams,
  eventMonitoringState,
  formatCount,
  hiddenFromRunningUser,
  holdersSummary,
  insufficientAccessSummary,
  isCode42AppName,
  loginRateState,
  orgSummary,
  parseSavedResult,
  permissionStatus,
  savedResultOf,
  servicePermissionRows,
  serviceUserFlags,
  serviceUserLogins,
  serviceUsersState,
  severalServiceUsersText,
  summarize,
  toId18,
  userLoginUnknownReason,
  watchCanonicalText,
  watchValues,
  withSavedStreams
};
