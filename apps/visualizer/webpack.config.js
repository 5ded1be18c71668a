const { nestAppWebpackConfig } = require('../../tools/webpack/nest-bundle');

module.exports = nestAppWebpackConfig(__dirname, {
  // dockerode reaches remote engines over ssh2, whose optional native parts cannot be bundled.
  externals: ['dockerode'],
  assets: [
    // The page: its script is bundled by the build-client target (esbuild) beforehand.
    { input: './src/client', glob: '*.{html,css}', output: 'public' },
    { input: '../../dist/apps/visualizer-client', glob: 'app.js', output: 'public' },
  ],
});
