import nx from '@nx/eslint-plugin';

// Apps and tools depend on libs, never on each other; e2e projects reach the apps over HTTP only.
const depConstraints = (specsMayUseTestingLib) => [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:runtime',
      'type:client',
      ...(specsMayUseTestingLib ? ['type:testing'] : []),
    ],
  },
  // The load test tool and its benchmark, which spawns built apps with the test helpers and
  // builds its framework floors on the services' HTTP client.
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:client', 'type:testing'],
  },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:contracts'] },
  // Its tests run the adapter against real stub servers.
  {
    sourceTag: 'type:client',
    onlyDependOnLibsWithTags: specsMayUseTestingLib ? ['type:testing'] : [],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
];

const moduleBoundaries = (specsMayUseTestingLib) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    // Build configs may share the workspace's build helpers in tools/.
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/tools/webpack/.*$'],
    depConstraints: depConstraints(specsMayUseTestingLib),
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(false) },
  },
  {
    // Unit tests of apps, tools and the client lib may use the test helpers (real stub servers, temp dirs).
    files: ['**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(true) },
  },
];
