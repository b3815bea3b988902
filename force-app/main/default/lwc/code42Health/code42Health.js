import { LightningElement } from "lwc";
import getHealthFacts from "@salesforce/apex/Code42HealthController.getHealthFacts";
import {
  dashboardStatus,
  eventMonitoringState,
  severalServiceUsersText,
  REQUIRED_PERMISSIONS,
  permissionStatus,
  SETUP_LINKS,
  THRESHOLDS,
  loginRateState,
  formatCount,
  SERVICE_PERMISSION_SET,
  SERVICE_PROFILE,
  DASHBOARD_PERMISSION_SET,
  EVENT_MONITORING_ENTITIES,
  INSUFFICIENT_ACCESS_EVENT
} from "c/code42Rules";
import {
  buildFacts,
  readSavedPreflight,
  readableError,
  PREFLIGHT_COMMAND,
  ACCESS_ERRORS_COMMAND
} from "./healthFacts";

const BADGE = {
  success: "slds-badge slds-theme_success",
  warning: "slds-badge slds-theme_warning",
  error: "slds-badge slds-theme_error",
  neutral: "slds-badge"
};

const STATE_LOOK = {
  Monitoring: {
    icon: "utility:success",
    variant: "success",
    badge: BADGE.success,
    headline: "The connection is healthy"
  },
  Warning: {
    icon: "utility:warning",
    variant: "warning",
    badge: BADGE.warning,
    headline: "Something needs attention"
  },
  Error: {
    icon: "utility:error",
    variant: "error",
    badge: BADGE.error,
    headline: "Code42 stops monitoring"
  }
};

/** `label` and `badge` of a check status (CHECK_LOOK) or a permission state (PERMISSION_LOOK). */
const CHECK_LOOK = {
  pass: { label: "Pass", badge: BADGE.success },
  warn: { label: "Warning", badge: BADGE.warning },
  fail: { label: "Fail", badge: BADGE.error },
  skip: { label: "Not checked", badge: BADGE.neutral }
};

const PERMISSION_LOOK = {
  granted: { label: "Granted", badge: BADGE.success },
  missing: { label: "Missing", badge: BADGE.error },
  unknown: { label: "Unknown", badge: BADGE.neutral }
};

/** Label and badge per eventMonitoringState() of c/code42Rules. */
const EVENT_MONITORING_LOOK = {
  available: { label: "Available", badge: BADGE.success },
  missing: { label: "Missing", badge: BADGE.error },
  unknown: { label: "Unknown", badge: BADGE.neutral }
};

/** Badge and note per loginRateState() of c/code42Rules; `unknown` takes the reason. */
const LOGIN_RATE_LOOK = {
  exceeded: { badge: BADGE.error, note: "Limit reached (LOGIN_RATE_EXCEEDED)" },
  near: { badge: BADGE.warning, note: "Close to the limit" },
  ok: { badge: BADGE.neutral, note: "" },
  unknown: { badge: BADGE.neutral, note: "" }
};

const SOURCE_TYPE_LABELS = {
  profile: "Profile",
  permissionSet: "Permission set",
  permissionSetGroup: "Permission set group"
};

/**
 * A user flag as text and badge: `badWhen` is the value that is a problem (error badge), the
 * other known value is fine (success badge), null or undefined is unknown (neutral badge).
 */
function flag(value, texts, badWhen) {
  if (value !== true && value !== false) {
    return { text: "Unknown", badge: BADGE.neutral };
  }
  return {
    text: value ? texts.yes : texts.no,
    badge: value === badWhen ? BADGE.error : BADGE.success
  };
}

function grantSourcesText(perm, user) {
  if (perm.sources.length > 0) {
    return perm.sources
      .map((s) => `${SOURCE_TYPE_LABELS[s.type] || s.type}: ${s.name}`)
      .join("; ");
  }
  if (perm.state === "unknown") {
    return user.grantsUnavailable || "Not exposed by this org";
  }
  return "—";
}

function permissionRows(user) {
  return permissionStatus(user).map((perm) => ({
    key: perm.name,
    name: perm.name,
    label: perm.label,
    look: PERMISSION_LOOK[perm.state],
    confidenceNote:
      perm.confidence === "unconfirmed" ? "not confirmed by Code42" : "",
    sources: grantSourcesText(perm, user)
  }));
}

export default class Code42Health extends LightningElement {
  isLoading = false;
  errorMessage;
  facts;
  results;
  status;
  savedPreflight;
  raw;

