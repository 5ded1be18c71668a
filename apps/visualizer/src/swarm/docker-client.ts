import Docker from 'dockerode';

export const DOCKER_CLIENT = Symbol('DOCKER_CLIENT');

/** Oldest Engine API this app's reads need (Swarm services and tasks with stable fields). */
const MIN_API_VERSION = '1.30';

/**
 * A Docker client that speaks the Engine's own API version: it asks the unversioned /version
 * endpoint first. Connection settings come from DOCKER_HOST and friends, else the local socket.
 */
export async function connectDocker(): Promise<Docker> {
  const probe = new Docker();
  let version = MIN_API_VERSION;
  try {
    version = ((await probe.version()) as { ApiVersion: string }).ApiVersion;
  } catch {
    // The engine is not up yet: the watcher keeps retrying, and the oldest version still works.
  }
  return new Docker({ version: `v${version}` });
}
