/*
 * One base fixture (data/healthy.json, the answer of Code42HealthController.getHealthFacts for a
 * healthy org) and the changes each dashboard state needs. Jest tests and the browser preview
 * (scripts/browser-preview/build.mjs) both build their states here, so a new fact is added to the
 * base once instead of to fourteen copies.
 *
 * Merge rule of factsWith(overrides): objects merge key by key, an `undefined` value deletes the
 * key, arrays merge element by element (an override array's length wins, so [] empties a list),
 * anything else replaces.
 */
const HEALTHY = require("./data/healthy.json");

const copy = (value) => JSON.parse(JSON.stringify(value));
const isObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function merge(base, override) {
  if (Array.isArray(override)) {
    const list = Array.isArray(base) ? base : [];
    return override.map((item, i) => merge(list[i], item));
  }
  if (isObject(override)) {
    const result = isObject(base) ? { ...base } : {};
    for (const [key, value] of Object.entries(override)) {
      if (value === undefined) {
        delete result[key];
      } else {
        result[key] = merge(result[key], value);
      }
    }
    return result;
  }
  return override;
}

/** A fresh copy of the healthy facts with `overrides` merged in. */
function factsWith(overrides = {}) {
  return copy(merge(copy(HEALTHY), overrides));
}

/** The saved preflight result of the base fixture, with `change` applied to its parsed JSON. */
function savedResultWith(change) {
  const saved = JSON.parse(HEALTHY.latestPreflight.resultJson);
  return JSON.stringify(change(saved));
}

const SA = "Code42 Service Account";
const GROUP = "Code42 Integration Group";
const grant = (type, name) => [{ type, name }];

/** Each named dashboard state as its change to the healthy facts. */
const VARIANTS = {
  healthy: {},
  deactivated: { serviceUsers: [{ isActive: false }] },
  frozen: { serviceUsers: [{ isFrozen: true }] },
  passwordLocked: { serviceUsers: [{ isPasswordLocked: true }] },
  loginRateNearLimit: { serviceUsers: [{ loginsLastHour: 3012 }] },
  rateLimited: {
    serviceUsers: [{ loginsLastHour: 3600, loginRateExceeded: true }]
  },
  missingPermission: {
    serviceUsers: [{ permissionGrants: { ApiEnabled: undefined } }]
  },
  noEventMonitoring: {
    eventMonitoring: {
      available: false,
      evidence: "ReportEvent and ReportEventStream not found in this org"
    },
    serviceUsers: [
      {
        permissionGrants: { ViewRealTimeEventMonitoringData: undefined },
        unknownPermissions: ["ViewRealTimeEventMonitoringData"]
      }
    ],
    insufficientAccess: null,
    unavailable: {
      insufficientAccess:
        "EventLogFile is not available in this org (Event Monitoring add-on)."
    }
  },
  noSavedPreflight: { latestPreflight: null },
  noServiceUser: { serviceUsers: [] },
  streamOffInSavedPreflight: {
    latestPreflight: {
      status: "fail",
      summary: "10 pass, 0 warn, 1 fail, 2 skip",
      resultJson: savedResultWith((saved) => ({
        ...saved,
        summary: { pass: 10, warn: 0, fail: 1, skip: 2 },
        checks: saved.checks.map((check) => {
          if (check.id !== "stream-report-event") {
            return check;
          }
          return {
            ...check,
            status: "fail",
            message:
              "Report Event streaming is not enabled (ReportEventStream). Code42 monitoring requires that streaming of this event is enabled in the Salesforce Event Manager; without it the connection goes to Error.",
            remediation: [
              'In Setup, open Event Manager (Event Monitoring > Event Manager), find "Report Event" and choose "Enable Streaming" from its row menu.'
            ]
          };
        })
      }))
    }
  },
  twoServiceUsers: {
    serviceUsers: [
      {},
      merge(HEALTHY.serviceUsers[0], {
        id: "005Hs00000C42OldIAA",
        username: "code42.old@acme.example",
        name: "Code42 Old Integration",
        isActive: false,
        lastLoginDate: null,
        loginsLastHour: 0,
        permissionGrants: {
          CustomizeApplication: undefined,
          ViewSetup: undefined,
          ViewRoles: undefined,
          ManageCustomPermissions: undefined
        }
      })
    ]
  },
  userLoginUnreadable: {
    serviceUsers: [{ isFrozen: null, isPasswordLocked: null }],
    unavailable: {
      userLogin:
        "Frozen and locked state could not be read (UserLogin needs the Manage Users permission): Insufficient privileges."
    }
  },
  watchTimeline: {
    serviceUsers: [
      {
        isFrozen: true,
        permissionGrants: {
          ApiEnabled: [{ name: SA }, {}],
          CustomizeApplication: grant("permissionSet", SA),
          ViewSetup: grant("permissionSet", SA),
          ViewRoles: grant("permissionSet", SA),
          ManageCustomPermissions: grant("permissionSet", SA),
          ViewRealTimeEventMonitoringData: grant("permissionSetGroup", GROUP),
          ManagePvtRptsAndDashbds: grant("permissionSetGroup", GROUP)
        }
      }
    ],
    latestPreflight: {
      resultJson: savedResultWith(({ checks, summary, org }) => ({
        checks,
        summary,
        org
      }))
    }
  }
};

/** Facts of a named state (see VARIANTS). */
function factsFor(name) {
  if (!Object.prototype.hasOwnProperty.call(VARIANTS, name)) {
    throw new Error(`No dashboard state named "${name}" in factsWith.js`);
  }
  return factsWith(VARIANTS[name]);
}

module.exports = { factsWith, factsFor, VARIANTS };
