import { THRESHOLDS } from "../thresholds.js";
import { checkDefinition } from "../catalogue/checks.js";
import { isUnknown, result } from "./result.js";
import { formatCount, plural } from "../format.js";

export function evaluateScope(facts) {
  const scope = facts.scope;
  if (!scope || scope.mode === "all" || isUnknown(scope.mode)) {
    return result(
      "scope-entries",
      "skip",
      'Scope is "All users": no scoping CSV to check.'
    );
  }
  const entries = scope.entries || 0;
  const unmatched = scope.unmatched || [];
  const groups = scope.mode === "groups";
  const limitStep = checkDefinition("scope-entries").remediation[0];
  // Public Groups is the Setup page for a groups CSV only; a users CSV has no page to fix it in.
  const link = groups ? undefined : { setupLink: undefined };
  if (entries > THRESHOLDS.maxScopeEntries) {
    return result(
      "scope-entries",
      "fail",
      `The scoping CSV has ${formatCount(entries)} entries; Code42 accepts at most ${formatCount(THRESHOLDS.maxScopeEntries)}.`,
      {
        unmatched,
        ...link,
        remediation: [
          limitStep,
          `Bring the file to at most ${formatCount(THRESHOLDS.maxScopeEntries)} rows (remove repeated rows and users who do not export reports)${groups ? "" : ", or scope by public groups instead"}, then run the preflight again.`
        ]
      }
    );
  }
  if (entries === 0) {
    return result(
      "scope-entries",
      "fail",
      "The scoping CSV has no entries: Code42 would monitor nobody.",
      {
        unmatched,
        ...link,
        remediation: [
          limitStep,
          groups
            ? "Put one public group per row (its Name, DeveloperName or Id), with or without a header row naming the column, and save the file as CSV UTF-8."
            : "Put one user per row (their username, email or 15/18-character Id), with or without a header row naming the column, and save the file as CSV UTF-8."
        ]
      }
    );
  }
  if (unmatched.length > 0) {
    const shown = unmatched
      .slice(0, 10)
      .map((u) => (typeof u === "string" ? u : `row ${u.row}: ${u.value}`))
      .join("; ");
    const more =
      unmatched.length > 10 ? `; and ${unmatched.length - 10} more` : "";
    return result(
      "scope-entries",
      "warn",
      `${plural(unmatched.length, "row matches", "rows match")} no ${groups ? "public group" : "user"}: ${shown}${more}.`,
      { unmatched, ...link }
    );
  }
  return result(
    "scope-entries",
    "pass",
    `All ${plural(entries, "entry", "entries")} match a ${groups ? "public group" : "user"}.`,
    { unmatched: [] }
  );
}
