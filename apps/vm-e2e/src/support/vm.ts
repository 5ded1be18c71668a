import {
  builtRelease,
  docker,
  engineAvailable,
  outputOf,
  workspaceScript,
} from '@landscape/testing';
import { workspaceRoot } from '@nx/devkit';
import { execFileSync } from 'node:child_process';

/**
 * The guest's layout, read from tools/vm/vm-env.sh, which the scripts that boot it source: the
 * forwarded ports, the registry by its two names, and the guest's own address.
 */
function readLayout() {
  const names = [
    'VM_DOCKER_PORT',
    'VM_ACCOUNTS_PORT',
    'VM_VISUALIZER_PORT',
    'VM_REGISTRY',
    'VM_REGISTRY_IN_GUEST',
    'VM_GUEST_ADDRESS',
    'VM_RUN',
  ] as const;
  const values = execFileSync(
    'bash',
    ['-c', `source tools/vm/vm-env.sh\n${names.map((name) => `echo "$${name}"`).join('\n')}`],
    { cwd: workspaceRoot, encoding: 'utf8' },
  )
    .trim()
    .split('\n');
  return Object.fromEntries(names.map((name, i) => [name, values[i]])) as Record<
    (typeof names)[number],
    string
  >;
}

const layout = readLayout();
/** The variables that point the docker CLI at the guest's engine. */
export const GUEST_ENGINE = { DOCKER_HOST: `tcp://127.0.0.1:${layout.VM_DOCKER_PORT}` };
export const ACCOUNTS_URL = `http://127.0.0.1:${layout.VM_ACCOUNTS_PORT}`;
export const VISUALIZER_URL = `http://127.0.0.1:${layout.VM_VISUALIZER_PORT}`;
export const GUEST_ADDRESS = layout.VM_GUEST_ADDRESS;
export const VM_RUN = layout.VM_RUN;
export const FORWARDED_PORTS = [
  layout.VM_DOCKER_PORT,
  layout.VM_ACCOUNTS_PORT,
  layout.VM_VISUALIZER_PORT,
  layout.VM_REGISTRY.split(':')[1],
];
/** An image in the guest's registry: pushed by the host under one name, pulled by the guest under the other. */
export const registryImage = (app: string, tag: string) => ({
  pushed: `${layout.VM_REGISTRY}/landscape/${app}:${tag}`,
  pulled: `${layout.VM_REGISTRY_IN_GUEST}/landscape/${app}:${tag}`,
});

/** The release the images target built. */
export const RELEASE = builtRelease();

/** Root, and an engine on the host to build and push from: what up.sh needs. */
export function vmAvailable(): boolean {
  return process.getuid?.() === 0 && engineAvailable();
}

/** Runs tools/vm/<script>.sh; rejects with its output when it fails. */
export const vmScript = (script: 'up' | 'deploy' | 'down', env: Record<string, string> = {}) =>
  workspaceScript(`tools/vm/${script}.sh`, [], env);

/** The host's docker CLI against the guest's engine. */
export const inGuest = (args: string[]) => docker(args, GUEST_ENGINE);

/**
 * How often a wait polls the guest's engine: each poll is two or three API calls that its engine
 * answers on emulated CPUs, which the tasks it waits for need, so it polls seldom.
 */
export const GUEST_POLL_MS = 5_000;

/** What is left of the guest on this machine: each entry names a leftover. */
export async function vmLeftovers(): Promise<string[]> {
  const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
  const ports = FORWARDED_PORTS.map((port) => `sport = :${port}`).join(' or ');
  return [
    ...lines(await outputOf('pgrep', ['-af', 'landscape-vm'])).map((line) => `process ${line}`),
    ...lines(await outputOf('ss', ['-Hltn', `( ${ports} )`])).map((line) => `listening ${line}`),
    ...lines(await outputOf('ls', ['-d', VM_RUN])).map((line) => `directory ${line}`),
  ];
}
