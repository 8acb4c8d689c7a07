// Unit tests sit beside the code (*.spec.ts); integration and e2e suites live under test/.
// @swc/jest compiles TypeScript and the ESM-only Nest packages to CommonJS; `npm run typecheck`
// does the type checking.
const swc = [
  '@swc/jest',
  {
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  },
];
const esmOnly = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  '@borewit',
  'content-disposition',
  'cookie',
];

const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  // Ignore node_modules except the ESM-only packages; the last node_modules segment decides.
  transformIgnorePatterns: [
    `/node_modules/(?!(?:${esmOnly.join('|')})/)(?:@[^/]+/)?[^/]+/(?!.*node_modules/)`,
  ],
  moduleNameMapper: { '^@o2c/([^/]+)$': '<rootDir>/libs/$1/src/index.ts' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/architecture/fixtures/'],
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // Integration suites start gateways and databases; unit tests finish far below this.
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
