import { allowedRead } from './allowed-reads';

describe('allowedRead', () => {
  it.each([
    ['/_ping', '/_ping'],
    ['/version', '/version'],
    ['/v1.43/nodes', '/v1.43/nodes'],
    ['/v1.41/services', '/v1.41/services'],
    [
      '/v1.41/tasks?filters=%7B%22service%22%3A%5B%22x%22%5D%7D',
      '/v1.41/tasks?filters=%7B%22service%22%3A%5B%22x%22%5D%7D',
    ],
    ['/v1.41/networks', '/v1.41/networks'],
    ['/v1.41/events?filters=%7B%7D', '/v1.41/events?filters=%7B%7D'],
  ])('forwards the read %p as %p', (url, forwarded) => {
    expect(allowedRead(url)).toBe(forwarded);
  });

  it.each([
    '/containers/json',
    '/v1.41/containers/json',
    '/v1.41/containers/abc/exec',
    '/v1.41/services/abc',
    '/v1.41/secrets',
    '/v1.41/configs',
    '/v1.41/images/json',
    '/v1.41/swarm',
    '/v1.41/info',
    '/v1.41/nodes/../containers/json',
    '/v1.41/nodes/%2e%2e/containers/json',
    '/v1.41/nodes%2F..%2Fcontainers',
    '//evil.example/v1.41/nodes',
    '/v1.41/nodes#x',
    '/v1.41/NODES',
    '/vx/nodes',
    '/',
  ])('refuses %p', (url) => {
    expect(allowedRead(url)).toBeUndefined();
  });
});
