export const THRESHOLDS = {
  /** Salesforce blocks a user's logins above this many per hour (help article 000381578). */
  loginsPerHourLimit: 3600,
  /** Warn when the last hour's logins reach this share of the limit. */
  loginsPerHourWarnRatio: 0.8,
  /** Code42 accepts at most this many entries in a scoping CSV. */
  maxScopeEntries: 1000,
  /** Warn when the org's remaining daily API requests fall below this share. */
  apiRemainingWarnRatio: 0.1,
  /** Fail when fewer than this many daily API requests remain. */
  apiRemainingFailAbsolute: 100,
  /** Code42 re-checks and clears connection errors within this many minutes. */
  code42RecheckMinutes: 20,
  /**
   * Warn when Code42's OAuth token has not been used for this many days. Code42 reads the event
   * streams continuously, so a week without use means it stopped or lost access. Our choice:
   * Code42 publishes no figure.
   */
  oauthTokenUnusedDays: 7
};
