import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { HealthRegistry, ReadinessReport } from '@fristvakt/observability';
import { HEALTH_REGISTRY } from '../tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_REGISTRY) private readonly registry: HealthRegistry) {}

  /** The process is up and its event loop answers; says nothing about dependencies, so restarts are not triggered by them. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 only when the store answers and every registered component is ready; a 503 takes the instance out of rotation. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: store reachable, projections and other components caught up' })
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    return this.answer(reply);
  }

  /** Kept for existing probes: the same answer as /health/ready. */
  @Get()
  @ApiOperation({ summary: 'Alias of /health/ready' })
  health(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    return this.answer(reply);
  }

  private async answer(reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.registry.check();
    void reply.header('cache-control', 'no-store');
    if (report.status !== 'ok') void reply.status(503);
    return report;
  }
}
