import { holdToContract } from '@landscape/testing';
import {
  type BuiltService,
  makeTempDir,
  type RunningService,
  type StartOptions,
  startService,
  type TempDir,
} from '@landscape/processes';

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
  await holdToContract(service, 'accountservice');
  return { service, url: service.url, dataDir };
}

export interface RunningPair {
  quotes: RunningService;
  account: RunningAccountService;
  /** Stops both, accountservice first, and removes its DATA_DIR. */
  stop(): Promise<void>;
}

/**
 * A quote budget that a loaded machine cannot exhaust: the suites that use the pair check what
 * is served with a real quote, and resilience.spec checks the deadline itself. Under CPU
 * pressure 200 concurrent calls did take longer than the default 300 ms and got the fallback.
 */
const PAIR_QUOTES_TIMEOUT_MS = '10000';

/** Starts the built quotes-service and an accountservice that calls it. */
export async function startAccountServiceWithQuotes(): Promise<RunningPair> {
  const quotes = await startService('quotes-service');
  await holdToContract(quotes, 'quotes-service');
  const account = await startAccountService({
    QUOTES_SERVICE_URL: quotes.url,
    QUOTES_TIMEOUT_MS: PAIR_QUOTES_TIMEOUT_MS,
  });
  return {
    quotes,
    account,
    stop: async () => {
      await account.service.stop();
      await quotes.stop();
      account.dataDir.remove();
    },
  };
}
