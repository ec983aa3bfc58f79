import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '@fristvakt/event-store';
import { EVENT_STORE } from '../tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Ready only when the store answers a read; a 503 takes the instance out of rotation. */
  @Get()
  @ApiOperation({ summary: 'Liveness and store reachability' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; store: string }> {
    try {
      await this.store.headPosition();
      return { status: 'ok', store: 'ok' };
    } catch {
      void reply.status(503);
      return { status: 'error', store: 'unavailable' };
    }
  }
}
