import { REQUIRED_PERMISSIONS } from "./permissions.js";
import { THRESHOLDS } from "./thresholds.js";
import { toId18 } from "./ids.js";
import { loginRateState } from "./checks/service-user-login-rate.js";
import { isCode42AppName } from "./connection.js";

/*
 * ---------------------------------------------------------------------------------------------
 * The in-org watch (Code42HealthWatch, hourly). DATA only: the Apex job reads these values from
 * the Custom Metadata records that scripts/watch-metadata/generate.mjs builds from this block
 * (Code42_Watch_Fact__mdt, Code42_Watch_Setting__mdt); a drift test fails when they differ.
 * ---------------------------------------------------------------------------------------------
 */

/** Version of the snapshot JSON the watch stores in Code42_Watch_Snapshot__c.Facts_JSON__c. */
export const WATCH_SNAPSHOT_VERSION = 1;

/** Names of what the watch deploys, and its timing. */
export const WATCH_SETTINGS = {
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
export const WATCH_FACTS = [
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
export function watchValues(raw, now = new Date()) {
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
export function watchCanonicalText(values) {
  return Object.keys(values)
    .sort()
    .map((k) => `${k}=${values[k]}`)
    .join("\n");
}
