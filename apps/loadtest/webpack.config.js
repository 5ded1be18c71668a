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
