/*
 * The first half of filing events into the model: decoding, with no model at hand. A batch of
 * stored events becomes *fact columns*, plain data in typed arrays (one buffer, moved rather than
 * copied between threads), so a rebuild decodes on the store's reader thread while the main thread
 * files (apply.ts, FactFiler). Every path that files events goes through here: `apply`, the
 * runner's follow and the catch-up, so there is one reading of an event, not one per path.
 *
 * The imports stay light (the domain, the case-event codec, this folder's pure helpers): the
 * reader thread loads this module before it reads the first page.
 */
import { isEmergencyPlacement, osloDateOf, type RecordedCaseEvent } from '@fristvakt/domain';
import type { BatchTransform, StoredEvent, Transformed } from '@fristvakt/event-store';
// the codec file itself: the package's index also loads its DTOs (class-validator, Nest), which
// would cost the reader thread half a second of start-up
import { toRecordedCaseEvent } from '../../../case-recording/src/case-event-codec';
import { codeIndex, codeLists, reporterMask } from './codes';
import { toEpochDay } from './epoch-day';
import { PACKED_ID_BYTES, packEventIdInto } from './event-ids';
import { parseInstant } from './instant';
import { FactKind, ItemKind, placementDetail } from './model';

/** What the filing does with an event, besides filing a fact of a {@link FactKind} (0–17). */
export const FilingOp = {
  /** not a case event, or one the model cannot read: counted in `skipped`, nothing filed */
  Skip: -1,
  /** EventRetracted: its target (the id at `itemIds[i]` in `texts`) is marked retracted */
  Retract: -2,
} as const;

/**
 * One batch, decoded: column[i] belongs to the batch's event i. Strings travel once: `names`
 * (item ids, municipalities, categories: few, and repeated) are numbered throughout one read and
 * sent in the batch that first names them; `texts` (a case id in its stream's first event of the
 * batch, event ids that are not lowercase UUIDs, retraction targets) are numbered per batch.
 */
export interface FactColumns {
  readonly count: number;
  /** a FactKind, or a {@link FilingOp} */
  readonly ops: Int8Array;
  readonly positions: Float64Array;
  /** epoch ms */
  readonly recordedAt: Float64Array;
  /** Oslo epoch day of occurredAt */
  readonly days: Int32Array;
  /**
   * the case's stream, numbered per batch (the same number for every event of the case in it): a
   * small map, hot in the cache, where a read-wide one made the lookup the decoder's largest cost
   */
  readonly streams: Int32Array;
  /** the case id (index in `texts`) in the batch's first readable event of its stream, else -1 */
  readonly caseIds: Int32Array;
  /** event i's id as 16 bytes at i × 16 when it is a lowercase UUID … */
  readonly idBytes: Uint8Array;
  /** … else its index in `texts` (-1: packed) */
  readonly idTexts: Int32Array;
  readonly itemKinds: Int8Array;
  /** name of the item id; a retraction's target as an index in `texts` */
  readonly itemIds: Int32Array;
  /** ItemKind of the fact's ref, -1 for none */
  readonly refKinds: Int8Array;
  readonly refIds: Int32Array;
  /** the fact's value and detail (model.ts); a receipt's detail is 1 if acute, the filing packs it with the municipality */
  readonly values: Float64Array;
  readonly details: Int32Array;
  readonly extras: Float64Array;
  /** name of the municipality or category whose symbol (model state) the filing puts in value or detail, -1 for none */
  readonly symbols: Int32Array;
  readonly names: string[];
  /**
   * the number of `names[0]`: names before it came in earlier batches of the read. 0 starts a
   * numbering afresh, so the filer follows a store that splits one catch-up into several reads.
   */
  readonly firstName: number;
  readonly texts: string[];
}

/** Numbering that lasts a read: names. */
interface ReadState {
  readonly names: Map<string, number>;
}

const newReadState = (): ReadState => ({ names: new Map() });

/**
 * The reader thread's transform (a `BatchTransformFactory` of the event store): called once per
 * read, it returns the decoder of that read's batches, in order.
 */
