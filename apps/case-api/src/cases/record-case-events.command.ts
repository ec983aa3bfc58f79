import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseRecording, RecordingRequest, RecordResult } from '@fristvakt/case-recording';
import type { Principal } from '../auth';
import { CASE_RECORDING } from '../tokens';

/** One request to record events in a case; the handler records it all or nothing. */
export class RecordCaseEventsCommand extends Command<RecordResult> {
  constructor(
    readonly request: RecordingRequest,
    /** recorded as `recordedBy`; its municipalities bound which cases it may write to */
    readonly principal: Principal,
  ) {
    super();
  }
}

/** The HTTP entry to the one write path, which validates, authorizes, decides, appends and counts. */
@CommandHandler(RecordCaseEventsCommand)
export class RecordCaseEventsHandler implements ICommandHandler<RecordCaseEventsCommand, RecordResult> {
  constructor(@Inject(CASE_RECORDING) private readonly recording: CaseRecording) {}

  execute(command: RecordCaseEventsCommand): Promise<RecordResult> {
    return this.recording.record(command.request, command.principal);
  }
}
