import { API_ONLY_LICENCES } from "../permissions.js";
import { isUnknown, reasonFor, result, userLabel } from "./result.js";
import { formatCount, plural } from "../format.js";

export function evaluateLicence(facts) {
  const id = "service-user-licence";
  const users = facts.serviceUsers;
  const vendor =
    "Code42 connects to your environment using a service account that requires one of your Salesforce user licenses.";
  if (Array.isArray(users) && users.length > 0) {
    const known = users.filter((u) => !isUnknown(u.licenseName));
    if (known.length === 0) {
      return result(
        id,
        "skip",
        "The service account user's licence could not be read."
      );
    }
    const apiOnly = known.filter((u) =>
      API_ONLY_LICENCES.includes(u.licenseName)
    );
    if (apiOnly.length > 0) {
      return result(
        id,
        "fail",
        `${apiOnly.map(userLabel).join(", ")} has the ${apiOnly[0].licenseName} licence, which is API-only: it cannot sign in on the login page, so it cannot complete Code42's authorization. ${vendor}`,
        { licence: apiOnly[0].licenseName }
      );
    }
    const other = known.filter((u) => u.licenseName !== "Salesforce");
    if (other.length > 0) {
      return result(
        id,
        "warn",
        `${other.map(userLabel).join(", ")} has the ${other[0].licenseName} licence, not the Salesforce licence. ${vendor} Whether Code42 works with ${other[0].licenseName} is not confirmed.`,
        { licence: other[0].licenseName }
      );
    }
    return result(
      id,
      "pass",
      `The service account user holds a Salesforce licence.`,
      { licence: "Salesforce" }
    );
  }
  const lic = facts.connection && facts.connection.salesforceLicence;
  if (!lic || isUnknown(lic.total) || isUnknown(lic.used)) {
    return result(
      id,
      "skip",
      reasonFor(
        facts,
        "userLicense",
        "The Salesforce licence count (UserLicense) could not be read."
      )
    );
  }
  const free = lic.total - lic.used;
  if (free <= 0) {
    return result(
      id,
      "warn",
      `All ${formatCount(lic.total)} Salesforce licences are in use. ${vendor} To free up a Salesforce license, you may need to reassign a user to a profile that uses a different license, or contact Salesforce to increase your license count.`,
      { total: lic.total, used: lic.used }
    );
  }
  return result(
    id,
    "pass",
    `${plural(free, "Salesforce licence is", "Salesforce licences are")} free for the service account (${formatCount(lic.used)} of ${formatCount(lic.total)} used).`,
    { total: lic.total, used: lic.used }
  );
}
