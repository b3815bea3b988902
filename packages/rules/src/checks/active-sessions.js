import { isUnknown, reasonFor, result } from "./result.js";
import { plural } from "../format.js";

export function evaluateSessions(facts) {
  const s = facts.sessions;
  if (!s || isUnknown(s.inScopeUsersWithSessions)) {
    return result(
      "active-sessions",
      "skip",
      reasonFor(facts, "sessions", "Active sessions could not be read.")
    );
  }
  const n = s.inScopeUsersWithSessions;
  if (n === 0) {
    return result(
      "active-sessions",
      "pass",
      "No in-scope user is logged in now: Code42 will learn every username at its next login."
    );
  }
  return result(
    "active-sessions",
    "warn",
    `${plural(n, "in-scope user is", "in-scope users are")} logged in now. Code42 learns their usernames only after they log out and log back in.`,
    { count: n }
  );
}
