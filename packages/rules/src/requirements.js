/**
 * Salesforce editions (Organization.OrganizationType) that can have Real-Time Event
 * Monitoring. "Performance Edition" is UNCONFIRMED as a value.
 */
export const SUPPORTED_EDITIONS = [
  "Enterprise Edition",
  "Unlimited Edition",
  "Performance Edition",
  "Developer Edition"
];

/** The three event streams Code42 needs, as RealTimeEventSettings entity names. */
export const REQUIRED_STREAMS = [
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
export const EVENT_MONITORING_ENTITIES = ["ReportEvent", "ReportEventStream"];

/**
 * How Code42's connected app is recognised in ConnectedApplication.Name and OauthToken.AppName
 * (case-insensitive substrings). UNCONFIRMED: Code42 does not publish its connected app's name;
 * check Setup > Connected Apps OAuth Usage after the first authorization.
 */
export const CODE42_APP_NAME_PATTERNS = ["code42", "incydr"];
