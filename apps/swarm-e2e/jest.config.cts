module.exports = {
  displayName: 'swarm-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testTimeout: 180_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/swarm-e2e',
};
