import type { FootprintTarget } from '../cli/load-options';
import { DockerSource } from './docker-source';
import type { FootprintSource } from './footprint-source';
import { ProcessSource } from './process-source';

export function footprintSourceOf(target: FootprintTarget): FootprintSource {
  return 'pid' in target ? new ProcessSource(target.pid) : new DockerSource(target);
}
