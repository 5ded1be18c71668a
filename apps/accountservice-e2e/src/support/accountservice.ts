import {
  type BuiltService,
  makeTempDir,
  type StartOptions,
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
  options: StartOptions = {},
): Promise<RunningAccountService> {
  const service = await startService('accountservice', { DATA_DIR: dataDir.path, ...env }, options);
  return { service, url: service.url, dataDir };
}
