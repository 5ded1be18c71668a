import { Inject, Injectable } from '@nestjs/common';
import { errorBody } from '@landscape/runtime';
import type { FastifyReply } from 'fastify';
import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import {
  type DockerApiProxyConfig,
  DOCKER_API_PROXY_CONFIG,
} from '../config/docker-api-proxy.config';

/** Answer headers not passed on: they describe the connection to the engine, not the answer. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/** The Docker engine's socket, to which this service forwards the allowed reads. */
@Injectable()
export class EngineSocket {
  private readonly agent = new Agent({ keepAlive: false });

  constructor(
    @Inject(DOCKER_API_PROXY_CONFIG)
    private readonly config: Pick<DockerApiProxyConfig, 'socketPath'>,
  ) {}

  /**
   * Sends GET `path` to the engine and streams its answer back as it comes (the event stream
   * never ends by itself). Only the caller's Accept header goes along.
   */
  forward(path: string, accept: string | undefined, reply: FastifyReply): void {
    void reply.hijack();
    const client = reply.raw;
    const upstream = request(
      {
        socketPath: this.config.socketPath,
        agent: this.agent,
        method: 'GET',
        path,
        headers: { host: 'docker', accept: accept ?? '*/*' },
      },
      (answer) => {
        client.writeHead(answer.statusCode ?? 502, passedOn(answer.headers));
        // Now, not with the first chunk: a client waits for the event stream's headers.
        client.flushHeaders();
        answer.pipe(client);
      },
    );
    upstream.on('error', (error) => {
      if (client.headersSent) return void client.destroy();
      const body = JSON.stringify(
        errorBody(502, `the Docker engine did not answer: ${error.message}`),
      );
      client.writeHead(502, { 'content-type': 'application/json' }).end(body);
    });
    client.on('close', () => upstream.destroy());
    upstream.end();
  }

  /** Resolves when the engine answers `GET /_ping`. */
  ping(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const ping = request(
        {
          socketPath: this.config.socketPath,
          agent: this.agent,
          path: '/_ping',
          timeout: timeoutMs,
        },
        (answer) => {
          answer.resume();
          if (answer.statusCode === 200) resolve();
          else reject(new Error(`GET /_ping answered ${answer.statusCode}`));
        },
      );
      ping.on('timeout', () =>
        ping.destroy(new Error(`GET /_ping: no answer within ${timeoutMs} ms`)),
      );
      ping.on('error', reject);
      ping.end();
    });
  }
}

function passedOn(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}
