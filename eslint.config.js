const { defineConfig } = require('eslint/config');
const eslintJs = require('@eslint/js');
const globals = require('globals');
const jestPlugin = require('eslint-plugin-jest');
const lwcConfig = require('@salesforce/eslint-config-lwc/recommended');

// Flat config (ESLint 9): LWC rules for force-app, plain Node rules for scripts/.
// plugin/ (TypeScript) is linted by its own package; the simulator is ESM JavaScript.
module.exports = defineConfig([
  {
    ignores: [
      '**/node_modules/**',
      '.tmp/**',
      '.sf/**',
      '.sfdx/**',
      '.localdevserver/**',
      'coverage/**',
      'plugin/**',
      'scripts/org-simulator/src/schema/**',
      'scripts/**/dist/**'
    ]
  },

  // LWC components
  {
    files: ['force-app/main/default/lwc/**/*.js'],
    extends: [lwcConfig]
  },

  // LWC jest tests
  {
    files: ['force-app/main/default/lwc/**/__tests__/**/*.js', 'force-app/main/default/lwc/**/*.test.js'],
    extends: [lwcConfig],
    rules: {
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
    },
    languageOptions: {
      globals: { ...globals.node, ...jestPlugin.environments.globals.globals }
    }
  },

  // Node scripts: CommonJS .js, ESM .mjs
  {
    files: ['scripts/**/*.js', 'scripts/**/*.mjs', '*.js', 'config/*.js'],
    extends: [eslintJs.configs.recommended],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'commonjs',
      globals: { ...globals.node }
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }]
    }
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { sourceType: 'module' }
  },

  // Browser-side modules and page callbacks of the browser preview (ESM, run in Chromium)
  {
    files: ['scripts/browser-preview/**/*.js', 'scripts/browser-preview/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser }
    }
  },

  // The org simulator: an ESM package (src, tests with node:test)
  {
    files: ['scripts/org-simulator/**/*.js'],
    languageOptions: { sourceType: 'module' }
  },

  // Node-side jest tests under scripts/ (ESM syntax, transformed by jest)
  {
    files: ['scripts/**/__tests__/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.node, ...jestPlugin.environments.globals.globals }
    }
  }
]);
