// Flat config: ESLint's recommended rules plus typescript-eslint's type-aware recommended set.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The pure helpers (no I/O) the flows may use, and the I/O packages no pure folder may import. */
const PURE = ['util', 'nlu', 'faq', 'calendar', 'roster'];
const FLOW_HELPERS = '(?:domain/|util/(?:text|phone|hash|json|validation)\\.js$|nlu/|faq/|calendar/|roster/)';
const FLOWS_MESSAGE = 'Flows import only domain/, their own files and the named pure helpers (util/text|phone|hash|json|validation, nlu/, faq/, calendar/, roster/); the edges do the I/O and map the domain to the wire.';
const IO_PACKAGES = ['fastify', 'ioredis', 'bullmq', 'pino', 'undici', 'node:fs', 'node:fs/promises', 'node:http', 'node:https', 'node:net', 'node:child_process', 'node:worker_threads'];

export default tseslint.config(
  { ignores: ['dist/', 'var/', 'node_modules/', 'coverage/', '.ab/'] },
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
  // The flows' allow-list: domain/, their own files and the named pure helpers; nothing else, no
  // package (the edges do the I/O). One block per depth, so "their own files" is exact.
  {
    files: ['src/flows/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: `^(?!\\./|\\.\\./${FLOW_HELPERS})`, message: FLOWS_MESSAGE }] }],
    },
  },
  {
    files: ['src/flows/*/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: `^(?!\\./|\\.\\./(?!\\.\\./)|\\.\\./\\.\\./${FLOW_HELPERS})`, message: FLOWS_MESSAGE }] }],
    },
  },
  // The pure helpers stay pure: no I/O package, and nothing of the project but each other and domain/.
  {
    files: PURE.map((dir) => `src/${dir}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IO_PACKAGES.map((name) => ({ name, message: 'A pure helper does no I/O: file, network, Redis and workers live in files/, training/, http/, store/ and the adapters.' })),
          patterns: [{ regex: `^\\.\\./(?!(?:domain|${PURE.join('|')})/)`, message: `Pure helpers import only each other (${PURE.join(', ')}) and domain/.` }],
        },
      ],
    },
  },
  // The queues run what the adapters give them: no Bimer wire format, no flow, no route.
  {
    files: ['src/scheduler/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/bimer-client/*', '**/routes/*', '**/plugins/*', '**/sandbox/*', '**/painel/*'], message: 'The scheduler runs domain operations through functions the composition root hands it (e.g. RunBimerOp); it never reads an adapter\'s wire format.' }] }],
    },
  },
  {
    files: ['src/bimer-client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/karoo-client/*', '**/intake/*', '**/flows/*', '**/scheduler/*'], message: 'The Bimer adapter knows Bimer and the domain only; the composition root wires it.' }] }],
    },
  },
  {
    files: ['src/karoo-client/**/*.ts', 'src/intake/**/*.ts'],
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
