import { makeTempDir, type TempDir } from '@landscape/processes';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SourceMapGenerator } from 'source-map-js';
import { cpuProfilesIn, summarizeCpuProfile } from './cpu-profile';

describe('summarizeCpuProfile', () => {
  let dir: TempDir;

  beforeEach(() => (dir = makeTempDir('cpu-profile')));
  afterEach(() => dir.remove());

  it('maps minified bundle frames back to their packages and names, leaving idle time out', () => {
    const bundle = join(dir.path, 'main.js');
    writeFileSync(bundle, 'a();b();');
    const map = new SourceMapGenerator({ file: 'main.js' });
    map.addMapping({
      generated: { line: 1, column: 0 },
      original: { line: 10, column: 2 },
      source: 'webpack:///../node_modules/source-map-loader/dist/node_modules/fastify/lib/reply.js',
      name: 'serialize',
    });
    map.addMapping({
      generated: { line: 1, column: 4 },
      original: { line: 3, column: 0 },
      source: 'webpack:///./src/accounts/accounts.controller.ts',
      name: 'findOne',
    });
    writeFileSync(`${bundle}.map`, map.toString());
    const frame = (id: number, functionName: string, url: string, columnNumber = 0) => ({
      id,
      callFrame: { functionName, url, lineNumber: 0, columnNumber },
    });
    const profile = {
      nodes: [
        frame(1, '(idle)', ''),
        frame(2, 'a', pathToFileURL(bundle).href, 0),
        frame(3, 'b', pathToFileURL(bundle).href, 4),
        frame(4, 'writev', ''),
      ],
      samples: [1, 1, 1, 2, 2, 3, 4],
      timeDeltas: [100, 100, 100, 300, 300, 200, 200],
    };
    const file = join(dir.path, 'CPU.1.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));

    expect(cpuProfilesIn(dir.path)).toEqual([file]);
    const summary = summarizeCpuProfile(file);
    expect(summary).toContain('busy 0.0 s; self time by package:');
    expect(summary).toContain('   60.0 %  fastify');
    expect(summary).toContain('   20.0 %  writev');
    expect(summary).toContain("   20.0 %  the app's own code");
    expect(summary).toContain('   60.0 %  serialize fastify/lib/reply.js:10');
    expect(summary).toContain('   20.0 %  findOne src/accounts/accounts.controller.ts:3');
    expect(summary).not.toContain('idle');
  });
});
