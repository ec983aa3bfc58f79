import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicReadiness, type HealthRegistry, type ReadinessReport } from '@fristvakt/observability';
import { principalOf } from '../auth/principal';
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
  ready(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    return this.answer(request, reply);
  }

  /** Kept for existing probes: the same answer as /health/ready. */
  @Get()
  @ApiOperation({ summary: 'Alias of /health/ready' })
  health(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    return this.answer(request, reply);
  }

  private async answer(request: FastifyRequest, reply: FastifyReply): Promise<ReadinessReport> {
    const full = await this.registry.check();
    // Probes need no token, so their answer leaves out what measures the whole log's size; an admin
    // token (the operator's, as for /metrics) gets positions, checkpoints and counts too.
    const report = principalOf(request)?.roles.has('admin') ? full : publicReadiness(full);
    void reply.header('cache-control', 'no-store');
    if (report.status !== 'ok') void reply.status(503);
    return report;
  }
}
