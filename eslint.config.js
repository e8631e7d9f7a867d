// One lint config for the whole repository. Besides the recommended rules it enforces
// the layer boundaries the README's layout describes: the domain core never imports Electron, and the
// renderer never imports Node, Electron or node-pty (test/architecture.test.ts checks
// the same by reading the files, so neither can be switched off alone).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'net', 'http', 'crypto', 'stream', 'url', 'util', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release-builds/**', 'test-results/**', 'assets/**/*.js', 'assets/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals or an as-const object.' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/pty/**', 'test/**', 'bench/**', 'main/transport/ipc-main.ts', 'main/electron/electron-main.ts', 'preload/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node-pty', message: 'Only main/pty touches node-pty.' },
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Raw IPC lives only in main/transport/ipc-main.ts and preload/preload.ts: go through the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'node-pty', message: 'Only main/pty touches node-pty.' }],
          patterns: [
            { group: ['electron', 'electron/*'], message: 'main/core runs under plain Node: no Electron here.' },
            {
              group: ['**/renderer/**', '**/electron/**', '**/transport/**', '**/api/**'],
              message: 'main/core is the bottom layer: it imports no upper layer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks only to the contract client.' },
            { name: 'node-pty', message: 'node-pty lives in main/pty only.' },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs in a sandbox: no Node modules.' },
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer imports only contract types and its client.' },
          ],
        },
      ],
    },
  },
);
