const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// Root jest: LWC tests (force-app/**/__tests__) and node-side tests (scripts/**/__tests__).
// Node-side test files start with a `/** @jest-environment node */` docblock; LWC tests keep jsdom.
// The plugin (mocha), the org simulator and the rules package (node --test) have their own runners.
module.exports = {
  ...jestConfig,
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
  // Only *.test.js are suites: helpers beside them in __tests__ (code42Health's factsWith.js) are not.
  testMatch: ['**/__tests__/**/*.test.js'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/plugin/',
    '<rootDir>/scripts/org-simulator/',
    '<rootDir>/packages/rules/',
    '<rootDir>/.tmp/'
  ],
  // config/jest.setup.js runs the LWC preset setup (jsdom only) and registers @sa11y/jest.
  setupFilesAfterEnv: ['<rootDir>/config/jest.setup.js']
};
