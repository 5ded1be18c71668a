// An image build step: writes V8's code cache for the service into the image, in
// NODE_COMPILE_CACHE (Node 22+), so that no container parses the bundle again at start. The
// stack's containers have a read-only root and an empty tmpfs on /tmp, so a cache can only come
// with the image. Node writes it, for the modules it compiled, as it exits: this starts the
// service once on a scratch DATA_DIR, waits until healthcheck.cjs passes (which caches that too)
// and stops the service with SIGTERM. Run it as the user the image runs as: Node keeps a cache
// per user id.
//   RUN ["/nodejs/bin/node", "compile-cache.cjs", "main.js"]
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const START_DEADLINE_MS = 30_000;
const cacheDir = process.env.NODE_COMPILE_CACHE;
if (!cacheDir) fail('NODE_COMPILE_CACHE is not set');

const dataDir = mkdtempSync(join(tmpdir(), 'compile-cache-'));
const service = spawn(process.execPath, process.argv.slice(2), {
  env: { ...process.env, DATA_DIR: dataDir },
  stdio: ['ignore', 'ignore', 'inherit'],
});
service.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  if (code !== 0) fail(`the service exited with ${code ?? signal}`);
  if (!existsSync(cacheDir)) fail(`Node wrote no cache: can this user write to ${cacheDir}?`);
  const entries = readdirSync(cacheDir, { recursive: true, withFileTypes: true });
  console.log(`compile-cache: ${entries.filter((entry) => entry.isFile()).length} modules cached`);
});

const deadline = Date.now() + START_DEADLINE_MS;
const probe = setInterval(() => {
  if (spawnSync(process.execPath, ['healthcheck.cjs']).status === 0) {
    clearInterval(probe);
    service.kill('SIGTERM');
  } else if (Date.now() > deadline) {
    clearInterval(probe);
    service.kill('SIGKILL');
    fail(`the service did not pass its health check within ${START_DEADLINE_MS} ms`);
  }
}, 100);

function fail(message) {
  console.error(`compile-cache: ${message}`);
  process.exit(1);
}
