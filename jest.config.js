// Core and CLI specs run in Node against a real Jupyter server and kernel from the project venv.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  rootDir: '.',
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }]
  },
  moduleNameMapper: { '^@lezer/python$': '<rootDir>/node_modules/@lezer/python/dist/index.cjs' },
  setupFiles: ['<rootDir>/test/setup.ts'],
  // Kernel connections keep reconnect timers after dispose.
  forceExit: true,
  testTimeout: 120000
};
