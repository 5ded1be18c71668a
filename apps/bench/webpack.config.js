const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

const baselines = ['fastify', 'nest', 'quotes', 'chain', 'design'].map((kind) => ({
  entryName: `${kind}-baseline`,
  entryPath: `./src/baselines/${kind}-baseline.ts`,
}));

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/bench'),
    clean: true,
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [
        { entryName: 'reference-servers', entryPath: './src/reference/reference-servers.ts' },
        ...baselines,
      ],
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      sourceMap: true,
    }),
  ],
};
