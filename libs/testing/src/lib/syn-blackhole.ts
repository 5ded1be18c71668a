import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

export interface SynBlackhole {
  /** An IPv4 address on this machine's own test network whose TCP SYNs are dropped. */
  address: string;
  remove(): void;
}

/** Root, with iproute2 and iptables (the `netns` targets install them). */
export function synBlackholeAvailable(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
    execFileSync('iptables', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A network namespace of the test's own, reached from here over a veth pair, whose firewall
 * drops every TCP SYN: a connect to it gets no answer at all, as with a partitioned or dead node
 * (a closed port would answer RST at once). Addresses come from 198.18.0.0/15, the range RFC 2544
 * sets aside for such tests. remove() deletes the namespace, and with it the veth pair.
 */
export function createSynBlackhole(): SynBlackhole {
  const id = `${process.pid % 10_000}x${randomInt(1_000)}`;
  const namespace = `blackhole-${id}`;
  const outside = `bho${id}`;
  const inside = `bhi${id}`;
  const subnet = `198.18.${randomInt(256)}.${4 * randomInt(64)}`;
  const [a, b, c, d] = subnet.split('.').map(Number);
  const host = `${a}.${b}.${c}.${d + 1}`;
  const address = `${a}.${b}.${c}.${d + 2}`;
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
  ip('netns', 'add', namespace);
  const remove = () => {
    try {
      ip('netns', 'delete', namespace);
    } catch {
      // already gone
    }
  };
  try {
    ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', inside);
    ip('link', 'set', inside, 'netns', namespace);
    ip('addr', 'add', `${host}/30`, 'dev', outside);
    ip('link', 'set', outside, 'up');
    ip('-n', namespace, 'addr', 'add', `${address}/30`, 'dev', inside);
    ip('-n', namespace, 'link', 'set', inside, 'up');
    ip('netns', 'exec', namespace, 'iptables', '-A', 'INPUT', '-p', 'tcp', '--syn', '-j', 'DROP');
  } catch (error) {
    remove();
    throw error;
  }
  return { address, remove };
}
