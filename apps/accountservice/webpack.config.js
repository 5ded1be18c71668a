const { nestAppWebpackConfig } = require('../../tools/webpack/nest-bundle');

module.exports = nestAppWebpackConfig(__dirname, {
  // LevelDB is a native addon: it stays in node_modules.
  externals: ['level'],
  // axios's build without its node:http adapter, which this service never uses (its calls go
  // through libs/axios-undici): that adapter, with form-data, follow-redirects and
  // proxy-from-env, is 216 KB of the bundle and 8-13 ms of every start (docs/PERFORMANCE.md).
  alias: { axios$: require.resolve('axios/dist/browser/axios.cjs') },
});
