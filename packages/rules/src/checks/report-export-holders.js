import { isUnknown, reasonFor, result } from "./result.js";
import { formatCount, plural } from "../format.js";

export function evaluateHolders(facts) {
  const h = facts.holders;
  if (!h || isUnknown(h.inScopeCount)) {
    return result(
      "report-export-holders",
      "skip",
      reasonFor(facts, "holders", "Export Reports holders could not be read.")
    );
  }
  const scopeMode = (facts.scope && facts.scope.mode) || "all";
  if (h.inScopeCount === 0) {
    const base =
      scopeMode === "all"
        ? 'No active user holds "Export Reports"'
        : `No user in the ${scopeMode} scope holds "Export Reports"`;
    return result(
      "report-export-holders",
      "fail",
      `${base}, so Code42 would monitor nobody.`,
      { count: 0 }
    );
  }
  const total = isUnknown(h.totalCount)
    ? ""
    : ` (${formatCount(h.totalCount)} in the whole org)`;
  return result(
    "report-export-holders",
    "pass",
    `Code42 will monitor ${plural(h.inScopeCount, "user", "users")}${total}: each one uses one Code42 licence.`,
    { count: h.inScopeCount }
  );
}
