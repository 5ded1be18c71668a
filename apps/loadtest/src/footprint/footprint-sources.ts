import { type FootprintSource, ProcessSource } from '@landscape/load';
import type { LoadOptions } from '../cli/load-options';
import { DockerSource, dockerEngine } from './docker-source';

/** A source per footprint target; the Docker ones read every engine given, else the default one. */
export function footprintSourcesOf({
  footprint,
  engines,
}: Pick<LoadOptions, 'footprint' | 'engines'>): FootprintSource[] {
  const clients = engines.length > 0 ? engines.map((url) => dockerEngine(url)) : [dockerEngine()];
  return footprint.map((target) =>
    'pid' in target ? new ProcessSource(target.pid) : new DockerSource(target, clients),
  );
}
