import { CASE_EVENT_TYPES } from '@fristvakt/domain';

/*
 * Schemas of the query answers. Top levels name every member the server sends; the figure
 * sections stay open objects (`additionalProperties` allowed), so a section a later version adds
 * is not a breaking change for a validating client.
 */

type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ ...schema, nullable: true });
const DATE: Schema = { type: 'string', format: 'date' };
const INSTANT: Schema = { type: 'string', format: 'date-time' };
const INT: Schema = { type: 'integer' };
const MUNICIPALITY: Schema = { type: 'string', pattern: '^\\d{4}$' };
const OPEN_OBJECT: Schema = { type: 'object' };

function object(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return { type: 'object', required: Object.keys(properties).filter((k) => !optional.includes(k)), properties };
}

/** the members every figure answer starts with */
const FIGURES_HEAD: Record<string, Schema> = {
  period: ref('Period'),
  municipality: nullable({ ...MUNICIPALITY, description: 'the one municipality asked for; null for several or all' }),
  municipalities: nullable({ type: 'array', items: MUNICIPALITY, description: 'null: every municipality (a `*` token)' }),
  method: { type: 'string', enum: ['legal', 'statistical'] },
  knownAt: nullable({ type: 'string', description: 'as given; null: now' }),
  asOf: DATE,
  measuredAt: { ...DATE, description: 'min(period end, asOf): where "at end" figures are measured' },
};

const TIMELINE_EXTRA: Record<string, Schema> = {
  validTime: { type: 'string', description: 'occurredAt' },
  recordedTime: INSTANT,
  retracted: nullable(object({ byEventId: { type: 'string' }, recordedAt: INSTANT, reason: { type: 'string' } })),
  lateness: object({ days: nullable(INT), hours: nullable({ type: 'number' }) }),
};

/** one cell of a comparison series */
const COMPARISON_VALUE = object(
  {
    period: { type: 'string', pattern: '^\\d{4}(-H[12])?$' },
    value: nullable({
      type: 'number',
      description: 'a share as a fraction 0–1, a rate per 1 000; null: not computable, not published or suppressed',
    }),
    suppressed: { type: 'boolean' },
    numerator: INT,
    denominator: INT,
  },
  ['numerator', 'denominator'],
);

