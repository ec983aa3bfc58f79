import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseEvent } from '@fristvakt/domain';
import type { CaseRecorder, RecordResult } from '@fristvakt/case-recording';
import { CASE_RECORDER } from '../tokens';

/** A validated batch for one case; the handler records it all or nothing. */
export class RecordCaseEventsCommand extends Command<RecordResult> {
  constructor(
    readonly caseId: string,
    readonly events: CaseEvent[],
    readonly expectedVersion: number | undefined,
    readonly recordedBy: string,
  ) {
    super();
  }
}

@CommandHandler(RecordCaseEventsCommand)
export class RecordCaseEventsHandler implements ICommandHandler<RecordCaseEventsCommand, RecordResult> {
  constructor(@Inject(CASE_RECORDER) private readonly recorder: CaseRecorder) {}

  execute(command: RecordCaseEventsCommand): Promise<RecordResult> {
    return this.recorder.record({
      caseId: command.caseId,
      events: command.events,
      expectedVersion: command.expectedVersion,
      recordedBy: command.recordedBy,
    });
  }
}
