import { isUnknown, reasonFor, result, userLabel } from "./result.js";
import { connectionUser, serviceUsersOrSkip } from "../connection.js";

function describeHours(hours) {
  return Object.entries(hours)
    .map(([day, h]) => `${day} ${h.start || "?"}-${h.end || "?"}`)
    .join(", ");
}

export function evaluateLoginAccess(facts) {
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
