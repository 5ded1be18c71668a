import { createServer, type ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';

/** What the fake engine lists, in the Docker Engine API's own shapes. */
export interface FakeSwarm {
  nodes: object[];
  services: object[];
  tasks: object[];
  networks: object[];
}

export interface FakeDockerEngineOptions {
  socketPath: string;
  /** The newest API version it speaks, and the oldest it accepts, as a real engine has both. */
  apiVersion?: string;
  minApiVersion?: string;
  swarm?: FakeSwarm;
}

export interface FakeDockerEngine {
  /** For DOCKER_HOST. */
  readonly host: string;
  readonly apiVersion: string;
  swarm: FakeSwarm;
  /** Every request's method and path, in order. */
  readonly requests: string[];
  /**
   * Requests whose path (without the version) starts with this get no answer, ever: the next
   * `times` of them, or every one until resume().
   */
  stall(path: string, times?: number): void;
  resume(): void;
  /** Sends an event (a JSON line) to every open `GET /events` stream. */
  emitEvent(event: { Type: string; Action: string }): void;
  close(): Promise<void>;
}

export function fakeSwarm(replicas = 1): FakeSwarm {
  return {
    nodes: [
      {
        ID: 'node1',
        Description: { Hostname: 'fake-manager' },
        Spec: { Role: 'manager', Availability: 'active' },
        Status: { State: 'ready' },
        ManagerStatus: { Leader: true },
      },
    ],
    services: [
      {
        ID: 'svc1',
        Spec: {
          Name: 'fake_quotes-service',
          Mode: { Replicated: { Replicas: replicas } },
          TaskTemplate: { ContainerSpec: { Image: 'someprefix/quotes-service:1' } },
        },
      },
    ],
    tasks: Array.from({ length: replicas }, (_, i) => ({
      ID: `task${i + 1}`,
      ServiceID: 'svc1',
      NodeID: 'node1',
      Slot: i + 1,
      DesiredState: 'running',
      Status: { State: 'running', Message: 'started' },
      Spec: { ContainerSpec: { Image: 'someprefix/quotes-service:1' } },
    })),
    networks: [],
  };
}

const compare = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  return x[0] - y[0] || x[1] - y[1];
};

/**
 * A Docker engine's API on a unix socket, for the visualizer's tests: the list calls and the
 * event stream it reads, answered from memory. Like a real engine, it answers unversioned
 * paths, and rejects a versioned path outside [minApiVersion, apiVersion] with a 400.
 */
export async function startFakeDockerEngine(
  options: FakeDockerEngineOptions,
): Promise<FakeDockerEngine> {
  const apiVersion = options.apiVersion ?? '1.43';
  const minApiVersion = options.minApiVersion ?? '1.24';
  const requests: string[] = [];
  const stalls: Array<{ path: string; times: number }> = [];
  const eventStreams = new Set<ServerResponse>();
  const engine = { swarm: options.swarm ?? fakeSwarm() };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://engine');
    requests.push(`${request.method} ${url.pathname}`);
    const match = /^\/v(\d+\.\d+)(\/.*)$/.exec(url.pathname);
    const path = match ? match[2] : url.pathname;
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'api-version': apiVersion });
      response.end(JSON.stringify(body));
    };
    if (match && compare(match[1], minApiVersion) < 0) {
      return json(400, {
        message: `client version ${match[1]} is too old. Minimum supported API version is ${minApiVersion}, please upgrade your client to a newer version`,
      });
    }
    if (match && compare(match[1], apiVersion) > 0) {
      return json(400, {
        message: `client version ${match[1]} is too new. Maximum supported API version is ${apiVersion}`,
      });
    }
    const stall = stalls.find((s) => s.times > 0 && path.startsWith(s.path));
    if (stall) {
      stall.times -= 1;
      return; // never answers
    }
    switch (path) {
      case '/version':
        return json(200, { ApiVersion: apiVersion, MinAPIVersion: minApiVersion, Version: 'fake' });
      case '/_ping':
        response.writeHead(200, { 'content-type': 'text/plain' });
        return response.end('OK');
      case '/nodes':
      case '/services':
      case '/tasks':
      case '/networks':
        return json(200, engine.swarm[path.slice(1) as keyof FakeSwarm]);
      case '/events':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.flushHeaders();
        eventStreams.add(response);
        response.on('close', () => eventStreams.delete(response));
        return;
      default:
        return json(404, { message: `page not found: ${path}` });
    }
  });
  rmSync(options.socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.socketPath, resolve);
  });

  return {
    host: `unix://${options.socketPath}`,
    apiVersion,
    get swarm() {
      return engine.swarm;
    },
    set swarm(swarm: FakeSwarm) {
      engine.swarm = swarm;
    },
    requests,
    stall: (path, times = Infinity) => stalls.push({ path, times }),
    resume: () => stalls.splice(0),
    emitEvent: (event) => {
      for (const stream of eventStreams) stream.write(`${JSON.stringify(event)}\n`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
