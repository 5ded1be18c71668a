import { type AppName, builtMain, type RunningService } from '@landscape/processes';
import { dirname, join } from 'node:path';
import { type ContractAnswer, OpenApiContract } from './openapi-contract';

/** The services whose answers are held to their document, by origin (http://127.0.0.1:port). */
const held = new Map<string, { service: RunningService; contract: OpenApiContract }>();
const contracts = new Map<AppName, Promise<OpenApiContract>>();
const problems: string[] = [];

/** Where the build wrote the app's OpenAPI document: beside its bundle. */
export function builtDocumentPath(app: AppName): string {
  return join(dirname(builtMain(app)), 'openapi.json');
}

/** The OpenAPI document that the build wrote, validated. */
export function builtContract(app: AppName): Promise<OpenApiContract> {
  let contract = contracts.get(app);
  if (!contract) {
    contract = OpenApiContract.load(builtDocumentPath(app));
    contracts.set(app, contract);
  }
  return contract;
}

/**
 * From now on, every answer that getJson or rawRequest get from this service is checked against
 * its built OpenAPI document, until the service exits (takeAnswersOutOfContract).
 */
export async function holdToContract(service: RunningService, app: AppName): Promise<void> {
  try {
    held.set(new URL(service.url).origin, { service, contract: await builtContract(app) });
  } catch (error) {
    // The suite's set-up fails here, before it holds the service to stop it later.
    await service.stop('SIGKILL');
    throw error;
  }
}

/** Called by the HTTP helpers with every answer they get. */
export function noteAnswer(url: string, answer: ContractAnswer): void {
  const origin = new URL(url).origin;
  const entry = held.get(origin);
  if (!entry) return;
  // A port that a stopped service held may be another server's now.
  if (entry.service.process.exitCode !== null || entry.service.process.signalCode !== null) {
    held.delete(origin);
    return;
  }
  problems.push(...entry.contract.problems(answer));
}

/** The answers got since the last call that the documents do not hold: a suite's setup file
 * expects none after each test. */
export function takeAnswersOutOfContract(): string[] {
  return problems.splice(0);
}
