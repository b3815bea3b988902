/**
 * What Salesforce logs as Insufficient Access events, in its own words (Object Reference,
 * "InsufficientAccessEventLog"; the same event type as the InsufficientAccess event log files).
 * The CLI's help and findings (plugin/messages/code42.access-errors.md, tested for drift) and the
 * dashboard say it, so that "0 errors" is never read as "no access problems".
 */
export const INSUFFICIENT_ACCESS_EVENT = {
  disabledByDefault:
    "The Insufficient Access event type is disabled by default. You can enable this event type for a period of 24 hours by contacting Salesforce Customer Support.",
  covers:
    "It logs only some errors: sharing a case, contact or opportunity, changing its owner, or changing its parent account, when someone lacks access to the parent account (Account, Case, Contact and Opportunity records); errors of bulk operations on two or more records are not logged.",
  action:
    "To record them, ask Salesforce Customer Support to enable the Insufficient Access event type (24 hours at a time), reproduce the problem while it is on, then read the log files of that time."
};
