/** @type {import('jest').Config} */
module.exports = {
  // Node's environment plus one initialised PGlite data dir that new test stores start from (see the file).
  testEnvironment: '<rootDir>/test/jest/pgliteTemplateEnvironment.js',
  moduleNameMapper: { '^@electric-sql/pglite$': '<rootDir>/test/jest/pglite.js' },
  roots: ['<rootDir>/src', '<rootDir>/channels', '<rootDir>/workers', '<rootDir>/config', '<rootDir>/test', '<rootDir>/bench'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
};
