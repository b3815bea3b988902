/*
 * PermissionSetAssignment rows as the holders query returns them (Assignee.*, PermissionSet.*,
 * PermissionSetGroup.*), for the pure scope functions (src/scope) that take rows, not an org.
 */
export type Rec = Record<string, any>;

export function holderRow(
  id: string,
  username: string,
  via: { profile?: string; permissionSet?: string; group?: string; groupId?: string },
  extra: Rec = {}
): Rec {
  const base: Rec = {
    AssigneeId: id,
    Assignee: { Username: username, Name: username.split('@')[0], Email: username, UserRoleId: null, UserType: 'Standard' },
    PermissionSetGroupId: null,
    PermissionSetGroup: null,
    ExpirationDate: null,
    IsActive: true,
  };
  if (via.profile) {
    base.PermissionSet = { Name: 'X00ex', Label: via.profile, Type: 'Profile', IsOwnedByProfile: true, Profile: { Name: via.profile } };
  } else if (via.group) {
    base.PermissionSet = { Name: `${via.group}_agg`, Label: via.group, Type: 'Group', IsOwnedByProfile: false, Profile: null };
    base.PermissionSetGroupId = via.groupId ?? '0PG000000000001AAA';
    base.PermissionSetGroup = { DeveloperName: via.group };
  } else {
    base.PermissionSet = { Name: via.permissionSet, Label: via.permissionSet, Type: 'Regular', IsOwnedByProfile: false, Profile: null };
  }
  return { ...base, ...extra, Assignee: { ...base.Assignee, ...(extra.Assignee ?? {}) } };
}
