import type { RecordedCaseEvent } from '@fristvakt/domain';
import { touch } from '../indexed/query-index';
import { copyPackedEventId, eventIdChunk, PACKED_ID_BYTES, unpackEventId } from './event-ids';
import { decodeCaseEvents, FilingOp, type FactColumns } from './fact-columns';
import {
  addFact,
  appended,
  caseRecordFor,
  Fact,
  FactKind,
  indexMunicipality,
  indexSupervision,
  internId,
  markFollowUp,
  Item,
  ItemKind,
  receivedDetail,
  type CaseRecord,
  type ProjectionModel,
} from './model';

/**
 * The reducer: folds one recorded event into the model and returns it.
 *
 * It mutates the model it is given (a copy per event would cost more than the whole model at a
 * million events); it does no I/O and depends on nothing but its inputs, so replaying the same log
 * always gives the same model. Idempotent: an event at or below the checkpoint is ignored, which
 * makes at-least-once delivery and re-reading an overlapping batch harmless.
 *
 * Facts are filed without checking the case rules: `decide` enforced them when the event was
 * written, and which facts count is decided at query time (knownAt, asOf, retractions).
 *
 * Filing is two steps, decode (fact-columns.ts: no model) and file ({@link FactFiler}); a rebuild
 * decodes on the store's reader thread, and every other path decodes here first.
 */
export function apply(model: ProjectionModel, event: RecordedCaseEvent): ProjectionModel {
  if (event.position <= model.checkpoint) return model;
  new FactFiler(model).file(decodeCaseEvents([event]));
  return model;
}

export function applyAll(model: ProjectionModel, events: Iterable<RecordedCaseEvent>): ProjectionModel {
  new FactFiler(model).file(decodeCaseEvents([...events]));
  return model;
}

/**
 * Files the fact columns of one read, batch after batch in log order, into one model: the second
 * half of the reducer, on the thread that owns the model. Names (ids, municipalities, categories)
 * are numbered per read (a batch numbering them from 0 starts another), case streams per batch.
 */
export class FactFiler {
  /** the read's names, by number */
  private readonly names: string[] = [];
  /** model symbol by name number, once resolved */
  private readonly symbols: number[] = [];
  /** the batch's case ids and records by stream number */
  private caseIds: string[] = [];
  private records: CaseRecord[] = [];

  constructor(private readonly model: ProjectionModel) {}

  file(columns: FactColumns): void {
    // a batch numbering names from 0 again begins another read's numbering
    this.names.length = columns.firstName;
    this.symbols.length = Math.min(this.symbols.length, columns.firstName);
    for (const name of columns.names) this.names.push(name);
    this.caseIds = [];
    this.records = [];
    const model = this.model;
    const { count, ops, positions, streams, caseIds } = columns;
    for (let i = 0; i < count; i++) {
      // named even where not filed (at or below the checkpoint): later events of the stream need it
      if (caseIds[i] >= 0) this.caseIds[streams[i]] = columns.texts[caseIds[i]];
      const position = positions[i];
      if (position <= model.checkpoint) continue;
      const op = ops[i];
      if (op === FilingOp.Skip) model.skipped++;
      else {
        try {
          this.fileEvent(columns, i, op);
        } catch {
          // A stored event the model cannot read must not stop the projection for everyone; it is
          // counted (exposed as `skipped`) so the operator sees it.
          model.skipped++;
        }
      }
      model.checkpoint = position;
    }
  }

