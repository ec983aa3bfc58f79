import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { FristvaktMetrics } from '@fristvakt/observability';
import { Allow } from '../auth/allow.decorator';
import { METRICS } from '../tokens';

/**
 * Prometheus scrape endpoint; left out of the OpenAPI document, which describes the case API. It
 * carries open and overdue counts per municipality, unsuppressed, so it needs an `admin` token
 * (a scraper's `authorization: Bearer …`; docs/security.md).
 */
@ApiExcludeController()
@Controller('metrics')
@Allow('admin')
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: FristvaktMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', this.metrics.contentType());
    return this.metrics.render();
  }
}
