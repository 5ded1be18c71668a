import {
  type BuiltService,
  freePort,
  makeTempDir,
  startService,
  type TempDir,
} from '@landscape/testing';

export interface RunningAccountService {
  service: BuiltService;
  url: string;
  dataDir: TempDir;
}

/** Starts the built accountservice on a free port with its own temp DATA_DIR. */
export async function startAccountService(
  env: Record<string, string>,
  dataDir = makeTempDir('accountservice-e2e'),
): Promise<RunningAccountService> {
  const port = await freePort();
  const service = await startService('accountservice', {
    PORT: String(port),
    DATA_DIR: dataDir.path,
    ...env,
  });
  return { service, url: `http://127.0.0.1:${port}`, dataDir };
}

/** Starts the built quotes-service on a free port. */
export async function startQuotesService(): Promise<{ service: BuiltService; url: string }> {
  const port = await freePort();
  const service = await startService('quotes-service', { PORT: String(port) });
  return { service, url: `http://127.0.0.1:${port}` };
}
