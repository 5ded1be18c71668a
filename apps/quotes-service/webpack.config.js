const { nestAppWebpackConfig } = require('../../tools/webpack/nest-bundle');

module.exports = nestAppWebpackConfig(__dirname, {
  assets: [{ input: '../../tools/docker', glob: 'compile-cache.cjs', output: '.' }],
});
