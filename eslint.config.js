// Flat config: ESLint's recommended rules plus typescript-eslint's type-aware recommended set.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'var/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Inject a Clock instead of reading Date.now().' },
      ],
    },
  },
  // The walls between the layers (README, "Architecture"): a change in an adapter never reaches a
  // flow, and the flows' vocabulary lives in domain/. Type imports count too.
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!./*'], message: 'domain/ imports nothing of the project: it is the vocabulary everything else speaks.' }] }],
    },
  },
  {
    files: ['src/flows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fastify', 'ioredis', 'bullmq', 'pino', 'undici', 'node:fs', 'node:http', 'node:https'].map((name) => ({ name, message: 'Flows are pure: the edges do the I/O.' })),
          patterns: [
            {
              group: ['**/bimer-client/*', '**/karoo-client/*', '**/bot/*', '**/scheduler/*', '**/store/*', '**/processor/*', '**/sandbox/*', '**/admin*', '**/app*', '**/server*', '**/config*', '**/redis*', '**/logger*'],
              message: 'Flows import only domain/, their own files and pure helpers (util/, nlu/, faq/, calendar/, roster/); adapters map the domain to the wire.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/bimer-client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/karoo-client/*', '**/bot/*', '**/flows/*', '**/scheduler/*'], message: 'The Bimer adapter knows Bimer and the domain only; the composition root wires it.' }] }],
    },
  },
  {
    files: ['src/karoo-client/**/*.ts', 'src/bot/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/bimer-client/*', '**/flows/*'], message: 'The Karoo adapters know Karoo and the domain only; the composition root wires them.' }] }],
    },
  },
  {
    // Tests read JSON answers loosely; the assertions are the type check there.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
