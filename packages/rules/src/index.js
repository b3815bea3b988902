/*
 * @code42-companion/rules: the one source of truth for the Code42 (Incydr) Salesforce data
 * connection.
 *
 * Plain JavaScript with no platform imports. It is used by:
 *   - the health dashboard LWC in the org (import { ... } from 'c/code42Rules', a bundle
 *     generated from this package by npm run generate:rules-bundle),
 *   - the `sf code42 preflight` CLI, the org simulator and the metadata checks (they import
 *     the package; the permission set and profile are checked against REQUIRED_PERMISSIONS).
 *
 * Gatherers (REST in the CLI, Apex in the org) fill a Facts object (facts.js); nothing else
 * decides pass, warn, fail or skip. Change wording (catalogue/), permissions (permissions.js)
 * or thresholds (thresholds.js) here and every part of the product follows. Each check is
 * decided in checks/<check id>.js; evaluate.js runs them all and words the connection status.
 *
 * This file is the public API: the LWC bundle exports exactly these names. A new rules file
 * under src/ needs one export line here.
 */
export { FACTS_VERSION } from "./facts.js";
export {
  SERVICE_PERMISSION_SET,
  SERVICE_PROFILE,
  DASHBOARD_PERMISSION_SET,
  REQUIRED_PERMISSIONS,
  VRTEM_PERMISSION,
  EXPORT_REPORT_PERMISSION,
  PERMISSION_LABELS,
  API_ONLY_LICENCES
} from "./permissions.js";
export { RUNNING_USER_NEEDS, hiddenFromRunningUser } from "./visibility.js";
export {
  SUPPORTED_EDITIONS,
  REQUIRED_STREAMS,
  EVENT_MONITORING_ENTITIES,
  CODE42_APP_NAME_PATTERNS
} from "./requirements.js";
export { THRESHOLDS } from "./thresholds.js";
export { SETUP_LINKS } from "./catalogue/setupLinks.js";
export { VENDOR_MESSAGES } from "./catalogue/vendorMessages.js";
export { CHECKS, checkDefinition } from "./catalogue/checks.js";
export { formatCount } from "./format.js";
export { ID18_SUFFIX_ALPHABET, toId18 } from "./ids.js";
export { evaluateEdition } from "./checks/org-edition.js";
export { evaluateAddon } from "./checks/event-monitoring-addon.js";
export { evaluateStreams } from "./checks/streams.js";
export { evaluateServiceUsers } from "./checks/service-user.js";
export {
  LOGIN_RATE_STATUS,
  loginRateState
} from "./checks/service-user-login-rate.js";
export { permissionStatus } from "./checks/service-user-permissions.js";
export { evaluateHolders } from "./checks/report-export-holders.js";
export { evaluateScope } from "./checks/scope-entries.js";
export { evaluateSessions } from "./checks/active-sessions.js";
export { evaluateApiLimits } from "./checks/api-limits.js";
export {
  evaluateChecks,
  summarize,
  connectionStatus,
  evaluateConnection
} from "./evaluate.js";
export {
  WATCH_SNAPSHOT_VERSION,
  WATCH_SETTINGS,
  WATCH_FACTS,
  watchValues,
  watchCanonicalText
} from "./watch.js";
export { isCode42AppName } from "./connection.js";
export { evaluateConnectedAppAccess } from "./checks/connected-app-access.js";
export { evaluateAuthorization } from "./checks/code42-authorization.js";
export { evaluateLicence } from "./checks/service-user-licence.js";
export { evaluateLoginAccess } from "./checks/service-user-login-access.js";
export {
  SAVED_RESULT_FORMAT,
  SAVED_RESULT_VERSION,
  SAVED_RESULT_MAX_CHARS,
  savedResultOf,
  parseSavedResult
} from "./savedResult.js";
export {
  INSUFFICIENT_ACCESS_EVENT,
  insufficientAccessSummary
} from "./accessErrors.js";
export * from "./dashboard.js";
export {
  serviceUserFlags,
  userLoginUnknownReason,
  serviceUserLogins,
  servicePermissionRows,
  serviceUsersState,
  severalServiceUsersText
} from "./dashboardUsers.js";
