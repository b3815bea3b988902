// ESLint 9 flat config: typescript-eslint plus the sf plugin rules (eslint-plugin-sf-plugin).
import tseslint from 'typescript-eslint';
import { fixupPluginRules } from '@eslint/compat';
import sfPluginLegacy from 'eslint-plugin-sf-plugin';

// eslint-plugin-sf-plugin 1.x still calls context.getAncestors(), removed in ESLint 9.
const sfPlugin = { ...sfPluginLegacy, rules: fixupPluginRules(sfPluginLegacy).rules };

export default tseslint.config(
  { ignores: ['lib/**', 'src/rules/**', 'node_modules/**', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    plugins: { 'sf-plugin': sfPlugin },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...sfPlugin.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'off',
      'no-await-in-loop': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      'sf-plugin/no-hardcoded-messages-flags': 'off',
    },
  }
);