export function createFactDecoder(): (events: readonly StoredEvent[]) => Transformed<FactColumns> {
  const read = newReadState();
  return (events) => {
    const writer = new ColumnWriter(events.length, read);
    for (let i = 0; i < events.length; i++) {
      const stored = events[i];
      let event: RecordedCaseEvent;
      try {
        event = toRecordedCaseEvent(stored);
      } catch {
        // not a case stream, or no occurredAt: skipped, never re-read
        writer.skip(i, stored.position);
        continue;
      }
      // the stream id as the store gave it: a case id sliced out of it hashes at twice the cost
      writer.write(i, event, stored.streamId);
    }
    return { value: writer.columns, transfer: [writer.buffer] };
  };
}

/** Where the catch-up finds {@link createFactDecoder} (the reader thread loads this module by path). */
export const FACT_DECODER: BatchTransform = { module: __filename, exportName: 'createFactDecoder' };

/** Case events already mapped (`apply`), decoded as one batch of a read of their own. */
export function decodeCaseEvents(events: readonly RecordedCaseEvent[]): FactColumns {
  const writer = new ColumnWriter(events.length, newReadState());
  for (let i = 0; i < events.length; i++) writer.write(i, events[i], events[i].caseId);
  return writer.columns;
}

/** Follow-up facts (DOMAIN.md §7) among the filed ops of a batch: the benchmark counts them. */
export function countFollowUpFacts(columns: FactColumns): number {
  let n = 0;
  for (let i = 0; i < columns.count; i++) if (columns.ops[i] >= FactKind.PlanCreated && columns.ops[i] <= FactKind.AftercareConcluded) n++;
  return n;
}

class ColumnWriter {
  readonly buffer: ArrayBuffer;
  readonly columns: FactColumns;
  private readonly names: string[] = [];
  private readonly texts: string[] = [];
  private readonly streams = new Map<string, number>();
  /*
   * The previous event's times, as given and as read: the events of one append share recordedAt
   * (half the log's neighbours do), and often occurredAt; an equal string is read as before.
   */
  private recordedAtText = '';
  private recordedAtMs = Number.NaN;
  private occurredAtText = '';
  private occurredOn = 0;

  constructor(
    count: number,
    private readonly read: ReadState,
  ) {
    // 8-byte columns first, so every view is aligned
    const f64 = 8 * count;
    const i32 = 4 * count;
    this.buffer = new ArrayBuffer(4 * f64 + 8 * i32 + 3 * count + PACKED_ID_BYTES * count);
    let at = 0;
    const take = <A>(View: new (buffer: ArrayBuffer, offset: number, length: number) => A, bytes: number): A => {
      const view = new View(this.buffer, at, count);
      at += bytes;
      return view;
    };
    this.columns = {
      count,
      positions: take(Float64Array, f64),
      recordedAt: take(Float64Array, f64),
      values: take(Float64Array, f64),
      extras: take(Float64Array, f64),
      days: take(Int32Array, i32),
      streams: take(Int32Array, i32),
      caseIds: take(Int32Array, i32),
      idTexts: take(Int32Array, i32),
      itemIds: take(Int32Array, i32),
      refIds: take(Int32Array, i32),
      details: take(Int32Array, i32),
      symbols: take(Int32Array, i32),
      ops: take(Int8Array, count),
      itemKinds: take(Int8Array, count),
      refKinds: take(Int8Array, count),
      idBytes: new Uint8Array(this.buffer, at, PACKED_ID_BYTES * count),
      names: this.names,
      firstName: read.names.size,
      texts: this.texts,
    };
  }

  skip(i: number, position: number): void {
    this.columns.ops[i] = FilingOp.Skip;
    this.columns.positions[i] = position;
    this.columns.caseIds[i] = -1;
  }

