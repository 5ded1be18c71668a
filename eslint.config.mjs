import nx from '@nx/eslint-plugin';

// Apps and tools depend on libs, never on each other; e2e projects reach the apps over HTTP only.
// Tests (specs) may also use the test helpers and the process helpers; tools use the process
// helpers, never the test helpers.
const depConstraints = (specs) => {
  const forSpecs = (tags) => (specs ? [...tags, 'type:testing', 'type:processes'] : tags);
  return [
    // An app's OpenAPI generator and its development entry (src/openapi.ts, src/serve.ts) use
    // the document builder; main.ts, and so the bundle, never does.
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: forSpecs([
        'type:contracts',
        'type:runtime',
        'type:client',
        'type:openapi',
      ]),
    },
    // The load test tool and the benchmark, which builds its framework baselines on the
    // services' own HTTP client and work.
    {
      sourceTag: 'type:tool',
      onlyDependOnLibsWithTags: forSpecs([
        'type:contracts',
        'type:client',
        'type:load',
        'type:processes',
      ]),
    },
    {
      sourceTag: 'type:e2e',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:processes'],
    },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:processes'] },
    { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: forSpecs(['type:contracts']) },
    {
      sourceTag: 'type:openapi',
      onlyDependOnLibsWithTags: forSpecs(['type:contracts', 'type:runtime']),
    },
    {
      sourceTag: 'type:client',
      onlyDependOnLibsWithTags: forSpecs(['type:contracts', 'type:client']),
    },
    { sourceTag: 'type:load', onlyDependOnLibsWithTags: forSpecs(['type:contracts']) },
    { sourceTag: 'type:processes', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: forSpecs([]) },
  ];
};

const moduleBoundaries = (specs) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    // Build configs may share the workspace's build helpers in tools/.
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/tools/webpack/.*$'],
    depConstraints: depConstraints(specs),
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
    // Unit tests may use the test helpers (real stub servers) and the process helpers (temp dirs).
    files: ['**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(true) },
  },
];
