import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRuleViolation, type CaseEvent } from '@fristvakt/domain';
import type { CaseRecorder, RecordResult } from '@fristvakt/case-recording';
import { EventIdConflictError, VersionConflictError } from '@fristvakt/event-store';
import type { FristvaktMetrics } from '@fristvakt/observability';
import { AccessPolicy, type Principal } from '../auth';
import { recordingAuthorization } from '../auth/record-authorization';
import { CASE_RECORDER, METRICS } from '../tokens';

/** A validated batch for one case; the handler records it all or nothing. */
export class RecordCaseEventsCommand extends Command<RecordResult> {
  constructor(
    readonly caseId: string,
    readonly events: CaseEvent[],
    readonly expectedVersion: number | undefined,
    /** recorded as `recordedBy`; its municipalities bound which cases it may write to */
    readonly principal: Principal,
  ) {
    super();
  }
}

@CommandHandler(RecordCaseEventsCommand)
export class RecordCaseEventsHandler implements ICommandHandler<RecordCaseEventsCommand, RecordResult> {
  constructor(
    @Inject(CASE_RECORDER) private readonly recorder: CaseRecorder,
    @Inject(METRICS) private readonly metrics: FristvaktMetrics,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async execute(command: RecordCaseEventsCommand): Promise<RecordResult> {
    try {
      const result = await this.recorder.record({
        caseId: command.caseId,
        events: command.events,
        expectedVersion: command.expectedVersion,
        recordedBy: command.principal.subject,
        authorize: recordingAuthorization(this.access, command.principal, command.events),
      });
      this.metrics.recordedBatch(result.replayed ? 'replayed' : 'appended', result.eventIds.length);
      return result;
    } catch (error) {
      this.countRefusal(error);
      throw error;
    }
  }

  private countRefusal(error: unknown): void {
    if (error instanceof VersionConflictError) this.metrics.conflict('version');
    else if (error instanceof EventIdConflictError) this.metrics.conflict('event_id');
    else if (error instanceof CaseRuleViolation) this.metrics.conflict('rule', error.rule);
  }
}