  /**
   * Event i, of the stream `streamKey` names (the same key for every event of the case); one the model cannot read (a field of the wrong type, an unknown type, no date) is skipped.
   */
  write(i: number, event: RecordedCaseEvent, streamKey: string): void {
    try {
      this.fill(i, event);
    } catch {
      this.skip(i, event.position);
      return;
    }
    // numbered only once filed, so the first filed event of a case is the one carrying its id
    const c = this.columns;
    const known = this.streams.get(streamKey);
    if (known !== undefined) {
      c.streams[i] = known;
      c.caseIds[i] = -1;
    } else {
      const stream = this.streams.size;
      this.streams.set(streamKey, stream);
      c.streams[i] = stream;
      c.caseIds[i] = this.text(event.caseId);
    }
  }

  private name(value: unknown): number {
    if (typeof value !== 'string') throw new TypeError(`not a string: ${String(value)}`);
    let n = this.read.names.get(value);
    if (n === undefined) {
      n = this.read.names.size;
      this.read.names.set(value, n);
      this.names.push(value);
    }
    return n;
  }

  private text(value: unknown): number {
    if (typeof value !== 'string') throw new TypeError(`not a string: ${String(value)}`);
    this.texts.push(value);
    return this.texts.length - 1;
  }

  private fill(i: number, event: RecordedCaseEvent): void {
    const c = this.columns;
    // parseInstant gives Date.parse's result
    if (event.recordedAt !== this.recordedAtText) {
      this.recordedAtMs = parseInstant(event.recordedAt);
      this.recordedAtText = event.recordedAt;
    }
    const recordedAt = this.recordedAtMs;
    if (Number.isNaN(recordedAt)) throw new RangeError(`recordedAt ${event.recordedAt}`);
    c.positions[i] = event.position;
    c.recordedAt[i] = recordedAt;
    const eventId = event.eventId;
    c.idTexts[i] = packEventIdInto(eventId, c.idBytes, i * PACKED_ID_BYTES) ? -1 : this.text(eventId);
    if (event.type === 'EventRetracted') {
      c.ops[i] = FilingOp.Retract;
      c.itemIds[i] = this.text(event.data.retractedEventId);
      return;
    }
    if (event.occurredAt !== this.occurredAtText) {
      this.occurredOn = toEpochDay(osloDateOf(event.occurredAt));
      this.occurredAtText = event.occurredAt;
    }
    c.days[i] = this.occurredOn;
    c.refKinds[i] = -1;
    c.values[i] = 0;
    c.details[i] = 0;
    c.extras[i] = -1;
    c.symbols[i] = -1;
    switch (event.type) {
      case 'NotificationReceived': {
        const d = event.data;
        this.fact(i, FactKind.Received, ItemKind.Notification, d.notificationId);
        c.symbols[i] = this.name(d.municipality);
        c.values[i] = reporterMask(d.reporters);
        c.details[i] = d.acute === true ? 1 : 0;
        c.extras[i] = d.childBirthYear ?? -1;
        return;
      }
      case 'NotificationCleared':
        this.fact(i, FactKind.Cleared, ItemKind.Notification, event.data.notificationId);
        c.values[i] = codeIndex(codeLists.clearingReasons, event.data.reason);
        return;
      case 'InvestigationOpened':
        // filed on the investigation; the notification (ref) lists it too
        this.fact(i, FactKind.Opened, ItemKind.Investigation, event.data.investigationId);
        this.ref(i, ItemKind.Notification, event.data.notificationId);
        return;
      case 'InvestigationExtended':
        this.fact(i, FactKind.Extended, ItemKind.Investigation, event.data.investigationId);
        c.values[i] = codeIndex(codeLists.extensionReasons, event.data.reason);
        return;
      case 'ExtensionAssessed':
        this.fact(i, FactKind.Assessed, ItemKind.Investigation, event.data.investigationId);
        c.values[i] = event.data.approved ? 1 : 0;
        return;
      case 'InvestigationClosed':
        this.fact(i, FactKind.Closed, ItemKind.Investigation, event.data.investigationId);
        c.values[i] = codeIndex(codeLists.outcomes, event.data.outcome);
        return;
      case 'MeasureStarted': {
        const d = event.data;
        this.fact(i, FactKind.MeasureStarted, ItemKind.Measure, d.measureId);
        c.symbols[i] = this.name(d.category);
        c.details[i] = codeIndex(codeLists.measureBases, d.basis);
        c.extras[i] = d.decidedOn === undefined ? -1 : toEpochDay(d.decidedOn);
        return;
      }
      case 'MeasureEnded':
        this.fact(i, FactKind.MeasureEnded, ItemKind.Measure, event.data.measureId);
        c.values[i] = codeIndex(codeLists.measureEndReasons, event.data.reason);
        return;
      case 'PlacementStarted': {
        const d = event.data;
        this.fact(i, FactKind.PlacementStarted, ItemKind.Placement, d.placementId);
        c.symbols[i] = this.name(d.category);
        c.details[i] = placementDetail(codeIndex(codeLists.placementBases, d.basis), isEmergencyPlacement(d.basis, d.emergency));
        return;
      }
      case 'PlacementEnded':
        this.fact(i, FactKind.PlacementEnded, ItemKind.Placement, event.data.placementId);
        c.values[i] = event.data.planned ? 1 : 0;
        c.details[i] = codeIndex(codeLists.placementEndReasons, event.data.reason);
        return;
      default:
        this.fillFollowUp(i, event);
    }
  }

