/**
 * Unit specs sit beside the code in src/, tools/ and the client package (clients/typescript/src);
 * e2e specs boot the real app from test/e2e.
 */
const tsJest = ['ts-jest', {}];
// The client package's sources import './x.js' (ES module style); here they are TypeScript files.
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };
module.exports = {
  // e2e files start a server process; a slow shared machine can need more than the 5 s default.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      setupFiles: ['reflect-metadata'],
      roots: ['<rootDir>/src', '<rootDir>/tools', '<rootDir>/clients/typescript/src'],
      testRegex: '\\.spec\\.ts$',
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      setupFiles: ['reflect-metadata'],
      roots: ['<rootDir>/test'],
      globalSetup: '<rootDir>/test/helpers/build-once.js',
      testRegex: '\\.e2e-spec\\.ts$',
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
    },
  ],
};
