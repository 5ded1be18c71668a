/**
 * The Engine API endpoints the visualizer reads, and nothing else: no container, exec, image,
 * secret or config endpoint, and no single object's inspect (which would show its environment).
 */
const ALLOWED_PATHS = new Set([
  '/_ping',
  '/version',
  '/nodes',
  '/services',
  '/tasks',
  '/networks',
  '/events',
]);
const VERSION_PREFIX = /^\/v\d{1,2}\.\d{1,3}(?=\/)/;

/**
 * The path and query to forward for a request URL, or undefined when it is not an allowed read.
 * The URL is resolved first (dot segments, doubled slashes), and what is checked is what is sent.
 */
export function allowedRead(rawUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://engine');
  } catch {
    return undefined;
  }
  if (url.host !== 'engine' || url.hash) return undefined;
  const unversioned = url.pathname.replace(VERSION_PREFIX, '');
  if (!ALLOWED_PATHS.has(unversioned)) return undefined;
  return `${url.pathname}${url.search}`;
}
