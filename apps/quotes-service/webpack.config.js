const { nestAppWebpackConfig } = require('../../tools/webpack/nest-bundle');

module.exports = nestAppWebpackConfig(__dirname);
