import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Node built-ins in every spelling a workflow file could use to reach them.
const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

// Everything the workflow sandbox loads: the workflows and the shared pure modules of common/ they
// import (event schemas, policies, ids, search attributes). common/config.ts (environment) and the
// other Node-only modules stay outside, and these files may not import them.
const workflowSafe = [
  'workflows/**/*.ts',
  'common/events/**/*.ts',
  'common/extend-marker.ts',
  'common/hooks/hook-payload.ts',
  'common/hooks/match-hooks.ts',
  'common/pipeline-policy.ts',
  'common/poller-options.ts',
  'common/reconcile-policy.ts',
  'common/search-attributes.ts',
  'common/task-queues.ts',
  'common/workflow-ids.ts',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tools/', 'coverage/', 'bin/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Workflow code is replayed in a sandbox: it must stay deterministic and free of I/O.
    files: workflowSafe,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code must not use Node built-ins.',
          })),
          patterns: [
            {
              group: [
                '**/activities',
                '**/activities/**',
                '**/clients',
                '**/clients/**',
                '**/emulators/**',
                '**/common/config',
              ],
              allowTypeImports: true,
              message:
                'Workflow-safe code may import only types from activities, clients and the config; call them via proxyActivities.',
            },
            {
              group: ['**/*-schema'],
              allowTypeImports: true,
              message:
                'Configuration schemas are Node-side: a zod schema in the workflow bundle is built again for every cached execution. Import the zod-free module (pipeline-policy, reconcile-policy) instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
