const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/loadtest'),
    clean: true,
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [
        { entryName: 'bench', entryPath: './src/bench/bench.ts' },
        { entryName: 'raw-servers', entryPath: './src/bench/raw-servers.ts' },
        { entryName: 'fastify-floor', entryPath: './src/bench/floors/fastify-floor.ts' },
        { entryName: 'nest-floor', entryPath: './src/bench/floors/nest-floor.ts' },
        { entryName: 'quotes-floor', entryPath: './src/bench/floors/quotes-floor.ts' },
        { entryName: 'chain-floor', entryPath: './src/bench/floors/chain-floor.ts' },
        { entryName: 'design-floor', entryPath: './src/bench/floors/design-floor.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      // The HTML report inlines uPlot and its own page script, so that it needs no network.
      assets: [
        {
          input: '../../node_modules/uplot/dist',
          glob: 'uPlot.{iife.min.js,min.css}',
          output: 'report',
        },
        { input: './src/report/page', glob: '*.{js,css}', output: 'report' },
      ],
      optimization: false,
      outputHashing: 'none',
      sourceMap: true,
    }),
  ],
};
