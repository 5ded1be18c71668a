import { builtRelease, builtStandin } from '@landscape/testing';
import { workspaceRoot } from '@nx/devkit';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The release the images target built. */
export const RELEASE = builtRelease();

export const PROMETHEUS_IMAGE = builtStandin('prometheus');
export const ALERTMANAGER_IMAGE = builtStandin('alertmanager');
export const NODE_EXPORTER_IMAGE = builtStandin('node-exporter');
export const EDGE_IMAGE = builtStandin('haproxy');

/** The Node.js the images run, as the stand-in base and the Dockerfiles' base have it. */
export const NODE_VERSION = readFileSync(join(workspaceRoot, '.node-version'), 'utf8').trim();

export const ACCOUNTSERVICE_PORT = 16767;
export const VISUALIZER_PORT = 16969;
export const PROMETHEUS_PORT = 19090;

/**
 * This kernel has no IPVS: DNS round robin and host-mode ports instead of VIP and ingress, on
 * ports of their own. The visualizer and the socket proxy run unprivileged, in the Docker
 * socket's group.
 */
export function stackEnv(): Record<string, string> {
  return {
    ENDPOINT_MODE: 'dnsrr',
    PUBLISH_MODE: 'host',
    UPDATE_ORDER: 'stop-first',
    ACCOUNTSERVICE_PORT: String(ACCOUNTSERVICE_PORT),
    VISUALIZER_PORT: String(VISUALIZER_PORT),
    VISUALIZER_USER: `65532:${statSync('/var/run/docker.sock').gid}`,
    DOCKER_API_PROXY_USER: `65532:${statSync('/var/run/docker.sock').gid}`,
    IMAGE_PREFIX: 'someprefix',
    IMAGE_TAG: RELEASE,
  };
}
