import { FactKind, ItemKind, municipalityOfReceipt, type CaseRecord, type Fact, type Item, type ProjectionModel } from './model';

// Module-local copies: hot loops should not go through the module's export bindings.
const RECEIVED = FactKind.Received;
const CLEARED = FactKind.Cleared;
const OPENED = FactKind.Opened;
const NOTIFICATION = ItemKind.Notification;

/**
 * Which facts count: those recorded by `knownAt` (epoch ms) and not retracted by then, that
 * occurred on or before `asOfDay` (epoch day). Retractions are filtered by transaction time only:
 * a registration error never happened, whatever date the correction carries.
 */
export interface View {
  readonly knownAt: number;
  readonly asOfDay: number;
}

/** Everything recorded so far, whenever it occurred. */
export const LATEST: View = Object.freeze({ knownAt: Number.MAX_VALUE, asOfDay: Number.MAX_SAFE_INTEGER });

/** True when the view sees every fact and retraction the model holds (knownAt/asOf at or after the newest). */
export function seesEverything(model: ProjectionModel, view: View): boolean {
  return view.knownAt >= model.maxRecordedAt && view.asOfDay >= model.maxDay;
}

export function counts(fact: Fact, view: View): boolean {
  return fact.recordedAt <= view.knownAt && fact.retractedAt > view.knownAt && fact.day <= view.asOfDay;
}

/*
 * Which counting facts take effect follows the order of the log, exactly as replaying the
 * non-retracted events would: a fact about an item only takes effect after the fact that created
 * the item, and the first of each kind wins (the decider allows one close, one extension, one
 * assessment, one end per item; a second one can only appear through a subset of the log that
 * hides the first, and then it is the only one).
 */

export function firstCounting(item: Item, kind: FactKind, view: View, afterPosition: number): Fact | null {
  for (const fact of item.facts) {
    if (fact.kind === kind && fact.position > afterPosition && counts(fact, view)) return fact;
  }
  return null;
}

export function receivedOf(notification: Item, view: View): Fact | null {
  return firstCounting(notification, RECEIVED, view, 0);
}

/** The opening that created the investigation: the first one whose notification existed by then. */
export function openerOf(investigation: Item, view: View): Fact | null {
  for (const fact of investigation.facts) {
    if (fact.kind !== OPENED || !counts(fact, view) || fact.ref === null) continue;
    const received = receivedOf(fact.ref, view);
    if (received !== null && received.position < fact.position) return fact;
  }
  return null;
}

/** The review's conclusion: a clearing, or the opening of an investigation, whichever came first. */
export function conclusionOf(notification: Item, view: View, received: Fact): Fact | null {
  for (const fact of notification.facts) {
    if (fact.position <= received.position || !counts(fact, view)) continue;
    if (fact.kind === CLEARED) return fact;
    if (fact.kind === OPENED && openerOf(fact.owner, view) === fact) return fact;
  }
  return null;
}

/**
 * The case's kommunenummer as known at `knownAt`: from its first notification that is not
 * retracted, else from its first notification at all (a case whose only notification was
 * retracted keeps its measures where they were). Null when nothing about the case was known yet.
 */
export function municipalityOf(record: CaseRecord, view: View): number | null {
  if (view.knownAt === LATEST.knownAt && record.municipalities.length === 1) return record.municipalities[0];
  let firstKept: Fact | null = null;
  let firstAny: Fact | null = null;
  for (const item of record.items) {
    if (item.kind !== NOTIFICATION) continue;
    for (const fact of item.facts) {
      if (fact.kind !== RECEIVED || fact.recordedAt > view.knownAt) continue;
      if (firstAny === null || fact.position < firstAny.position) firstAny = fact;
      if (fact.retractedAt > view.knownAt && (firstKept === null || fact.position < firstKept.position)) firstKept = fact;
    }
  }
  const chosen = firstKept ?? firstAny;
  return chosen === null ? null : municipalityOfReceipt(chosen.detail);
}
