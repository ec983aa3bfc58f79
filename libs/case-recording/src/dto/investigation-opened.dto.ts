import { IsRecordId } from './decorators';

/** undersøkelse startet: the review of `notificationId` concluded "investigate" */
export class InvestigationOpenedData {
  @IsRecordId()
  investigationId!: string;

  @IsRecordId()
  notificationId!: string;
}
