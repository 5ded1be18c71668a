import { formatProgress, formatSummary } from './report/text-summary';
import { writeHtmlReport } from './report/html-report';
import { LoadOptionsError, parseLoadOptions, USAGE } from './cli/load-options';
import { footprintSourcesOf } from './footprint/footprint-sources';
import { errorTotal, runLoad } from '@landscape/load';

async function main(): Promise<number> {
  const options = parseLoadOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { scenario } = options;
  const expectedS = scenario.durationS + (scenario.kind === 'article' ? scenario.rampS : 0);

  const stop = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nstopping: waiting for the requests in flight…\n');
    stop.abort();
  });

  const interactive = process.stderr.isTTY;
  let nextLineAtS = 5; // without a terminal to redraw on, a line every 5 s
  const result = await runLoad(
    { ...options, footprint: footprintSourcesOf(options) },
    (progress) => {
      const line = formatProgress(progress, expectedS);
      if (interactive) process.stderr.write(`\r\x1b[2K${line}`);
      else if (progress.interval.second >= nextLineAtS) {
        process.stderr.write(`${line}\n`);
        nextLineAtS = progress.interval.second + 5;
      }
    },
    stop.signal,
  );
  if (interactive) process.stderr.write('\n');

  console.log(formatSummary(result));
  console.log(`report      ${writeHtmlReport(result, options.reportPath)}`);
  const failed = errorTotal(result.run.errors);
  if (failed > 0)
    console.log(`check       ${failed} of ${result.run.requests} answers were not 200`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    const usage = error instanceof LoadOptionsError ? '\nRun with --help for the options.' : '';
    console.error(`loadtest: ${error.message}${usage}`);
    process.exitCode = 2;
  },
);
