import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LoadResult } from '@landscape/load';
import { summaryRows } from './text-summary';

/** What the report inlines, so that it opens offline and from any place it is copied to. */
export interface ReportAssets {
  uplotJs: string;
  uplotCss: string;
  pageJs: string;
  pageCss: string;
}

/** The assets that the build copies next to main.js (see webpack.config.js). */
export function readReportAssets(dir = join(__dirname, 'report')): ReportAssets {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    uplotJs: read('uPlot.iife.min.js'),
    uplotCss: read('uPlot.min.css'),
    pageJs: read('report.js'),
    pageCss: read('report.css'),
  };
}

/** Writes the report and returns its absolute path. */
export function writeHtmlReport(
  result: LoadResult,
  path: string,
  assets = readReportAssets(),
): string {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, renderHtmlReport(result, assets));
  return absolute;
}

export function renderHtmlReport(result: LoadResult, assets: ReportAssets): string {
  const { plan } = result;
  const title = `Load test of ${plan.baseUrls.map((baseUrl) => `${baseUrl}${plan.path}`).join(', ')}`;
  const rows: [string, string][] = [['started', result.startedAt], ...summaryRows(result)];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${assets.uplotCss}</style>
<style>${assets.pageCss}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1></header>
<main>
<table class="summary">
${rows.map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`).join('\n')}
</table>
<section id="charts"></section>
</main>
<script type="application/json" id="report-data">${jsonForScript(result)}</script>
<script>${scriptBody(assets.uplotJs)}</script>
<script>${scriptBody(assets.pageJs)}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON that cannot end the script element it sits in. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function scriptBody(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script');
}
