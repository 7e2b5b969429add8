import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/', 'lib/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
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
