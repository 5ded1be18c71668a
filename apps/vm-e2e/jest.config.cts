module.exports = {
  displayName: 'vm-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testTimeout: 420_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/vm-e2e',
};
