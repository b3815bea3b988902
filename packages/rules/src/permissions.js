/** API names of the metadata this project deploys (see force-app/main/default). */
export const SERVICE_PERMISSION_SET = "Code42_Service_Account";
export const SERVICE_PROFILE = "Code42 Service Account";
export const DASHBOARD_PERMISSION_SET = "Code42_Health_Dashboard";

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
export const REQUIRED_PERMISSIONS = [
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
export const VRTEM_PERMISSION = REQUIRED_PERMISSIONS.find((p) => p.findByLabel);

/** The permission that makes a user monitored by Code42 ("Report export"). */
export const EXPORT_REPORT_PERMISSION = "ExportReport";

/**
 * Describe labels of PermissionSet fields this project finds at run time instead of hard-coding
 * an API name. "Approve Uninstalled Connected Apps" is new in 2025 (Salesforce help 005132365) and
 * its API name is unpublished; "API Only User" is PermissionsApiUserOnly in the v64.0 describe.
 */
export const PERMISSION_LABELS = {
  approveUninstalled: "Approve Uninstalled Connected Apps",
  apiOnly: "API Only User"
};

/** Licences that cannot complete an interactive login (the Code42 authorization is one). */
export const API_ONLY_LICENCES = ["Salesforce Integration"];
