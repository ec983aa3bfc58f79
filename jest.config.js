/** Two projects: pure specs beside the code, integration/e2e suites under test/. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  testEnvironment: 'node',
  // jose 6 ships ESM only; jest's CommonJS runtime needs it compiled like our own sources.
  transform: { '^.+\\.ts$': swc, '^.+/node_modules/jose/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // `@fristvakt/domain/testing`: the event builders shared by specs and suites (libs/domain/src/testing)
  moduleNameMapper: {
    '^@fristvakt/domain/testing$': '<rootDir>/libs/domain/src/testing',
    '^@fristvakt/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  setupFiles: ['reflect-metadata'],
};
module.exports = {
  // the default output, then the suites skipped for a missing system tool (test/support/system-tools.ts)
  reporters: ['default', '<rootDir>/test/support/skipped-tools-reporter.js'],
  // integration suites start servers and child processes; pure specs finish far below this
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.test.ts'] },
  ],
};
