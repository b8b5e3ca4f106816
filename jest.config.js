// Two projects: `unit` (pure code, no engines) and `integration` (real Kafka + Mongo-wire server,
// the whole graph started once per run by test/global-setup.js). `npm test` builds first, because
// the integration stack runs the compiled services.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false }];
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    '^@vinculo/common$': '<rootDir>/services/common/src',
    // The tests' support lives beside the kit, outside its build (before the wildcard: first match wins).
    '^@vinculo/common/testing$': '<rootDir>/services/common/testing',
    '^@vinculo/common/(.*)$': '<rootDir>/services/common/src/$1',
    '^@vinculo/client$': '<rootDir>/client/src',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.cache/'],
};

module.exports = {
  maxWorkers: 1,
  // Jest reads the timeout only at the top level. Integration hooks join/leave consumer groups on
  // the real broker, which takes seconds; no test relies on it for timing.
  testTimeout: 120000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/services/*/test/**/*.test.ts', '<rootDir>/gateway/test/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/services/*/test/**/*.int.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.js',
      globalTeardown: '<rootDir>/test/global-teardown.js',
    },
  ],
};