export function answerSchemas(): Record<string, Schema> {
  return {
    StateReportComparisons: object({
      year: INT,
      years: { type: 'array', items: INT, description: 'the span, oldest first: the periods of the yearly series' },
      halves: { type: 'array', items: { type: 'string' }, description: 'the periods of the half-year series' },
      municipalities: nullable({ type: 'array', items: MUNICIPALITY }),
      method: { type: 'string', enum: ['legal', 'statistical'] },
      knownAt: nullable({ type: 'string' }),
      suppressSmallCounts: { type: 'boolean' },
      referenceFile: nullable({ type: 'string', description: 'null: no reference file imported' }),
      position: INT,
      indicators: {
        type: 'array',
        items: object({
          indicator: { type: 'string' },
          label: { type: 'string' },
          unit: { type: 'string', enum: ['share', 'rate'] },
          periods: { type: 'string', enum: ['year', 'half'] },
          match: { type: 'string', enum: ['same', 'close', 'differs'] },
          definition: { type: 'string' },
          fristvakt: { type: 'array', items: COMPARISON_VALUE },
          published: {
            type: 'array',
            items: object({
              areaType: { type: 'string', enum: ['municipality', 'county', 'kostra_group', 'country'] },
              area: { type: 'string' },
              name: { type: 'string' },
              source: { type: 'string' },
              values: { type: 'array', items: COMPARISON_VALUE },
            }),
          },
        }),
      },
    }),
    Period: object({ from: DATE, to: DATE }),
    DeadlineItem: object(
      {
        kind: { type: 'string', enum: ['review', 'investigation'] },
        caseId: { type: 'string' },
        municipality: MUNICIPALITY,
        id: { type: 'string', description: 'notificationId or investigationId' },
        deadline: DATE,
        status: { type: 'string', enum: ['overdue', 'due_soon', 'ok'] },
        daysLeft: { type: 'integer', description: 'deadline − asOf; negative when overdue' },
        ruleSet: { type: 'string' },
        since: DATE,
        extension: nullable(OPEN_OBJECT),
      },
      ['extension'],
    ),
    Deadlines: object({
      asOf: DATE,
      knownAt: nullable({ type: 'string' }),
      method: { type: 'string', enum: ['legal', 'statistical'] },
      municipalities: nullable({ type: 'array', items: MUNICIPALITY }),
      position: { ...INT, description: 'the last log position the answer reflects' },
      items: { type: 'array', items: ref('DeadlineItem') },
    }),
    Compliance: object({
      ...FIGURES_HEAD,
      reviews: {
        ...OPEN_OBJECT,
        description: 'notification reviews (§ 2-1): concluded, onTime, late, onTimeShare, openAtEnd, durationDays …',
      },
      investigations: {
        ...OPEN_OBJECT,
        description: 'investigations (§ 2-2): closed, onTime, breached, breachShare, extended, durationDays …',
      },
      units: OPEN_OBJECT,
      position: INT,
    }),
    Flow: object({
      ...FIGURES_HEAD,
      notifications: OPEN_OBJECT,
      investigations: OPEN_OBJECT,
      measures: OPEN_OBJECT,
      placements: OPEN_OBJECT,
      children: OPEN_OBJECT,
      stockAtEnd: OPEN_OBJECT,
      units: OPEN_OBJECT,
      position: INT,
    }),
    AuditVerify: object(
      {
        ok: { type: 'boolean' },
        count: {
          ...INT,
          description: 'events checked; absent for an empty log, and (with headPosition) for an auditor scoped to some municipalities',
        },
        headPosition: { ...INT, description: 'absent for an empty log or an auditor scoped to some municipalities' },
        headHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        brokenAt: INT,
        reason: { type: 'string', enum: ['changed', 'missing', 'reordered'] },
        detail: { type: 'string' },
        pinned: OPEN_OBJECT,
      },
      ['count', 'headPosition', 'headHash', 'brokenAt', 'reason', 'detail', 'pinned'],
    ),
    AuditCompare: object({
      then: ref('Compliance'),
      now: ref('Compliance'),
      explainedBy: {
        type: 'array',
        items: object(
          {
            eventId: { type: 'string' },
            caseId: { type: 'string' },
            type: { type: 'string', enum: [...CASE_EVENT_TYPES] },
            occurredAt: { type: 'string' },
            recordedAt: INSTANT,
            why: { type: 'string', enum: ['recorded_after', 'retracted_after'] },
            retractedBy: { type: 'string' },
            retractedAt: INSTANT,
          },
          ['retractedBy', 'retractedAt'],
        ),
      },
    }),
    LateRegistrations: object({
      days: INT,
      period: nullable(object({ from: DATE, to: DATE })),
      total: INT,
      byType: { type: 'object', additionalProperties: INT },
      byMunicipality: { type: 'object', additionalProperties: INT },
      byTypeAndMunicipality: { type: 'array', items: object({ type: { type: 'string' }, municipality: { type: 'string' }, count: INT }) },
      worst: { type: 'array', items: OPEN_OBJECT },
    }),
    AccessLog: object({
      entries: {
        type: 'array',
        items: object({
          id: INT,
          at: INSTANT,
          subject: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' } },
          municipalities: { type: 'array', items: { type: 'string' } },
          action: { type: 'string' },
          method: { type: 'string' },
          route: { type: 'string' },
          caseId: nullable({ type: 'string' }),
          query: OPEN_OBJECT,
          status: INT,
        }),
      },
      nextAfterId: nullable({ ...INT, description: 'pass as afterId for the next page; null on the last' }),
    }),
    Health: object(
      {
        status: { type: 'string', enum: ['ok', 'unavailable'] },
        shuttingDown: { type: 'boolean' },
        components: {
          type: 'array',
          items: { type: 'object', required: ['name', 'ready'], properties: { name: { type: 'string' }, ready: { type: 'boolean' } } },
        },
      },
      ['shuttingDown'],
    ),
    Live: object({ status: { type: 'string', enum: ['ok'] } }),
    CaseTimeline: object({
      caseId: { type: 'string' },
      version: INT,
      events: {
        type: 'array',
        // open where RecordedCaseEvent is closed: a timeline item is a recorded event plus these members
        items: object({
          eventId: { type: 'string', format: 'uuid' },
          type: { type: 'string', enum: [...CASE_EVENT_TYPES] },
          occurredAt: { type: 'string' },
          data: OPEN_OBJECT,
          caseId: { type: 'string' },
          version: INT,
          position: INT,
          recordedAt: INSTANT,
          recordedBy: { type: 'string' },
          schemaVersion: INT,
          ...TIMELINE_EXTRA,
        }),
      },
    }),
  };
}
