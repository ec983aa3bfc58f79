import type { CaseEventType } from '@fristvakt/domain';
import { AftercareConcludedData, AftercareOfferedData } from './aftercare.dto';
import { EventRetractedData } from './event-retracted.dto';
import { ExtensionAssessedData } from './extension-assessed.dto';
import { InvestigationClosedData } from './investigation-closed.dto';
import { InvestigationExtendedData } from './investigation-extended.dto';
import { InvestigationOpenedData } from './investigation-opened.dto';
import { MeasureEndedData } from './measure-ended.dto';
import { MeasureStartedData } from './measure-started.dto';
import { NotificationClearedData } from './notification-cleared.dto';
import { NotificationReceivedData } from './notification-received.dto';
import { PlacementEndedData } from './placement-ended.dto';
import { PlacementStartedData } from './placement-started.dto';
import { PlanCreatedData } from './plan-created.dto';
import { PlanEndedData, PlanEvaluatedData } from './plan-evaluated.dto';
import { SupervisionResponsibilitySetData, VisitFrequencySetData, VisitHeldData } from './visit.dto';

export { CaseEventDto } from './case-event.dto';
export { MAX_EVENTS_PER_REQUEST, RecordRequestDto } from './record-request.dto';
export {
  AftercareConcludedData,
  AftercareOfferedData,
  EventRetractedData,
  ExtensionAssessedData,
  InvestigationClosedData,
  InvestigationExtendedData,
  InvestigationOpenedData,
  MeasureEndedData,
  MeasureStartedData,
  NotificationClearedData,
  NotificationReceivedData,
  PlacementEndedData,
  PlacementStartedData,
  PlanCreatedData,
  PlanEndedData,
  PlanEvaluatedData,
  SupervisionResponsibilitySetData,
  VisitFrequencySetData,
  VisitHeldData,
};

/** The class that validates `data` for each event type; typed so a new event type cannot be forgotten. */
export const DATA_DTO_BY_TYPE: { readonly [T in CaseEventType]: new () => object } = {
  NotificationReceived: NotificationReceivedData,
  NotificationCleared: NotificationClearedData,
  InvestigationOpened: InvestigationOpenedData,
  InvestigationExtended: InvestigationExtendedData,
  ExtensionAssessed: ExtensionAssessedData,
  InvestigationClosed: InvestigationClosedData,
  MeasureStarted: MeasureStartedData,
  MeasureEnded: MeasureEndedData,
  PlacementStarted: PlacementStartedData,
  PlacementEnded: PlacementEndedData,
  PlanCreated: PlanCreatedData,
  PlanEvaluated: PlanEvaluatedData,
  PlanEnded: PlanEndedData,
  VisitFrequencySet: VisitFrequencySetData,
  SupervisionResponsibilitySet: SupervisionResponsibilitySetData,
  VisitHeld: VisitHeldData,
  AftercareOffered: AftercareOfferedData,
  AftercareConcluded: AftercareConcludedData,
  EventRetracted: EventRetractedData,
};
