module.exports = {
  displayName: 'cluster-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testTimeout: 300_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/cluster-e2e',
};
