import { LightningElement } from "lwc";
import getHealthFacts from "@salesforce/apex/Code42HealthController.getHealthFacts";
import {
  evaluateChecks,
  connectionStatus,
  REQUIRED_PERMISSIONS,
  permissionStatus,
  SETUP_LINKS,
  THRESHOLDS,
  loginRateState,
  formatCount,
  SERVICE_PERMISSION_SET,
  SERVICE_PROFILE,
  DASHBOARD_PERMISSION_SET,
  EVENT_MONITORING_ENTITIES
} from "c/code42Rules";
import {
  buildFacts,
  readSavedPreflight,
  withSavedStreams,
  readableError,
  PREFLIGHT_COMMAND,
  ACCESS_ERRORS_COMMAND
} from "./healthFacts";

const STATE_LOOK = {
  Monitoring: {
    icon: "utility:success",
    variant: "success",
    badge: "slds-badge slds-theme_success"
  },
  Warning: {
    icon: "utility:warning",
    variant: "warning",
    badge: "slds-badge slds-theme_warning"
  },
  Error: {
    icon: "utility:error",
    variant: "error",
    badge: "slds-badge slds-theme_error"
  }
};

const CHECK_LOOK = {
  pass: { label: "Pass", badge: "slds-badge slds-theme_success" },
  warn: { label: "Warning", badge: "slds-badge slds-theme_warning" },
  fail: { label: "Fail", badge: "slds-badge slds-theme_error" },
  skip: { label: "Not checked", badge: "slds-badge" }
};

const PERMISSION_LOOK = {
  granted: { label: "Granted", badge: "slds-badge slds-theme_success" },
  missing: { label: "Missing", badge: "slds-badge slds-theme_error" },
  unknown: { label: "Unknown", badge: "slds-badge" }
};

const SOURCE_TYPE_LABELS = {
  profile: "Profile",
  permissionSet: "Permission set",
  permissionSetGroup: "Permission set group"
};

