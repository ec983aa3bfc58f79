import type { Provider, Type } from '@nestjs/common';
import { AccessLogInterceptor } from './access-log.interceptor';
import { AccessLogCloser, accessLogProvider } from './access-log.providers';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** What AppModule adds for auditors: the endpoints, the access log and its interceptor. */
export const AUDIT_CONTROLLERS: Type[] = [AuditController];
export const AUDIT_PROVIDERS: Provider[] = [
  AuditService,
  accessLogProvider,
  AccessLogCloser,
  // bound by `@LogAccess` to the routes it marks
  AccessLogInterceptor,
];
