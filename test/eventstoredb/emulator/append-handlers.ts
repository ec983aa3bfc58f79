import type { sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import { Metadata, status } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { AllStreamPosition, Empty, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, ExpectedState, ProposedEvent, TransactionLog } from './transaction-log';
import { streamNameOf, uuidToString } from './wire';

type ProposedMessage = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

function toProposed(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (!type || !contentType) throw new RequiredMetadataMissing();
  return {
    eventId: uuidToString(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

class RequiredMetadataMissing extends Error {
  readonly grpcError = {
    code: status.INVALID_ARGUMENT,
    details: 'Required metadata properties are missing',
    metadata: metadataOf({ exception: 'missing-required-metadata-property', 'required-metadata-properties': 'type,content-type' }),
  };
}

function metadataOf(entries: Record<string, string>): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
}

/** `Streams.Append`: one options message, then the proposed events; wrong versions are answered in-band. */
export function handleAppend(
  log: TransactionLog,
  call: ServerReadableStream<AppendReq, AppendResp>,
  callback: sendUnaryData<AppendResp>,
): void {
  let options: AppendReq.Options | undefined;
  const events: ProposedEvent[] = [];
  let failure: RequiredMetadataMissing | undefined;
  call.on('data', (request: AppendReq) => {
    if (request.hasOptions()) options = request.getOptions();
    else if (request.hasProposedMessage()) {
      try {
        events.push(toProposed(request.getProposedMessage()!));
      } catch (error) {
        failure = error as RequiredMetadataMissing;
      }
    }
  });
  call.on('end', () => {
    if (failure) return callback(failure.grpcError);
    if (!options) return callback({ code: status.INVALID_ARGUMENT, details: 'append without options' });
    const C = AppendReq.Options.ExpectedStreamRevisionCase;
    const expected: ExpectedState =
      options.getExpectedStreamRevisionCase() === C.REVISION
        ? { kind: 'revision', revision: BigInt(options.getRevision()) }
        : options.getExpectedStreamRevisionCase() === C.NO_STREAM
          ? { kind: 'no_stream' }
          : options.getExpectedStreamRevisionCase() === C.STREAM_EXISTS
            ? { kind: 'stream_exists' }
            : { kind: 'any' };
    const outcome = log.append(streamNameOf(options.getStreamIdentifier()), expected, events);
    callback(null, appendResponse(outcome, expected));
  });
}

function appendResponse(outcome: AppendOutcome, expected: ExpectedState): AppendResp {
  if (outcome.ok) {
    const success = new AppendResp.Success();
    if (outcome.currentRevision === undefined) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString());
    if (outcome.position === undefined) success.setNoPosition(new Empty());
    else
      success.setPosition(
        new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()),
      );
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
  else wrong.setCurrentRevision(outcome.currentRevision.toString()).setCurrentRevision2060(Number(outcome.currentRevision));
  if (expected.kind === 'revision')
    wrong.setExpectedRevision(expected.revision.toString()).setExpectedRevision2060(Number(expected.revision));
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
  else wrong.setExpectedAny(new Empty()).setAny2060(new Empty());
  return new AppendResp().setWrongExpectedVersion(wrong);
}

/**
 * `Streams.BatchAppend`: one long-lived bidi stream carrying many appends, each identified by its
 * correlation id (echoed back exactly), possibly split over several requests until `is_final`.
 * Wrong versions come back as a google.rpc.Status packing event_store.client.WrongExpectedVersion.
 */
export function handleBatchAppend(log: TransactionLog, call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
  const pending = new Map<string, { options: BatchAppendReq.Options; events: ProposedEvent[]; failed: boolean }>();
  call.on('data', (request: BatchAppendReq) => {
    const correlation = request.getCorrelationId()!;
    const key = uuidToString(correlation);
    let batch = pending.get(key);
    if (!batch) {
      const options = request.getOptions();
      if (!options) return call.emit('error', { code: status.INVALID_ARGUMENT, details: 'first batch append request without options' });
      batch = { options, events: [], failed: false };
      pending.set(key, batch);
    }
    try {
      batch.events.push(...request.getProposedMessagesList().map(toProposed));
    } catch {
      batch.failed = true;
    }
    if (!request.getIsFinal()) return;
    pending.delete(key);

    const streamName = streamNameOf(batch.options.getStreamIdentifier());
    const C = BatchAppendReq.Options.ExpectedStreamPositionCase;
    const response = new BatchAppendResp().setCorrelationId(correlation).setStreamIdentifier(batch.options.getStreamIdentifier());
    let expected: ExpectedState;
    switch (batch.options.getExpectedStreamPositionCase()) {
      case C.STREAM_POSITION:
        expected = { kind: 'revision', revision: BigInt(batch.options.getStreamPosition()) };
        response.setStreamPosition(batch.options.getStreamPosition());
        break;
      case C.NO_STREAM:
        expected = { kind: 'no_stream' };
        response.setNoStream(new GoogleEmpty());
        break;
      case C.STREAM_EXISTS:
        expected = { kind: 'stream_exists' };
        response.setStreamExists(new GoogleEmpty());
        break;
      default:
        expected = { kind: 'any' };
        response.setAny(new GoogleEmpty());
    }
    if (batch.failed) {
      call.write(response.setError(new Status().setCode(Code.INVALID_ARGUMENT).setMessage('Required metadata properties are missing')));
      return;
    }
    const outcome = log.append(streamName, expected, batch.events);
    if (outcome.ok) {
      const success = new BatchAppendResp.Success();
      if (outcome.currentRevision === undefined) success.setNoStream(new GoogleEmpty());
      else success.setCurrentRevision(outcome.currentRevision.toString());
      if (outcome.position === undefined) success.setNoPosition(new GoogleEmpty());
      else
        success.setPosition(
          new AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()),
        );
      call.write(response.setSuccess(success));
      return;
    }
    const details = new WrongExpectedVersion();
    if (outcome.currentRevision === undefined) details.setCurrentNoStream(new GoogleEmpty());
    else details.setCurrentStreamRevision(outcome.currentRevision.toString());
    if (expected.kind === 'revision') details.setExpectedStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') details.setExpectedNoStream(new GoogleEmpty());
    else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new GoogleEmpty());
    else details.setExpectedAny(new GoogleEmpty());
    const packed = new Any();
    packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
    call.write(response.setError(new Status().setCode(Code.FAILED_PRECONDITION).setMessage('Wrong expected version').setDetails(packed)));
  });
  call.on('end', () => call.end());
}
