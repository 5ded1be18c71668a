// Bundles a NestJS app with its npm dependencies into one minified main.js, for a faster start
// (one file to parse instead of ~1,000 modules to resolve; see docs/PERFORMANCE.md). Packages
// named in `externals` (native addons such as LevelDB's) stay in node_modules, and the generated
// package.json and lock file list only those, so the image installs nothing the bundle holds.
const { readCachedProjectGraph, workspaceRoot } = require('@nx/devkit');
const { createLockFile, getLockFileName } = require('@nx/js');
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { execFileSync } = require('child_process');
const { existsSync } = require('fs');
const { basename, dirname, join } = require('path');
const webpack = require('webpack');

// Nest requires these only when an app uses them (the Express platform when no adapter is given,
// static files and views on Fastify, microservices, websockets, class-validator): leave them out
// when they are not installed, as the NestJS docs' webpack recipe does.
const NEST_LAZY_IMPORTS = [
  '@fastify/static',
  '@fastify/view',
  '@nestjs/platform-express',
  '@nestjs/microservices',
  '@nestjs/microservices/microservices-module',
  '@nestjs/websockets/socket-module',
  'class-transformer',
  'class-transformer/storage',
  'class-validator',
];

function isInstalled(request) {
  try {
    require.resolve(request, { paths: [__dirname] });
    return true;
  } catch {
    return false;
  }
}

/** Rewrites the emitted package.json (and lock file) to the external dependencies only. */
class ExternalsOnlyPackageJsonPlugin {
  constructor(externals) {
    this.externals = externals;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap(ExternalsOnlyPackageJsonPlugin.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        {
          name: ExternalsOnlyPackageJsonPlugin.name,
          stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS,
        },
        () => {
          const asset = compilation.getAsset('package.json');
          if (!asset) return;
          const packageJson = JSON.parse(asset.source.source().toString());
          packageJson.dependencies = Object.fromEntries(
            Object.entries(packageJson.dependencies ?? {}).filter(([name]) =>
              this.externals.includes(name),
            ),
          );
          delete packageJson.overrides;
          const { RawSource } = webpack.sources;
          compilation.updateAsset(
            'package.json',
            new RawSource(JSON.stringify(packageJson, null, 2)),
          );
          const lockFile = getLockFileName('npm');
          compilation.updateAsset(
            lockFile,
            new RawSource(createLockFile(packageJson, readCachedProjectGraph(), 'npm')),
          );
        },
      );
    });
  }
}

/**
 * Writes the app's OpenAPI document, openapi.json, beside the bundle: src/openapi.ts runs from
 * the sources, with the real @nestjs/swagger, since the bundle carries only its no-op decorators.
 */
class OpenApiDocumentPlugin {
  constructor(generator) {
    this.generator = generator;
  }

  apply(compiler) {
    compiler.hooks.afterEmit.tap(OpenApiDocumentPlugin.name, () => {
      execFileSync(
        process.execPath,
        ['-r', '@swc-node/register', this.generator, join(compiler.outputPath, 'openapi.json')],
        {
          cwd: workspaceRoot,
          env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
          stdio: 'inherit',
        },
      );
    });
  }
}

/**
 * The webpack config of the Nest app in `appDir` (apps/<app>), built to dist/apps/<app> with the
 * image build's scripts beside it (tools/docker/healthcheck.cjs and compile-cache.cjs).
 * `externals` stay in node_modules; `assets` are added to those, with paths relative to `appDir`;
 * `alias` is webpack's resolve.alias. An app with src/openapi.ts gets its OpenAPI document.
 */
function nestAppWebpackConfig(appDir, { externals = [], assets = [], alias = {} } = {}) {
  const production = process.env.NODE_ENV === 'production';
  const openApiGenerator = join(appDir, 'src', 'openapi.ts');
  return {
    resolve: {
      alias: {
        // The decorators only describe the API for the document that the build writes: in the
        // bundle they are @nestjs/swagger's own no-ops, so the service neither loads nor
        // evaluates the document generator and Swagger UI's paths.
        '@nestjs/swagger$': join(
          dirname(require.resolve('@nestjs/swagger/package.json')),
          'dist/extra/swagger-shim.js',
        ),
        ...alias,
      },
    },
    output: {
      path: join(appDir, '../../dist/apps', basename(appDir)),
      clean: true,
      ...(!production && { devtoolModuleFilenameTemplate: '[absolute-resource-path]' }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        assets: [
          { input: '../../tools/docker', glob: '{healthcheck,compile-cache}.cjs', output: '.' },
          ...assets,
        ],
        outputHashing: 'none',
        sourceMap: true,
        externalDependencies: externals,
        // Minified in production builds only, so that `nx serve` stays debuggable.
        optimization: production,
        generatePackageJson: true,
      }),
      new webpack.IgnorePlugin({
        checkResource: (resource) => NEST_LAZY_IMPORTS.includes(resource) && !isInstalled(resource),
      }),
      new ExternalsOnlyPackageJsonPlugin(externals),
      ...(existsSync(openApiGenerator) ? [new OpenApiDocumentPlugin(openApiGenerator)] : []),
    ],
    ignoreWarnings: [
      // Expression requires in Nest's optional-package loaders: they only load the packages above.
      {
        module: /node_modules[\\/](@nestjs[\\/](common|core)|load-esm)[\\/]/,
        message: /Critical dependency/,
      },
      // Packages that publish source maps without the sources they point to.
      { module: /node_modules/, message: /Failed to parse source map/ },
    ],
  };
}

module.exports = { nestAppWebpackConfig };