  /** The follow-up events of DOMAIN.md §7: plans, visit frequencies, supervision, visits, aftercare. */
  private fillFollowUp(i: number, event: RecordedCaseEvent): void {
    const c = this.columns;
    switch (event.type) {
      case 'PlanCreated': {
        const d = event.data;
        this.fact(i, FactKind.PlanCreated, ItemKind.Plan, d.planId);
        if (d.measureId !== undefined) this.ref(i, ItemKind.Measure, d.measureId);
        else if (d.placementId !== undefined) this.ref(i, ItemKind.Placement, d.placementId);
        c.values[i] = Number(d.kind);
        c.extras[i] = d.evaluationDueOn === undefined ? -1 : toEpochDay(d.evaluationDueOn);
        return;
      }
      case 'PlanEvaluated':
        this.fact(i, FactKind.PlanEvaluated, ItemKind.Plan, event.data.planId);
        return;
      case 'PlanEnded':
        this.fact(i, FactKind.PlanEnded, ItemKind.Plan, event.data.planId);
        return;
      case 'VisitFrequencySet': {
        const d = event.data;
        this.fact(i, FactKind.FrequencySet, ItemKind.Placement, d.placementId);
        c.values[i] = d.perYear;
        c.details[i] = codeIndex(codeLists.visitKinds, d.kind);
        c.extras[i] = d.childConsent === undefined ? -1 : d.childConsent ? 1 : 0;
        return;
      }
      case 'SupervisionResponsibilitySet':
        this.fact(i, FactKind.ResponsibilitySet, ItemKind.Placement, event.data.placementId);
        c.symbols[i] = this.name(event.data.municipality);
        return;
      case 'VisitHeld': {
        const d = event.data;
        this.fact(i, FactKind.VisitHeld, ItemKind.Visit, d.visitId);
        this.ref(i, ItemKind.Placement, d.placementId);
        c.values[i] = codeIndex(codeLists.visitKinds, d.kind);
        c.details[i] = d.inPerson ? 1 : 0;
        return;
      }
      case 'AftercareOffered':
        this.fact(i, FactKind.AftercareOffered, ItemKind.Aftercare, event.data.offerId);
        return;
      case 'AftercareConcluded':
        this.fact(i, FactKind.AftercareConcluded, ItemKind.Aftercare, event.data.offerId);
        c.values[i] = codeIndex(codeLists.aftercareOutcomes, event.data.outcome);
        return;
      default:
        throw new TypeError(`Unknown event type ${(event as { type: string }).type}`);
    }
  }

  private fact(i: number, kind: FactKind, itemKind: ItemKind, itemId: unknown): void {
    this.columns.ops[i] = kind;
    this.columns.itemKinds[i] = itemKind;
    this.columns.itemIds[i] = this.name(itemId);
  }

  private ref(i: number, kind: ItemKind, id: unknown): void {
    this.columns.refKinds[i] = kind;
    this.columns.refIds[i] = this.name(id);
  }
}
