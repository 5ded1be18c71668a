const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
const { nestBundle } = require('../../tools/webpack/nest-bundle');

// LevelDB is a native addon: it stays in node_modules.
const bundle = nestBundle({ externals: ['level'] });

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/accountservice'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      assets: [{ input: '../../tools/docker', glob: 'healthcheck.cjs', output: '.' }],
      outputHashing: 'none',
      sourceMap: true,
      ...bundle.options,
    }),
    ...bundle.plugins,
  ],
  ignoreWarnings: bundle.ignoreWarnings,
};
