import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Docker from 'dockerode';
import { Agent } from 'node:http';
import { type VisualizerConfig, VISUALIZER_CONFIG } from '../config/visualizer.config';

interface VersionProbe {
  version(options: { abortSignal: AbortSignal }): Promise<{ ApiVersion: string }>;
}

/** A call to the engine that did not answer within DOCKER_TIMEOUT_MS. */
export class EngineTimeoutError extends Error {
  override readonly name = 'EngineTimeoutError';
}

/**
 * The Docker engine, at its own API version. The version is asked for (on the unversioned
 * `/version`) at the first successful contact, and again after any failed call: an engine that
 * was down at start, or was restarted or upgraded meanwhile, may reject the version this client
 * used before. Every call is bounded by DOCKER_TIMEOUT_MS and cancelled at that deadline, so that
 * one engine call that never answers cannot hold up the calls after it. Connection settings come
 * from DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), else the local socket.
 */
@Injectable()
export class DockerEngine implements OnApplicationShutdown {
  private readonly timeoutMs: number;
  /**
   * A connection per call: the engine is local or a manager near by, a handful of calls are made
   * each poll, and a kept-alive connection outlives an engine restart only to fail the next call.
   */
  private readonly agent = new Agent({ keepAlive: false });
  private negotiated: Promise<Docker> | undefined;

  constructor(@Inject(VISUALIZER_CONFIG) config: Pick<VisualizerConfig, 'engineTimeoutMs'>) {
    this.timeoutMs = config.engineTimeoutMs;
  }

  /** Runs one call on the negotiated client, within the deadline. */
  async call<T>(
    what: string,
    send: (docker: Docker, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    try {
      const docker = await this.client();
      return await this.bounded(what, (signal) => send(docker, signal));
    } catch (error) {
      this.negotiated = undefined;
      throw error;
    }
  }

  /**
   * The event stream, filtered by the engine. Its opening is bounded; the stream itself may
   * stay quiet for as long as nothing happens, so it has no timeout.
   */
  events(filters: Record<string, string[]>): Promise<NodeJS.ReadableStream> {
    return this.call('GET /events', (docker, signal) =>
      docker.getEvents({ filters, abortSignal: signal }),
    );
  }

  onApplicationShutdown(): void {
    this.agent.destroy();
  }

  private client(): Promise<Docker> {
    this.negotiated ??= this.bounded('GET /version', async (signal) => {
      // Unversioned, so that any engine answers; dockerode 5 takes the signal, its types not yet.
      const probe = new Docker(this.connection()) as unknown as VersionProbe;
      const { ApiVersion } = await probe.version({ abortSignal: signal });
      return new Docker({ ...this.connection(), version: `v${ApiVersion}` });
    });
    return this.negotiated;
  }

  /** docker-modem takes an agent; @types/dockerode does not say so. */
  private connection(): Docker.DockerOptions {
    return { agent: this.agent } as Docker.DockerOptions;
  }

  private bounded<T>(what: string, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const timeout = new EngineTimeoutError(`${what}: no answer within ${this.timeoutMs} ms`);
        controller.abort(timeout);
        reject(timeout);
      }, this.timeoutMs);
      send(controller.signal).then(
        (value) => {
          clearTimeout(timer);
          if (!controller.signal.aborted) resolve(value);
          else (value as { destroy?: () => void }).destroy?.();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
