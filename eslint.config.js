// @ts-check
import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/** Import patterns for our own top-level folders (`main`, `db`…), however deep the caller. */
const layers = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]);

/** What renderer code must never import: Node, Electron, or the backend's own layers. */
const rendererForbidden = {
  paths: [
    ...builtinModules.map((name) => ({ name, message: 'The renderer cannot use Node modules.' })),
    ...['electron', 'better-sqlite3', 'knex'].map((name) => ({
      name,
      message: 'The renderer talks to the backend only through window.beacon.',
    })),
  ],
  patterns: [
    { group: ['node:*'], message: 'The renderer cannot use Node modules.' },
    {
      group: [
        '**/main',
        '**/main/**',
        '**/db',
        '**/db/**',
        '**/models',
        '**/models/**',
        '**/preload',
        '**/preload/**',
      ],
      message: 'The renderer may import only types from the contract.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      'native/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererForbidden],
    },
  },
  {
    // Words for users live in the catalogs (renderer/src/i18n/catalogs), in four languages:
    // a literal in JSX text or in a user-facing attribute is a string nobody translated.
    files: ['renderer/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: [
              'aria-label',
              'aria-valuetext',
              'title',
              'placeholder',
              'alt',
              'label',
              'hint',
              'heading',
              'lead',
              'step',
            ],
          },
          // Translators (t, tc, ts…) and helpers whose string arguments are field names.
          callees: { exclude: ['t[a-z]*', 'i18n(ext)?', 'text', 'field', 'register', 'require'] },
          words: { exclude: ['[0-9!-/:-@[-`{-~·…—–\\s]+'] },
        },
      ],
    },
  },
  {
    // Every connection comes from db/driver.ts, which picks the binding built for Node or
    // Electron and applies an encrypted file's key; a direct `new Database()` would do neither.
    files: ['main/**/*.ts', 'db/**/*.ts', 'models/**/*.ts'],
    ignores: ['db/driver.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'better-sqlite3',
              message: 'Open connections with openSqlite from db/driver.ts.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', '**/main', '**/main/**', '**/db', '**/db/**'],
              message: 'The contract is shared with the renderer: keep it free of Node.',
            },
            {
              group: layers('models', 'renderer', 'preload'),
              message: 'The contract is the bottom layer: it imports nothing of ours but itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // One direction of dependencies: the model core knows the contract's vocabularies, nothing
    // of the database, the backend or the windows (the backend wires them together).
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layers('main', 'db', 'renderer', 'preload'), 'electron'],
              message: 'models/ imports only itself and the contract; the backend calls it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The database layer sits under the backend: handlers and services call it, never the reverse.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layers('main', 'models', 'renderer', 'preload'), 'electron'],
              message: 'db/ imports only itself and the contract; the backend calls it.',
            },
          ],
        },
      ],
    },
  },
);
