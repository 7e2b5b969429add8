import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

/** Folders and what they may not import: data flows one way (README "Layout"). */
const layer = (files, forbidden, message, allowTypeImports = false) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: forbidden.map((f) => `**/${f}`),
            message,
            allowTypeImports
          }
        ]
      }
    ]
  }
})
const ABOVE_REGISTRY = [
  'image/*',
  'jobs/*',
  'report/*',
  'report/**',
  'gate/*',
  'compare/*',
  'tags/*',
  'inputs.js',
  'main.js'
]

export default tseslint.config(
  { ignores: ['dist/', 'lib/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  layer(
    ['src/text/**/*.ts'],
    ['../*'],
    'text/ stands alone: small formats, no imports of ours.'
  ),
  layer(
    ['src/registry/**/*.ts'],
    ABOVE_REGISTRY,
    'registry/ speaks the distribution API and knows nothing above it.'
  ),
  layer(
    ['src/image/**/*.ts'],
    ABOVE_REGISTRY.slice(1),
    'image/ is the model and pure parsers: it knows only registry/ and text/.'
  ),
  layer(
    ['src/gate/**/*.ts', 'src/compare/**/*.ts', 'src/tags/**/*.ts'],
    [
      'registry/*',
      'registry/**',
      'jobs/*',
      'report/*',
      'report/**',
      'inputs.js',
      'main.js'
    ],
    'Domain logic is pure: no registry, no jobs, no report.',
    true
  ),
  layer(
    ['src/dockerfile/**/*.ts'],
    [
      'registry/client.js',
      'registry/connect.js',
      'registry/transport.js',
      'registry/auth/*',
      'jobs/*',
      'report/*',
      'report/**',
      'inputs.js',
      'main.js'
    ],
    'dockerfile/ turns a file into references: no network, no jobs, no report.'
  ),
  layer(
    ['src/report/**/*.ts'],
    ['jobs/*', 'inputs.js', 'main.js'],
    'report/ takes what jobs return (their types), never runs them.',
    true
  ),
  layer(
    ['src/jobs/**/*.ts'],
    ['main.js', 'report/publish.js'],
    'Jobs return values; only the publisher writes to the runner.'
  ),
  {
    // One writer to the runner: src/report/publish.ts (it escapes what
    // others wrote); inputs.ts only reads inputs.
    files: ['src/**/*.ts'],
    ignores: ['src/report/publish.ts', 'src/inputs.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@actions/core',
              message:
                'Only src/report/publish.ts writes to the runner (and src/inputs.ts reads inputs).'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/inputs.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...[
          'info',
          'debug',
          'notice',
          'warning',
          'error',
          'setFailed',
          'setOutput',
          'summary'
        ].map((property) => ({
          object: 'core',
          property,
          message: 'Only src/report/publish.ts writes to the runner.'
        }))
      ]
    }
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  }
)
