import { createServiceApp } from '@landscape/runtime';
import { freePort, makeTempDir, type TempDir } from '@landscape/processes';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountRepository } from './accounts/account.repository';
import { AppModule } from './app.module';
import { loadConfig } from './config/account-service.config';

describe('AppModule over HTTP (in process, real LevelDB, quotes-service down)', () => {
  let dir: TempDir;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    dir = makeTempDir('account-app');
    const config = loadConfig({
      DATA_DIR: dir.path,
      QUOTES_SERVICE_URL: `http://127.0.0.1:${await freePort()}`,
    });
    app = await createServiceApp({ module: AppModule.forRoot(config) });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    dir.remove();
  });

  it('serves an account with the fallback quote', async () => {
    const response = await app.inject({ method: 'GET', url: '/accounts/10042' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: '10042',
      name: 'Person_42',
      quote: { ipAddress: 'circuit-breaker' },
    });
  });

  it('reports UP, then DOWN with the reason once LevelDB is closed, and hides the failure', async () => {
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'UP' });

    await app.get(AccountRepository).onApplicationShutdown();

    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: 'DOWN', reason: 'leveldb: LevelDB is closed' });

    const account = await app.inject({ method: 'GET', url: '/accounts/10000' });
    expect(account.statusCode).toBe(500);
    expect(account.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'internal server error',
    });
    await app.get(AccountRepository).onModuleInit();
  });
});
