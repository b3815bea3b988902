// Shared test facts: a healthy authorization step (used by more than one rules test).
export const SVC = '005000000000001AAA';
export const NOW = '2026-06-01T12:00:00.000Z';
export function healthyConnection(extra = {}, userExtra = {}) {
  return {
    apps: [
      { id: '0H4000000000001AAA', name: 'Code42', adminApprovedOnly: true, admitted: [{ type: 'permissionSet', name: 'Code42_Service_Account' }] },
    ],
    approvePermission: { field: 'PermissionsApproveUninstalledConnectedApps', label: 'Approve Uninstalled Connected Apps' },
    tokens: [{ appName: 'Code42', userId: SVC, createdDate: '2026-05-01T00:00:00.000Z', lastUsedDate: '2026-06-01T11:00:00.000Z', useCount: 420 }],
    salesforceLicence: { name: 'Salesforce', total: 50, used: 40 },
    users: {
      [SVC]: {
        apiOnly: false,
        approveUninstalled: false,
        permissionSetNames: ['Code42_Service_Account'],
        loginIpRanges: [],
        loginHours: {},
        ...userExtra,
      },
    },
    ...extra,
  };
}
