// Core and CLI specs run in Node against a real Jupyter server and kernel from the project venv.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }]
  },
  moduleNameMapper: { '^@lezer/python$': '<rootDir>/node_modules/@lezer/python/dist/index.cjs' },
  testTimeout: 120000
};
