import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { defaultMaxConnections, limitConnections } from './connection-limit';

const MiB = 1024 * 1024;

describe('defaultMaxConnections', () => {
  it('gives a quarter of the memory limit to connections, at 64 KiB each', () => {
    expect(defaultMaxConnections(128 * MiB)).toBe(512);
    expect(defaultMaxConnections(96 * MiB)).toBe(384);
  });

  it('keeps to 64 .. 10,000 whatever the memory', () => {
    expect(defaultMaxConnections(4 * MiB)).toBe(64);
    expect(defaultMaxConnections(24 * 1024 * MiB)).toBe(10_000);
  });
});

interface Client {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
  isClosed(): boolean;
}

function client(port: number, send: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined);
    const closed = new Promise<string>((settle) =>
      socket.once('close', () => {
        done = true;
        settle(text);
      }),
    );
    socket.once('connect', () => {
      socket.write(send);
      resolve({ socket, closed, isClosed: () => done });
    });
    socket.once('error', reject);
  });
}

const HALF_SENT = 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ';
const REQUEST = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('limitConnections', () => {
  let server: Server;
  let port: number;
  let holding: ServerResponse[];
  let hold: boolean;
  let closedIdle: number;
  let refused: number;
  const clients: Client[] = [];

  const open = async (send: string) => {
    const opened = await client(port, send);
    clients.push(opened);
    await settle();
    return opened;
  };

  beforeEach(async () => {
    holding = [];
    hold = false;
    closedIdle = 0;
    refused = 0;
    server = createServer((_request, response) => {
      if (hold) holding.push(response);
      else response.end('ok');
    });
    limitConnections(server, 3, {
      onIdleClosed: () => (closedIdle += 1),
      onRefused: () => (refused += 1),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    for (const { socket } of clients.splice(0)) socket.destroy();
    for (const response of holding) response.end();
    await new Promise((resolve) => server.close(resolve));
  });

  it('serves a new client at the limit by closing the slow client that came first', async () => {
    const first = await open(HALF_SENT);
    const second = await open(HALF_SENT);
    const third = await open(HALF_SENT);
    const fresh = await open(REQUEST);
    expect(first.isClosed()).toBe(true);
    expect(second.isClosed()).toBe(false);
    expect(third.isClosed()).toBe(false);
    expect(fresh.isClosed()).toBe(false);
    expect(closedIdle).toBe(1);
    expect(refused).toBe(0);
  });

  it('closes the connection that has gone longest without a request, not the oldest', async () => {
    const keptAlive = await open(REQUEST);
    const slow = await open(HALF_SENT);
    await open(HALF_SENT);
    keptAlive.socket.write(REQUEST); // active again: now the most recent
    await settle();
    await open(REQUEST);
    expect(slow.isClosed()).toBe(true);
    expect(keptAlive.isClosed()).toBe(false);
  });

  it('never closes a connection whose request is in progress; a new one is closed at once', async () => {
    hold = true;
    const busy = [await open(REQUEST), await open(REQUEST), await open(REQUEST)];
    expect(holding).toHaveLength(3);
    const late = await open(REQUEST);
    expect(await late.closed).toBe('');
    expect(busy.map((c) => c.isClosed())).toEqual([false, false, false]);
    expect(refused).toBe(1);
    for (const response of holding.splice(0)) response.end('done');
    await settle();
    expect(busy.map((c) => c.isClosed())).toEqual([false, false, false]);
  });

  it('counts a closed connection out, so that its place is free again', async () => {
    const first = await open(HALF_SENT);
    await open(HALF_SENT);
    await open(HALF_SENT);
    first.socket.destroy();
    await settle();
    await open(REQUEST);
    expect(closedIdle).toBe(0);
  });
});