function yesNo(value, yes, no, unknown) {
  if (value === true) return yes;
  if (value === false) return no;
  return unknown;
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
        eventMonitoringEntities: EVENT_MONITORING_ENTITIES
      });
      const facts = buildFacts(raw);
      const saved = readSavedPreflight(raw && raw.latestPreflight);
      const results = withSavedStreams(evaluateChecks(facts), saved);
      this.raw = raw || {};
      this.facts = facts;
      this.savedPreflight = saved;
      this.results = results;
      this.status = connectionStatus(results);
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

  get statusIcon() {
    return this.stateLook.icon;
  }

  get statusVariant() {
    return this.stateLook.variant;
  }

  get statusBadgeClass() {
    return this.stateLook.badge;
  }

  get statusAltText() {
    return `Connection status: ${this.status.state}`;
  }

  get statusHeadline() {
    const state = this.status.state;
    if (state === "Monitoring") return "The connection is healthy";
    if (state === "Error") return "Code42 stops monitoring";
    return "Something needs attention";
  }

  get isMonitoring() {
    return this.status && this.status.state === "Monitoring";
  }

  get orgLine() {
    const org = this.facts && this.facts.org;
    if (!org) {
      return this.facts.unavailable.org || "The org could not be read.";
    }
    return `${org.name} · ${org.edition}${org.isSandbox ? " · Sandbox" : ""}`;
  }

  get collectedAt() {
    return this.facts && this.facts.collectedAt;
  }

  // ----- service users ---------------------------------------------------------------

  get serviceUsersUnreadable() {
    return this.facts && !Array.isArray(this.facts.serviceUsers);
  }

  get serviceUsersUnavailableReason() {
    return (
      this.facts.unavailable.serviceUsers ||
      "The service account user could not be read."
    );
  }

  get noServiceUser() {
    return (
      Array.isArray(this.facts && this.facts.serviceUsers) &&
      this.facts.serviceUsers.length === 0
    );
  }

  get severalServiceUsers() {
    return (
      Array.isArray(this.facts && this.facts.serviceUsers) &&
      this.facts.serviceUsers.length > 1
    );
  }

  get serviceUserCountText() {
    return `${this.facts.serviceUsers.length} users look like the Code42 service account. Code42 uses the one that authorized the connection: keep only that one assigned.`;
  }

  get serviceUsers() {
    const users = (this.facts && this.facts.serviceUsers) || [];
    const limit = THRESHOLDS.loginsPerHourLimit;
    const userLoginReason =
      this.facts.unavailable.userLogin ||
      "Not readable (UserLogin needs Manage Users).";
    return users.map((user) => {
      const logins = user.loginsLastHour;
      const rate = loginRateState(user);
      const loginsKnown = rate !== "unknown";
      const permissions = permissionStatus(user).map((perm) => {
        const look = PERMISSION_LOOK[perm.state];
        return {
          key: perm.name,
          name: perm.name,
          label: perm.label,
          stateLabel: look.label,
          badgeClass: look.badge,
          confidenceNote:
            perm.confidence === "unconfirmed" ? "not confirmed by Code42" : "",
          sources:
            perm.sources.length > 0
              ? perm.sources
                  .map(
                    (s) => `${SOURCE_TYPE_LABELS[s.type] || s.type}: ${s.name}`
                  )
                  .join("; ")
              : perm.state === "unknown"
                ? user.grantsUnavailable || "Not exposed by this org"
                : "—"
        };
      });
      return {
        key: user.id || user.username,
        name: user.name,
        username: user.username,
        email: user.email,
        profileName: user.profileName || "—",
        licenseName: user.licenseName || "—",
        lastLoginDate: user.lastLoginDate,
        neverLoggedIn: !user.lastLoginDate,
        activeText: yesNo(user.isActive, "Active", "Deactivated", "Unknown"),
        activeBadge:
          user.isActive === false
            ? "slds-badge slds-theme_error"
            : "slds-badge slds-theme_success",
        frozenText: yesNo(user.isFrozen, "Frozen", "Not frozen", "Unknown"),
        frozenBadge:
          user.isFrozen === true
            ? "slds-badge slds-theme_error"
            : user.isFrozen === false
              ? "slds-badge slds-theme_success"
              : "slds-badge",
        lockedText: yesNo(
          user.isPasswordLocked,
          "Password-locked",
          "Not locked",
          "Unknown"
        ),
        lockedBadge:
          user.isPasswordLocked === true
            ? "slds-badge slds-theme_error"
            : user.isPasswordLocked === false
              ? "slds-badge slds-theme_success"
              : "slds-badge",
        userLoginUnknown: user.isFrozen === null || user.isFrozen === undefined,
        userLoginReason,
        loginsText: loginsKnown
          ? `${formatCount(logins)} of ${formatCount(limit)}`
          : "Unknown",
        loginsNote: !loginsKnown
          ? this.facts.unavailable.loginHistory ||
            "Login History could not be read."
          : rate === "exceeded"
            ? "Limit reached (LOGIN_RATE_EXCEEDED)"
            : rate === "near"
              ? "Close to the limit"
              : "",
        loginsBadge:
          rate === "exceeded"
            ? "slds-badge slds-theme_error"
            : rate === "near"
              ? "slds-badge slds-theme_warning"
              : "slds-badge",
        permissions,
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
    return formatCount(h.totalCount);
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

  get eventMonitoringText() {
    const em = this.facts.eventMonitoring;
    if (!em) {
      return this.facts.unavailable.eventMonitoring || "Could not be read.";
    }
    return em.available
      ? `Available (${em.evidence}).`
      : `Not available (${em.evidence}): this org has no Event Monitoring or Shield add-on.`;
  }

  get eventMonitoringBadge() {
    const em = this.facts.eventMonitoring;
    if (!em) return "slds-badge";
    return em.available
      ? "slds-badge slds-theme_success"
      : "slds-badge slds-theme_error";
  }

  get eventMonitoringLabel() {
    const em = this.facts.eventMonitoring;
    if (!em) return "Unknown";
    return em.available ? "Available" : "Missing";
  }

  /** Files Apex counted (it never downloads or parses them: they can be very large). */
  get insufficientAccessFiles() {
    const ia = this.raw && this.raw.insufficientAccess;
    return ia ? ia.logFilesLast7Days || 0 : 0;
  }

  get insufficientAccessWho() {
    const names = (
      this.facts && Array.isArray(this.facts.serviceUsers)
        ? this.facts.serviceUsers
        : []
    )
      .map((u) => u.username)
      .filter(Boolean);
    if (names.length === 0) return "the Code42 service user";
    return `the service ${names.length === 1 ? "user" : "users"} ${names.join(", ")}`;
  }

  get insufficientAccessText() {
    const ia = this.raw && this.raw.insufficientAccess;
    if (!ia) {
      return (
        (this.facts.unavailable && this.facts.unavailable.insufficientAccess) ||
        "Not readable."
      );
    }
    const n = this.insufficientAccessFiles;
    return n > 0
      ? `${formatCount(n)} Insufficient Access event log ${n === 1 ? "file" : "files"} from the last 7 days may hold access errors of ${this.insufficientAccessWho}. The dashboard only counts the files; to see each error (user, object, record, requested access and why), run:`
      : `No Insufficient Access event log files in the last 7 days: no access errors were recorded for ${this.insufficientAccessWho}.`;
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
    const s = this.savedPreflight && this.savedPreflight.status;
    return CHECK_LOOK[s] || CHECK_LOOK.skip;
  }

  get savedStatusBadge() {
    return this.savedStatusLook.badge;
  }

  get savedStatusLabel() {
    return this.savedStatusLook.label;
  }

  get streamChecks() {
    if (!this.savedPreflight) return [];
    return this.savedPreflight.streamChecks.map((c) => {
      const look = CHECK_LOOK[c.status] || CHECK_LOOK.skip;
      return {
        key: c.id,
        label: c.label,
        message: c.message,
        statusLabel: look.label,
        badgeClass: look.badge
      };
    });
  }

  // ----- problems and remediation -----------------------------------------------------

  get problems() {
    return (this.results || [])
      .filter((r) => r.status === "warn" || r.status === "fail")
      .map((r) => {
        const look = CHECK_LOOK[r.status];
        return {
          key: r.id,
          id: r.id,
          title: r.title,
          message: r.message,
          statusLabel: look.label,
          badgeClass: look.badge,
          headingId: `problem-${r.id}`,
          steps: (r.remediation || []).map((text, i) => ({
            key: `${r.id}-${i}`,
            text
          })),
          setupLabel: r.setupLink ? r.setupLink.label : null,
          setupUrl: r.setupLink ? r.setupLink.path : null,
          fromSavedPreflight: !!r.fromSavedPreflight
        };
      });
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