  recheckMinutes = THRESHOLDS.code42RecheckMinutes;
  preflightCommand = PREFLIGHT_COMMAND;
  accessErrorsCommand = ACCESS_ERRORS_COMMAND;
  servicePermissionSet = SERVICE_PERMISSION_SET;
  serviceProfile = SERVICE_PROFILE;
  dashboardPermissionSet = DASHBOARD_PERMISSION_SET;
  permissionSetsLink = SETUP_LINKS.permissionSets;

  /** The watch timeline judges each stored snapshot with this same pipeline. */
  evaluateSnapshot = (raw) =>
    dashboardStatus(
      buildFacts(raw),
      readSavedPreflight(raw && raw.latestPreflight)
    ).status;

  connectedCallback() {
    this.load();
  }

  handleRefresh() {
    this.load();
  }

  async load() {
    this.isLoading = true;
    this.errorMessage = undefined;
    try {
      const raw = await getHealthFacts({
        permissionNames: REQUIRED_PERMISSIONS.map((p) => p.name),
        servicePermissionSet: SERVICE_PERMISSION_SET,
        serviceProfile: SERVICE_PROFILE,
        eventMonitoringEntities: EVENT_MONITORING_ENTITIES,
        permissionLabels: Object.fromEntries(
          REQUIRED_PERMISSIONS.filter((p) => p.findByLabel).map((p) => [
            p.name,
            p.label
          ])
        )
      });
      const facts = buildFacts(raw);
      const saved = readSavedPreflight(raw && raw.latestPreflight);
      const { results, status } = dashboardStatus(facts, saved);
      this.raw = raw || {};
      this.facts = facts;
      this.savedPreflight = saved;
      this.results = results;
      this.status = status;
    } catch (error) {
      this.facts = undefined;
      this.results = undefined;
      this.status = undefined;
      this.savedPreflight = undefined;
      this.errorMessage = readableError(error);
    } finally {
      this.isLoading = false;
    }
  }

  // ----- state flags -----------------------------------------------------------------

  get hasData() {
    return !!this.status && !this.errorMessage;
  }

  get showInitialSpinner() {
    return this.isLoading && !this.hasData;
  }

  get refreshDisabled() {
    return this.isLoading;
  }

  // ----- overall status --------------------------------------------------------------

  get stateLook() {
    return STATE_LOOK[this.status.state] || STATE_LOOK.Warning;
  }

  get statusAltText() {
    return `Connection status: ${this.status.state}`;
  }

  get orgLine() {
    const org = this.facts.org;
    if (!org) {
      return this.facts.unavailable.org || "The org could not be read.";
    }
    return `${org.name} · ${org.edition}${org.isSandbox ? " · Sandbox" : ""}`;
  }

  get collectedAt() {
    return this.facts.collectedAt;
  }

  // ----- service users ---------------------------------------------------------------

  get serviceUsersUnreadable() {
    return !Array.isArray(this.facts.serviceUsers);
  }

  get serviceUsersUnavailableReason() {
    return (
      this.facts.unavailable.serviceUsers ||
      "The service account user could not be read."
    );
  }

  get noServiceUser() {
    return this.facts.serviceUsers?.length === 0;
  }

  get severalServiceUsers() {
    return this.facts.serviceUsers?.length > 1;
  }

  get serviceUserCountText() {
    return severalServiceUsersText(this.facts);
  }

  get serviceUsers() {
    const unavailable = this.facts.unavailable;
    const userLoginReason =
      unavailable.userLogin || "Not readable (UserLogin needs Manage Users).";
    const loginHistoryReason =
      unavailable.loginHistory || "Login History could not be read.";
    const limit = formatCount(THRESHOLDS.loginsPerHourLimit);
    return (this.facts.serviceUsers || []).map((user) => {
      const rate = loginRateState(user);
      const known = rate !== "unknown";
      return {
        key: user.id || user.username,
        name: user.name,
        username: user.username,
        email: user.email,
        profileName: user.profileName || "—",
        licenseName: user.licenseName || "—",
        lastLoginDate: user.lastLoginDate,
        neverLoggedIn: !user.lastLoginDate,
        active: flag(
          user.isActive,
          { yes: "Active", no: "Deactivated" },
          false
        ),
        frozen: flag(user.isFrozen, { yes: "Frozen", no: "Not frozen" }, true),
        locked: flag(
          user.isPasswordLocked,
          { yes: "Password-locked", no: "Not locked" },
          true
        ),
        userLoginUnknown: user.isFrozen === null || user.isFrozen === undefined,
        userLoginReason,
        loginsText: known
          ? `At least ${formatCount(user.loginsLastHour)} of ${limit}`
          : "Unknown",
        loginsNote: known ? LOGIN_RATE_LOOK[rate].note : loginHistoryReason,
        loginsBadge: LOGIN_RATE_LOOK[rate].badge,
        permissions: permissionRows(user),
        permissionsCaption: `Required permissions of ${user.username}`
      };
    });
  }

