const { nestAppWebpackConfig } = require('../../tools/webpack/nest-bundle');

// LevelDB is a native addon: it stays in node_modules.
module.exports = nestAppWebpackConfig(__dirname, { externals: ['level'] });
