// One lint config for the whole repository: the recommended rules and a few of ours.
// Which folder may import which (the layer table: contract at the bottom, core free of
// Electron, the renderer only through the contract) is enforced by dependency-cruiser,
// .dependency-cruiser.cjs, which `npm run lint` runs after eslint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release-builds/**', 'test-results/**', 'assets/**/*.js', 'assets/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'eslint.config.js', '.dependency-cruiser.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals or an as-const object.' }],
    },
  },
);
