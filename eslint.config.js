import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Lint rules that keep the layering of docs/STYLE.md: modules never import Remix, routes or
 * components; components never import server-only code; nothing but env.server.ts reads process.env.
 */
export default tseslint.config(
  {
    ignores: ['node_modules', 'build', 'public/build', '.cache', '.data', 'app/generated', 'test-results', 'coverage'],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through getEnv() (app/utils/env.server.ts).',
        },
      ],
    },
  },
  {
    files: ['app/utils/env.server.ts', 'scripts/**', 'tests/**', 'prisma/**', '*.config.*', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['app/modules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@remix-run/*'], message: 'Modules are shared with the workers: no Remix here.' },
            { regex: '^#app/(routes|components)/|(^|/)(routes|components)/', message: 'Modules never import routes or components.' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/components/**', 'app/modules/**/*.ts', 'app/modules/**/*.tsx'],
    ignores: ['**/*.server.ts', '**/*.server.tsx', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '\\.server$', message: 'Server-only code (.server) must not reach the browser bundle or pure modules.' },
            { group: ['@remix-run/*'], message: 'Pure code and modules do not import Remix.' },
          ],
        },
      ],
    },
  },
  {
    // Routes go through the services of app/modules; Prisma stays there.
    files: ['app/routes/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^#app/(utils/db\\.server|generated/)', message: 'Routes call services (app/modules), not Prisma.' }] }],
    },
  },
  {
    files: ['app/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '\\.server$', message: 'Components must not import server-only code.' }] },
      ],
    },
  },
)
