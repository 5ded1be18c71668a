// Docker HEALTHCHECK without a shell or curl: exit 0 when GET /health answers 200 within 2 s.
// node:http, not fetch: Docker runs this every interval inside the service's own CPU and memory
// limits, and fetch loads and compiles undici first, which doubles the check's CPU time.
setTimeout(() => process.exit(1), 2000);
require('node:http')
  .get({ host: '127.0.0.1', port: process.env.PORT, path: '/health' }, (response) =>
    process.exit(response.statusCode === 200 ? 0 : 1),
  )
  .on('error', () => process.exit(1));
