import { THRESHOLDS } from "../thresholds.js";
import { isUnknown, reasonFor, result, userLabel } from "./result.js";
import { plural } from "../format.js";
import {
  DAY_MS,
  code42Tokens,
  serviceUsersOrSkip,
  shortDate
} from "../connection.js";

export function evaluateAuthorization(facts) {
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
