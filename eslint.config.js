// Lint keeps the process boundaries visible: the domain is pure, raw ipcMain/ipcRenderer live in
// one file each, and the renderer imports only types from electron/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'release/**', 'node_modules/**', 'artifacts/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/ipc/main-ipc.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the typed wrappers in electron/ipc/.' }] }],
    },
  },
  {
    files: ['electron/checkout/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net'], message: 'checkout/ is pure: no Node modules.' },
            { group: ['electron', 'react', 'react-dom', 'better-sqlite3', 'serialport', '@serialport/*', 'fastify', 'ws'], message: 'checkout/ is pure: no I/O libraries.' },
            { group: ['../*', '!../checkout/*'], message: 'checkout/ imports only from checkout/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/electron/**', '!**/electron/checkout/', '**/electron/checkout/*', '!**/electron/checkout/lang', '!**/electron/checkout/currency'], allowTypeImports: true, message: 'The renderer imports only types from electron/.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/bridge.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='window'][property.name='kassa']", message: 'Components use the store; only renderer/bridge.ts touches window.kassa.' }],
    },
  },
);
