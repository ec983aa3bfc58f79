import type { Provider, Type } from '@nestjs/common';
import { ProjectionsService } from '../projections/projections.service';
import { LeaderController } from './leader.controller';
import { GetComplianceHandler, GetDeadlinesHandler, GetFlowHandler } from './leader-query.handlers';

/** What AppModule adds for the leader views: the read model's owner, the handlers, the controller. */
export const LEADER_CONTROLLERS: Type[] = [LeaderController];
export const LEADER_PROVIDERS: Provider[] = [ProjectionsService, GetDeadlinesHandler, GetComplianceHandler, GetFlowHandler];
