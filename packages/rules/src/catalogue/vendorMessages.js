/**
 * Code42's own error messages, word for word (resolve-service-account-errors). They are quotes, so
 * the number in `clearsWithin` is Code42's and stays literal; a rules test ties it to
 * THRESHOLDS.code42RecheckMinutes.
 */
export const VENDOR_MESSAGES = {
  deactivated:
    "The Salesforce service account user that authorized this data connection has been deactivated. Reactivate the user account to return this data connection to monitoring.",
  frozen:
    "The Salesforce service account user that authorized this data connection has been frozen. Unfreeze the user account to return this data connection to monitoring.",
  permissions:
    "The Salesforce profile for the service account user that authorized this data connection does not have the correct permissions. Verify the profile's permissions to return this data connection to monitoring.",
  clearsWithin:
    "Code42 detects the change, automatically clears the error, and returns the connection to the Monitoring status within 20 minutes."
};
