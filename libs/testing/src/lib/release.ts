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
