// Architecture rules (DESIGN.md section 2), checked by `npm run lint`.
// Paths are matched wherever a `libs/` tree sits so that test/architecture/fixtures can prove
// each rule fails on a real violation.
const LIB = '(?:^|/)libs/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain library holds pure rules: no Nest, no TypeORM, no I/O, no other lib.',
      severity: 'error',
      from: { path: `${LIB}domain/`, pathNot: '\\.spec\\.ts$' },
      to: {
        pathNot: [`${LIB}domain/`, '^node_modules/decimal\\.js/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-is-pure-core-modules',
      comment: 'Node core I/O modules are not allowed in the domain library.',
      severity: 'error',
      from: { path: `${LIB}domain/`, pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'lib-through-index-only',
      comment: 'A lib is reached as @o2c/<lib>, i.e. its src/index.ts, never by a deep path.',
      severity: 'error',
      from: {
        path: '^(?:(?:test/architecture/fixtures/)?libs/([^/]+)/|(?:apps|test|scripts|migrations)/)',
      },
      to: { path: `${LIB}[^/]+/`, pathNot: [`${LIB}$1/`, `${LIB}[^/]+/src/index\\.ts$`] },
    },
    {
      name: 'system-api-calls-no-higher-layer',
      severity: 'error',
      from: { path: `${LIB}system-api/` },
      to: { path: `${LIB}(?:process-api|experience-[^/]+)/` },
    },
    {
      name: 'process-api-calls-no-higher-layer',
      severity: 'error',
      from: { path: `${LIB}process-api/` },
      to: { path: `${LIB}experience-[^/]+/` },
    },
    {
      name: 'shared-libs-call-no-api-layer',
      comment:
        'Cross-cutting libs (persistence, config, http, contracts, governance, demo-data) sit below every API layer.',
      severity: 'error',
      from: {
        path: `${LIB}(?:persistence|config|http|contracts|governance|demo-data|integration)/`,
      },
      to: { path: `${LIB}(?:system-api|process-api|experience-[^/]+)/` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'import', 'node', 'default'],
    },
  },
};
