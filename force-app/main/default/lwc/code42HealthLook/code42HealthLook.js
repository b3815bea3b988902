/*
 * The look of the Code42 Health dashboard: SLDS badge classes and the labels of each state the
 * rules (c/code42Rules) answer. Only looks live here; the rules decide and word everything else.
 */
export const BADGE = {
  success: "slds-badge slds-theme_success",
  warning: "slds-badge slds-theme_warning",
  error: "slds-badge slds-theme_error",
  neutral: "slds-badge"
};

/** `label` and `badge` of a check status. */
export const CHECK_LOOK = {
  pass: { label: "Pass", badge: BADGE.success },
  warn: { label: "Warning", badge: BADGE.warning },
  fail: { label: "Fail", badge: BADGE.error },
  skip: { label: "Not checked", badge: BADGE.neutral }
};

/** The badge of a serviceUserFlags() state of c/code42Rules. */
export const FLAG_BADGE = {
  good: BADGE.success,
  bad: BADGE.error,
  unknown: BADGE.neutral
};
