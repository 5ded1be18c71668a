import { workspaceRoot } from '@nx/devkit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The release tag that swarm-e2e's images target built and recorded in dist/release-tag: the
 * tests change tracked files (the screenshots in docs/), so the checkout's own tag may have moved.
 */
export function builtRelease(): string {
  return readFileSync(join(workspaceRoot, 'dist', 'release-tag'), 'utf8').trim();
}

/**
 * The image the images target built or found for a third-party service (prometheus,
 * alertmanager, node-exporter, haproxy): a stand-in where no registry answers.
 */
export function builtStandin(name: string): string {
  return readFileSync(join(workspaceRoot, 'dist', `${name}-image`), 'utf8').trim();
}
