/**
 * What the running user (org.currentUserId) may see of the objects behind the authorization checks,
 * as Salesforce documents it:
 * - OauthToken: "Users with the Customize Application permission see all tokens for all users in the
 *   org. Otherwise, you see only your own tokens." (OauthToken, Object Reference, API 32.0+)
 * - SetupEntityAccess: "As of Spring '20 and later, only users with 'View Setup and Configuration'
 *   permission can access this object." (SetupEntityAccess, Object Reference)
 * - ConnectedApplication: reading connected apps needs Customize Application ("Connected Apps",
 *   Salesforce Help, User Permissions Needed: To read: Customize Application).
 * An object the user may not read answers INVALID_TYPE, as Salesforce does for entities it hides
 * (UNCONFIRMED for these two objects: fixture-chosen).
 */
import { ApiError } from './errors.js';

/** Does the current user hold a Permissions* field through any assigned permission set (profile included)? */
export function currentUserHolds(store, permissionField) {
  const userId = store.org.currentUserId;
  const psIds = new Set(store.records('PermissionSetAssignment').filter((a) => a.AssigneeId === userId).map((a) => a.PermissionSetId));
  return store.records('PermissionSet').some((ps) => psIds.has(ps.Id) && ps[permissionField] === true);
}

const OBJECT_PERMISSION = { SetupEntityAccess: 'PermissionsViewSetup', ConnectedApplication: 'PermissionsCustomizeApplication' };

/** Throws the error Salesforce gives when the running user may not query `objectName`. */
export function assertReadable(store, objectName) {
  const needed = OBJECT_PERMISSION[objectName];
  if (needed && !currentUserHolds(store, needed) && !currentUserHolds(store, 'PermissionsModifyAllData')) {
    throw new ApiError('INVALID_TYPE', `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
}

/** The rows of `objectName` the running user can see. */
export function visibleRows(store, objectName, rows) {
  if (objectName === 'OauthToken' && !currentUserHolds(store, 'PermissionsCustomizeApplication')) {
    return rows.filter((r) => r.UserId === store.org.currentUserId);
  }
  return rows;
}
