import { networkInterfaces } from 'node:os';

/**
 * The first non-loopback IPv4 address of this host or container: what a caller sees as the
 * answering instance when replicas sit behind one service name.
 */
export function instanceAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}
