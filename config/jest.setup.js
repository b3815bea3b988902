// Setup for every root jest test file (jest.config.js setupFilesAfterEnv).
// LWC tests run in jsdom: they get @lwc/jest-preset's setup (synthetic shadow, wire adapter
// mocks) and @sa11y/jest's `await expect(element).toBeAccessible()` matcher.
// Node-side tests under scripts/ (`/** @jest-environment node */`) have no DOM, so the LWC
// setup, which needs one, is skipped for them.
if (typeof Element !== 'undefined') {
  const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');
  for (const setupFile of jestConfig.setupFilesAfterEnv || []) {
    require(setupFile);
  }
  const { registerSa11yMatcher } = require('@sa11y/jest');
  registerSa11yMatcher();
}
