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

/**
 * The backend's layers (main/backend/), lowest first: a folder (or a root file, by its name
 * without `.ts`) may import only the layers below its own, never a sibling in its layer nor
 * anything above. The picture and the reasons are in docs/architecture.md; the cycle test in
 * test/unit/backend-layers.test.ts reads the same list.
 */
export const backendLayers = [
  ['paths', 'version', 'logs', 'secrets', 'jobs', 'print'], // plumbing with no school rules
  ['features'], // the feature store and the model inputs it maps
  ['scoring'],
  ['keep-current'], // refresh-then-re-score after writes
  ['services'],
  ['auth', 'training', 'import', 'backup', 'health', 'updates'],
  ['central', 'demo', 'shell'],
  ['sync'],
  ['district', 'handlers'],
  ['dispatch'],
  ['backend'],
  ['transport'],
  ['entry'],
];

const backendRootFiles = new Set(['paths', 'version', 'dispatch', 'backend', 'entry']);

/** One rule block per backend folder or root file: importing a layer not below it fails lint. */
const backendLayerRules = backendLayers.flatMap((layer, rank) =>
  layer.map((name) => {
    const notBelow = backendLayers
      .slice(rank)
      .flat()
      .filter((other) => other !== name);
    // A root file reaches a folder with `./x`; a folder's file (at any depth) with `../x`.
    const prefix = backendRootFiles.has(name) ? '^\\./' : '^(\\.\\./)+';
    const forbidden = [
      {
        regex: `${prefix}(${notBelow.join('|')})(/|$)`,
        message: `main/backend/${name} is in layer ${rank} of backendLayers (eslint.config.js): it imports only lower layers. Move what both need down, or the caller up (docs/architecture.md).`,
      },
      {
        regex: '^(\\.\\.?/)+(cli|electron|renderer|preload)(/|$)',
        message: 'The backend is plain Node: it never imports the CLI, Electron or the windows.',
      },
      {
        group: ['electron'],
        message: 'The backend is plain Node; Electron lives in main/electron.',
      },
    ];
    return {
      files: backendRootFiles.has(name)
        ? [`main/backend/${name}.ts`]
        : [`main/backend/${name}/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: forbidden }] },
    };
  }),
);

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
  ...backendLayerRules,
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