  private fileEvent(c: FactColumns, i: number, op: number): void {
    const model = this.model;
    const record = this.recordOf(c.streams[i]);
    const recordedAt = c.recordedAt[i];
    if (recordedAt > model.maxRecordedAt) model.maxRecordedAt = recordedAt;
    if (op === FilingOp.Retract) {
      retract(model, record, c.texts[c.itemIds[i]], recordedAt, this.eventIdOf(c, i));
      return;
    }
    const kind = op as FactKind;
    const day = c.days[i];
    if (day > model.maxDay) model.maxDay = day;
    record.memo = null;
    touch(model, record);
    let value = c.values[i];
    let detail = c.details[i];
    const extra = c.extras[i];
    const name = c.symbols[i];
    if (name >= 0) {
      const symbol = this.symbolOf(name);
      if (kind === FactKind.Received) {
        indexMunicipality(model, record, symbol);
        detail = receivedDetail(symbol, detail === 1, extra);
      } else {
        if (kind === FactKind.ResponsibilitySet) indexSupervision(model, record, symbol);
        value = symbol;
      }
    }
    // in order of mention, as the event names them: an opening names its notification first
    const refKind = c.refKinds[i];
    const opening = kind === FactKind.Opened;
    let ref = opening ? this.itemFor(record, refKind as ItemKind, c.refIds[i]) : null;
    const item = this.itemFor(record, c.itemKinds[i] as ItemKind, c.itemIds[i]);
    if (!opening && refKind >= 0) ref = this.itemFor(record, refKind as ItemKind, c.refIds[i]);
    const packed = c.idTexts[i] < 0;
    const home = packed ? eventIdChunk() : c.texts[c.idTexts[i]];
    const at = packed ? copyPackedEventId(c.idBytes, i * PACKED_ID_BYTES) : -1;
    const fact = new Fact(kind, home, at, c.positions[i], recordedAt, day, value, detail, item, ref, extra);
    addFact(item, fact);
    model.factCount++;
    // The opening also concludes the notification's review, so the notification lists it too.
    if (opening && ref !== null) addFact(ref, fact);
  }

  private recordOf(stream: number): CaseRecord {
    return (this.records[stream] ??= caseRecordFor(this.model, this.caseIds[stream]));
  }

  private symbolOf(name: number): number {
    return (this.symbols[name] ??= this.model.symbols.symbol(this.names[name]));
  }

  private itemFor(record: CaseRecord, kind: ItemKind, name: number): Item {
    return itemFor(this.model, record, kind, this.names[name]);
  }

  private eventIdOf(c: FactColumns, i: number): string {
    return c.idTexts[i] < 0 ? unpackEventId(c.idBytes, i * PACKED_ID_BYTES) : c.texts[c.idTexts[i]];
  }
}

function itemFor(model: ProjectionModel, record: CaseRecord, kind: ItemKind, id: string): Item {
  if (kind >= ItemKind.Measure) markFollowUp(model, record);
  let item = record.find(kind, id);
  if (item === undefined) {
    item = new Item(kind, internId(model, id));
    record.items = appended(record.items, item);
  }
  return item;
}

/**
 * Marks the target as retracted from `recordedAt` on. The decider only accepts retractions of
 * events in the same case, so that is where we look; the whole model is searched only as a
 * fallback, so a differently-minded writer still gets a correct (if slower) projection.
 */
function retract(model: ProjectionModel, record: CaseRecord, targetId: string, recordedAt: number, byEventId: string): void {
  const local = findFact(record, targetId);
  const [owner, target] = local === undefined ? (findFactAnywhere(model, targetId) ?? [undefined, undefined]) : [record, local];
  if (target === undefined || owner === undefined) {
    model.unresolvedRetractions++;
    return;
  }
  if (recordedAt < target.retractedAt) {
    target.retract(recordedAt, byEventId);
    owner.memo = null;
    touch(model, owner);
  }
}

function findFact(record: CaseRecord, eventId: string): Fact | undefined {
  for (const item of record.items) for (const fact of item.facts) if (fact.hasEventId(eventId)) return fact;
  return undefined;
}

function findFactAnywhere(model: ProjectionModel, eventId: string): [CaseRecord, Fact] | undefined {
  for (const record of model.cases.values()) {
    const fact = findFact(record, eventId);
    if (fact !== undefined) return [record, fact];
  }
  return undefined;
}