  // ----- holders, limits, event monitoring -------------------------------------------

  get holdersText() {
    const h = this.facts.holders;
    if (!h) {
      return (
        this.facts.unavailable.holders ||
        "Export Reports holders could not be counted."
      );
    }
    // Same meaning as the CLI's count (no expired or inactive assignment, no group that
    // mutes Export Reports); when muting could not be read, say the count may include them.
    const muting = this.facts.unavailable.holdersMuting;
    return muting
      ? `${formatCount(h.totalCount)} (${muting})`
      : formatCount(h.totalCount);
  }

  get holdersKnown() {
    return !!this.facts.holders;
  }

  get apiText() {
    const l = this.facts.limits;
    if (!l || !l.dailyApiRequests) {
      return this.facts.unavailable.limits || "Not readable.";
    }
    const { max, remaining } = l.dailyApiRequests;
    return `${formatCount(remaining)} of ${formatCount(max)} remain today`;
  }

  get eventMonitoring() {
    const { state, text } = eventMonitoringState(this.facts);
    return { ...EVENT_MONITORING_LOOK[state], text };
  }

  /** Files Apex counted (it never downloads or parses them: they can be very large). */
  get insufficientAccessFiles() {
    const ia = this.raw && this.raw.insufficientAccess;
    return ia ? ia.logFilesLast7Days || 0 : 0;
  }

  get insufficientAccessWho() {
    const names = (
      Array.isArray(this.facts.serviceUsers) ? this.facts.serviceUsers : []
    )
      .map((u) => u.username)
      .filter(Boolean);
    if (names.length === 0) return "the Code42 service user";
    return `the service ${names.length === 1 ? "user" : "users"} ${names.join(", ")}`;
  }

  get insufficientAccessText() {
    const ia = this.raw && this.raw.insufficientAccess;
    if (!ia) {
      return this.facts.unavailable.insufficientAccess || "Not readable.";
    }
    const n = this.insufficientAccessFiles;
    return n > 0
      ? `${formatCount(n)} Insufficient Access event log ${n === 1 ? "file" : "files"} from the last 7 days may hold access errors of ${this.insufficientAccessWho}. The dashboard only counts the files; to see each error (user, object, record, requested access and why), run:`
      : `No Insufficient Access event log files in the last 7 days, which does not mean that ${this.insufficientAccessWho} had no access errors. ${INSUFFICIENT_ACCESS_EVENT.action}`;
  }

  /** What Salesforce logs at all, next to any count: "0 errors" is not "no access problems". */
  get insufficientAccessCoverage() {
    const ia = this.raw && this.raw.insufficientAccess;
    return ia
      ? `${INSUFFICIENT_ACCESS_EVENT.disabledByDefault} ${INSUFFICIENT_ACCESS_EVENT.covers}`
      : null;
  }

  get showAccessErrorsCommand() {
    return this.insufficientAccessFiles > 0;
  }

  // ----- saved preflight / streams ----------------------------------------------------

  get hasSavedPreflight() {
    return !!this.savedPreflight;
  }

  get savedPreflightUnavailable() {
    return this.facts.unavailable.latestPreflight;
  }

  get savedStatusLook() {
    return CHECK_LOOK[this.savedPreflight.status] || CHECK_LOOK.skip;
  }

  get streamChecks() {
    return this.savedPreflight.streamChecks.map((c) => ({
      key: c.id,
      label: c.label,
      message: c.message,
      look: CHECK_LOOK[c.status] || CHECK_LOOK.skip
    }));
  }

  // ----- problems and remediation -----------------------------------------------------

  get problems() {
    return (this.results || [])
      .filter((r) => r.status === "warn" || r.status === "fail")
      .map((r) => ({
        key: r.id,
        id: r.id,
        title: r.title,
        message: r.message,
        look: CHECK_LOOK[r.status],
        steps: (r.remediation || []).map((text, i) => ({
          key: `${r.id}-${i}`,
          text
        })),
        setupLabel: r.setupLink ? r.setupLink.label : null,
        setupUrl: r.setupLink ? r.setupLink.path : null
      }));
  }

  get hasProblems() {
    return this.problems.length > 0;
  }

  get notChecked() {
    return (this.results || [])
      .filter((r) => r.status === "skip")
      .map((r) => ({ key: r.id, title: r.title, message: r.message }));
  }

  get hasNotChecked() {
    return this.notChecked.length > 0;
  }
}
