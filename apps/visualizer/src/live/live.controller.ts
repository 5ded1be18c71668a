import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { LiveClients } from './live-clients.service';

@Controller('api')
export class LiveController {
  constructor(private readonly live: LiveClients) {}

  /** Server-sent events: the engine's status and the graph now, then each change. */
  @Get('events')
  events(@Res() reply: FastifyReply): void {
    if (!this.live.open(reply)) {
      throw new ServiceUnavailableException(
        `too many live clients: this visualizer serves ${this.live.limit} at once`,
      );
    }
  }
}
