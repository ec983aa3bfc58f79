import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { FristvaktMetrics, InFlightRequests } from '@fristvakt/observability';
import { AUDIT_CONTROLLERS, AUDIT_PROVIDERS } from './audit/audit.wiring';
import { AuthModule } from './auth/auth.module';
import { CasesController } from './cases/cases.controller';
import { GetCaseEventsHandler } from './cases/get-case-events.query';
import { GetCaseHandler } from './cases/get-case.query';
import { RecordCaseEventsHandler } from './cases/record-case-events.command';
import type { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { kafkaProviders } from './kafka/kafka.providers';
import { GracefulShutdown } from './ops/graceful-shutdown';
import { MetricsController } from './ops/metrics.controller';
import { opsProviders } from './ops/ops.providers';
import { ProblemFilter } from './http/problem.filter';
import { RegisterController } from './register/register.controller';
import { REPORT_CONTROLLERS, REPORT_PROVIDERS } from './reports/reports.wiring';
import { LEADER_CONTROLLERS, LEADER_PROVIDERS } from './statistics/leader.wiring';
import { caseRecordingProviders, eventStoreProvider, EventStoreCloser } from './store/event-store.providers';
import { APP_CONFIG, CLOCK, type Clock } from './tokens';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock, ops: { metrics: FristvaktMetrics; inFlight: InFlightRequests }): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), AuthModule.forRoot(config.auth, config.dataDir, clock)],
      controllers: [
        CasesController,
        ...LEADER_CONTROLLERS,
        ...AUDIT_CONTROLLERS,
        ...REPORT_CONTROLLERS,
        RegisterController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: APP_FILTER, useClass: ProblemFilter },
        eventStoreProvider,
        ...caseRecordingProviders,
        EventStoreCloser,
        ...opsProviders(ops.metrics, ops.inFlight),
        GracefulShutdown,
        RecordCaseEventsHandler,
        GetCaseHandler,
        GetCaseEventsHandler,
        ...LEADER_PROVIDERS,
        ...AUDIT_PROVIDERS,
        ...REPORT_PROVIDERS,
        ...kafkaProviders(config),
      ],
    };
  }
}
