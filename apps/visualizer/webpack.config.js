const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
const { nestBundle } = require('../../tools/webpack/nest-bundle');

// dockerode reaches remote engines over ssh2, whose optional native parts cannot be bundled.
const bundle = nestBundle({ externals: ['dockerode'] });

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/visualizer'),
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
      assets: [
        { input: '../../tools/docker', glob: 'healthcheck.cjs', output: '.' },
        // The page: its script is bundled by the build-client target (esbuild) beforehand.
        { input: './src/client', glob: '*.{html,css}', output: 'public' },
        { input: '../../dist/apps/visualizer-client', glob: 'app.js', output: 'public' },
      ],
      outputHashing: 'none',
      sourceMap: true,
      ...bundle.options,
    }),
    ...bundle.plugins,
  ],
  ignoreWarnings: bundle.ignoreWarnings,
};
