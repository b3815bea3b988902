import { SETUP_LINKS } from "../catalogue/setupLinks.js";
import { checkDefinition } from "../catalogue/checks.js";

export function result(id, status, message, extra) {
  const def = checkDefinition(id);
  const link = def.setupLink ? SETUP_LINKS[def.setupLink] : undefined;
  return {
    id,
    title: def.title,
    status,
    message,
    remediation:
      status === "warn" || status === "fail" ? def.remediation.slice() : [],
    setupLink: link ? { ...link } : undefined,
    ...(extra || {})
  };
}

export function isUnknown(value) {
  return value === null || value === undefined;
}

// ---------------------------------------------------------------------------------------
// Individual rules. Each takes the part of the Facts it needs and returns one result.
// A fact that is `null`/`undefined` could not be read: the rule answers `skip` with the
// reason recorded in facts.unavailable[key] when there is one.
// ---------------------------------------------------------------------------------------

export function reasonFor(facts, key, fallback) {
  return (facts.unavailable && facts.unavailable[key]) || fallback;
}

export function userLabel(user) {
  return user.username || user.name || user.id;
}

/** With several candidate service users, say which ones a vendor message is about. */
export function withUsers(message, concerned, all) {
  return all.length > 1
    ? `${message} (${concerned.map(userLabel).join(", ")})`
    : message;
}
