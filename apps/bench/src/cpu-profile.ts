import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RawSourceMap, SourceMapConsumer } from 'source-map-js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

/** V8's pseudo-frames: the time the thread was not running JavaScript it could attribute. */
const IDLE = '(idle)';

/**
 * Self time of the busy samples (idle left out), by package and by function. Frames in a webpack
 * bundle are mapped back through its source map to the module and name they came from, so that a
 * bundled, minified build still says which package the time went to.
 */
export function summarizeCpuProfile(file: string, top = 12): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const maps = new SourceMaps();
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const frame = maps.original(frames.get(id) as CallFrame);
    if (frame.functionName === IDLE) return;
    const delta = profile.timeDeltas[index] ?? 0;
    busy += delta;
    add(byPackage, packageOf(frame), delta);
    add(
      byFunction,
      `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`,
      delta,
    );
  });
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => `  ${((100 * time) / busy).toFixed(1).padStart(5)} %  ${name}`);
  return [
    `busy ${(busy / 1e6).toFixed(1)} s; self time by package:`,
    ...lines(byPackage),
    'self time by function:',
    ...lines(byFunction),
  ].join('\n');
}

/** The .cpuprofile files that node --cpu-prof wrote into dir. */
export function cpuProfilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(dir, name));
}

/** Maps bundle frames to their original source, for files that have a .map next to them. */
class SourceMaps {
  private readonly consumers = new Map<string, SourceMapConsumer | undefined>();

  original(frame: CallFrame): CallFrame {
    const consumer = this.consumerFor(frame.url);
    if (!consumer) return frame;
    const position = consumer.originalPositionFor({
      line: frame.lineNumber + 1,
      column: frame.columnNumber,
    });
    if (!position.source) return frame;
    return {
      functionName: position.name ?? frame.functionName,
      url: position.source,
      lineNumber: (position.line ?? 1) - 1,
      columnNumber: position.column ?? 0,
    };
  }

  private consumerFor(url: string): SourceMapConsumer | undefined {
    if (!url.startsWith('file://')) return undefined;
    if (!this.consumers.has(url)) {
      const mapFile = `${fileURLToPath(url)}.map`;
      this.consumers.set(
        url,
        existsSync(mapFile)
          ? new SourceMapConsumer(JSON.parse(readFileSync(mapFile, 'utf8')) as RawSourceMap)
          : undefined,
      );
    }
    return this.consumers.get(url);
  }
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function packageOf({ url, functionName }: CallFrame): string {
  // the last node_modules/ in the path: source-map-loader prefixes some sources with its own
  const inModules = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith('node:')) return url.split('/')[0];
  const library = /(^|\/)libs\/([^/]+)\//.exec(url);
  if (library) return `libs/${library[2]}`;
  if (url.startsWith('webpack://')) return "the app's own code";
  return url ? shortUrl(url) : functionName; // (garbage collector), (program), writev, …
}

function shortUrl(url: string): string {
  return url
    .replace(/^.*node_modules\//, '')
    .replace(/^webpack:\/\/[^/]*\//, '')
    .replace(/^(\.\.?\/)+/, '');
}
