import type { CaseRecord, Fact, Item } from '../model/model';

/*
 * Struct-of-arrays tables of the items of one municipality, one row per item, for queries that
 * scan thousands of items: each fact an item can depend on is a "role" (receipt, conclusion,
 * opening, extension, assessment, close, start, end) stored as its valid day, recordedAt,
 * retractedAt and one integer code. A query decides per role whether the fact counts for its
 * knownAt/asOf with three comparisons, without touching the objects of the model.
 *
 * An absent role has recordedAt = +Infinity, so it counts for no knownAt (LATEST's is MAX_VALUE).
 */

const INITIAL_CAPACITY = 256;

function grown<T extends Int32Array | Float64Array>(array: T, capacity: number, fill: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

export class Role {
  day = new Int32Array(INITIAL_CAPACITY);
  recordedAt = new Float64Array(INITIAL_CAPACITY).fill(Infinity);
  retractedAt = new Float64Array(INITIAL_CAPACITY).fill(Infinity);
  value = new Int32Array(INITIAL_CAPACITY);
  detail = new Int32Array(INITIAL_CAPACITY);

  grow(capacity: number): void {
    this.day = grown(this.day, capacity, 0);
    this.recordedAt = grown(this.recordedAt, capacity, Infinity);
    this.retractedAt = grown(this.retractedAt, capacity, Infinity);
    this.value = grown(this.value, capacity, 0);
    this.detail = grown(this.detail, capacity, 0);
  }

  set(slot: number, fact: Fact | null, value = 0, detail = 0): void {
    if (fact === null) {
      this.recordedAt[slot] = Infinity;
      this.retractedAt[slot] = Infinity;
      this.day[slot] = 0;
      this.value[slot] = 0;
      this.detail[slot] = 0;
      return;
    }
    this.day[slot] = fact.day;
    this.recordedAt[slot] = fact.recordedAt;
    this.retractedAt[slot] = fact.retractedAt;
    this.value[slot] = value;
    this.detail[slot] = detail;
  }
}

/** Marks a cached deadline not computed yet (no epoch day we handle is this small). */
export const UNKNOWN_DAY = -0x80000000;

/**
 * Deadlines depend on the rules and counting method, not on the view: cached per calendar (one
 * object per rules × method, weakly held so a discarded rules object takes its cache along) and
 * row. Each cache row also keeps the dates it was computed from, so a rewritten row is noticed
 * without having to visit every cache.
 */
export class DeadlineColumns {
  private readonly byCalendar = new WeakMap<object, Int32Array[]>();

  constructor(private readonly columns: number) {}

  get(calendar: object, capacity: number): Int32Array[] {
    let arrays = this.byCalendar.get(calendar);
    if (arrays === undefined) {
      arrays = Array.from({ length: this.columns }, () => new Int32Array(capacity).fill(UNKNOWN_DAY));
      this.byCalendar.set(calendar, arrays);
    } else if (arrays[0].length < capacity) {
      for (let c = 0; c < arrays.length; c++) arrays[c] = grown(arrays[c], capacity, UNKNOWN_DAY);
    }
    return arrays;
  }
}

export abstract class Table {
  length = 0;
  capacity = INITIAL_CAPACITY;
  readonly records: CaseRecord[] = [];
  readonly items: Item[] = [];
  /** the case's ordinal, without a visit to the record (queries count distinct cases by it) */
  caseOrdinal = new Int32Array(INITIAL_CAPACITY);
  /** earliest recordedAt of any receipt in the case: the case is in no view known before it; +Infinity = row unused */
  knownFrom = new Float64Array(INITIAL_CAPACITY).fill(Infinity);
  protected abstract readonly roles: Role[];

  allocate(record: CaseRecord, item: Item): number {
    if (this.length === this.capacity) {
      this.capacity *= 2;
      this.knownFrom = grown(this.knownFrom, this.capacity, Infinity);
      this.caseOrdinal = grown(this.caseOrdinal, this.capacity, 0);
      for (const role of this.roles) role.grow(this.capacity);
    }
    this.caseOrdinal[this.length] = record.ordinal;
    this.records.push(record);
    this.items.push(item);
    return this.length++;
  }

  /** The row stays allocated (its item keeps the slot) but is in no view. */
  clear(slot: number): void {
    this.knownFrom[slot] = Infinity;
    for (const role of this.roles) role.set(slot, null);
  }
}

export class NotificationTable extends Table {
  /** value: reporter bitmask; detail: acute 1/0 */
  readonly receipt = new Role();
  /** value: clearing reason index, or CONCLUDED_BY_INVESTIGATION */
  readonly conclusion = new Role();
  /** [review deadline, receipt day it is for] */
  readonly deadlines = new DeadlineColumns(2);
  protected readonly roles = [this.receipt, this.conclusion];
}

/** Conclusion code of a review concluded by opening an investigation. */
export const CONCLUDED_BY_INVESTIGATION = -2;

export class InvestigationTable extends Table {
  /** the notification's receipt (the investigation exists only while it counts) */
  readonly receipt = new Role();
  readonly opening = new Role();
  readonly extension = new Role();
  /** value: approved 1 / rejected 0 */
  readonly assessment = new Role();
  /** value: outcome index */
  readonly close = new Role();
  /** [ordinary deadline, extended deadline, receipt day and opening day they are for] */
  readonly deadlines = new DeadlineColumns(4);
  protected readonly roles = [this.receipt, this.opening, this.extension, this.assessment, this.close];
}

/** Hjelpetiltak and plasseringer: a start and an end. */
export class SpellTable extends Table {
  /** value: category symbol; detail: basis index (-1 none) */
  readonly start = new Role();
  /** value: placements: planned 1 / unplanned 0; measures: 0 */
  readonly end = new Role();
  protected readonly roles = [this.start, this.end];
}

export class MunicipalityTables {
  readonly notifications = new NotificationTable();
  readonly investigations = new InvestigationTable();
  readonly measures = new SpellTable();
  readonly placements = new SpellTable();

  constructor(readonly symbol: number) {}
}
