import { SERVICE_PERMISSION_SET, SERVICE_PROFILE } from "../permissions.js";
import { REQUIRED_STREAMS } from "../requirements.js";
import { THRESHOLDS } from "../thresholds.js";
import { formatCount } from "../format.js";
import { SETUP_STEPS_TO_USERS } from "./setupLinks.js";
import { VENDOR_MESSAGES } from "./vendorMessages.js";

/**
 * The check catalogue. Ids are stable: scripts and pipelines depend on them.
 * `scope`: 'org' checks need no service user; 'service-user' checks run once per service user.
 * `setupLink` is a key of SETUP_LINKS. `remediation` is the list of steps for warn and fail.
 */
export const CHECKS = [
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
export function checkDefinition(id) {
  const def = CHECK_BY_ID[id];
  if (!def) {
    throw new Error(`Unknown check id: ${id}`);
  }
  return def;
}
