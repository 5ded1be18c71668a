import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { HEALTH_UP, type HealthBody } from '@landscape/contracts';
import type Docker from 'dockerode';
import { DOCKER_CLIENT } from '../swarm/docker-client';

/** Healthy while the Docker API answers. */
@Controller('health')
export class HealthController {
  constructor(@Inject(DOCKER_CLIENT) private readonly docker: Docker) {}

  @Get()
  async check(): Promise<HealthBody> {
    try {
      await this.docker.ping();
      return HEALTH_UP;
    } catch (error) {
      const down: HealthBody = { status: 'DOWN', reason: `docker: ${(error as Error).message}` };
      throw new ServiceUnavailableException(down);
    }
  }
}
