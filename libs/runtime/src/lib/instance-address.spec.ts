import { networkInterfaces } from 'node:os';
import { instanceAddress } from './instance-address';

describe('instanceAddress', () => {
  it('is a non-loopback IPv4 address of this host, or 127.0.0.1 when it has none', () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a?.family === 'IPv4' && !a.internal)
      .map((a) => a?.address);
    const address = instanceAddress();
    if (external.length > 0) expect(external).toContain(address);
    else expect(address).toBe('127.0.0.1');
  });
});
