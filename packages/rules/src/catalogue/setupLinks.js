/** Setup pages named by the vendor's steps (Lightning Experience paths). */
export const SETUP_LINKS = {
  users: {
    label: "Setup > Users > Users",
    path: "/lightning/setup/ManageUsers/home"
  },
  permissionSets: {
    label: "Setup > Users > Permission Sets",
    path: "/lightning/setup/PermSets/home"
  },
  profiles: {
    label: "Setup > Users > Profiles",
    path: "/lightning/setup/EnhancedProfiles/home"
  },
  eventManager: {
    label: "Setup > Event Monitoring > Event Manager",
    path: "/lightning/setup/EventManager/home"
  },
  companyInformation: {
    label: "Setup > Company Settings > Company Information",
    path: "/lightning/setup/CompanyProfileInfo/home"
  },
  sessionManagement: {
    label: "Setup > Security > Session Management",
    path: "/lightning/setup/SessionManagementPage/home"
  },
  loginHistory: {
    label: "Setup > Users > Login History",
    path: "/lightning/setup/OrgLoginHistory/home"
  },
  systemOverview: {
    label: "Setup > System Overview",
    path: "/lightning/setup/SystemOverview/home"
  },
  publicGroups: {
    label: "Setup > Users > Public Groups",
    path: "/lightning/setup/PublicGroups/home"
  },
  // The Lightning path of Connected Apps OAuth Usage is UNCONFIRMED (no org to open it in).
  connectedAppsOAuthUsage: {
    label: "Setup > Apps > Connected Apps > Connected Apps OAuth Usage",
    path: "/lightning/setup/ConnectedAppsUsage/home"
  },
  companyInformationLicences: {
    label: "Setup > Company Settings > Company Information (User Licenses)",
    path: "/lightning/setup/CompanyProfileInfo/home"
  }
};

export const SETUP_STEPS_TO_USERS = [
  "Log into Salesforce using your administrator account.",
  "If needed, navigate to Setup: in Lightning Experience, click the Setup icon in the upper-right corner of the screen, then select Setup.",
  "Navigate to Users: under Administration, go to Users > Users."
];
