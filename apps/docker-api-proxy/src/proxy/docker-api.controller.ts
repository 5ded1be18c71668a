import { Controller, ForbiddenException, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowedRead } from './allowed-reads';
import { EngineSocket } from './engine-socket';

/** Every path but /health: an allowed read is forwarded to the engine, anything else is 403. */
@Controller()
export class DockerApiController {
  constructor(private readonly engine: EngineSocket) {}

  @Get('*')
  forward(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const path = allowedRead(request.url);
    if (!path) {
      throw new ForbiddenException('this proxy forwards only the reads the visualizer makes');
    }
    this.engine.forward(path, request.headers.accept, reply);
  }
}
