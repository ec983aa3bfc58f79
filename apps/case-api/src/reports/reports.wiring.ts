import type { Provider, Type } from '@nestjs/common';
import { StateReportController } from './state-report.controller';
import { REFERENCE_DATA_PROVIDER } from './reference/reference-data.provider';
import { GetStateReportHandler } from './state-report.query';

/** What AppModule adds for the state report; the read model comes with the leader views. */
export const REPORT_CONTROLLERS: Type[] = [StateReportController];
export const REPORT_PROVIDERS: Provider[] = [GetStateReportHandler, REFERENCE_DATA_PROVIDER];
