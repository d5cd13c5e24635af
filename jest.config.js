/** Unit specs sit beside the code in src/ and tools/; e2e specs boot the real app from test/e2e. */
const tsJest = ['ts-jest', {}];
module.exports = {
  // e2e files start a server process; a slow shared machine can need more than the 5 s default.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      setupFiles: ['reflect-metadata'],
      roots: ['<rootDir>/src', '<rootDir>/tools'],
      testRegex: '\\.spec\\.ts$',
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      setupFiles: ['reflect-metadata'],
      roots: ['<rootDir>/test'],
      globalSetup: '<rootDir>/test/helpers/build-once.js',
      testRegex: '\\.e2e-spec\\.ts$',
      transform: { '^.+\\.ts$': tsJest },
    },
  ],
};
