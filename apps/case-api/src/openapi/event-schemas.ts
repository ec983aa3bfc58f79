import {
  AFTERCARE_OUTCOMES,
  CASE_EVENT_TYPES,
  CLEARING_REASONS,
  EXTENSION_REASONS,
  INVESTIGATION_OUTCOMES,
  MEASURE_BASES,
  MEASURE_END_REASONS,
  PLACEMENT_BASES,
  PLACEMENT_END_REASONS,
  PLAN_KINDS,
  REPORTER_CODES,
  RETRACTION_REASONS,
  VISIT_FREQUENCIES,
  VISIT_KINDS,
  type CaseEventType,
} from '@fristvakt/domain';

/*
 * JSON Schemas of the contract's events, written out from the domain code lists rather than
 * reflected from classes: they stay right under any transpiler and cannot drift from the lists.
 */

type Schema = Record<string, unknown>;

const id = (description: string): Schema => ({
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: `${description}; never a fødselsnummer/D-nummer`,
});
const oneOf = (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] });
const date = (description: string): Schema => ({ type: 'string', format: 'date', description });
const municipality: Schema = { type: 'string', pattern: '^\\d{4}$', description: 'kommunenummer' };
const category = (description: string): Schema => ({ type: 'string', pattern: '^\\d\\.\\d{1,2}$', description });

function object(properties: Record<string, Schema>, required: string[]): Schema {
  return { type: 'object', additionalProperties: false, required, properties };
}

const dataSchemas = (currentYear: number): { [T in CaseEventType]: Schema } => ({
  NotificationReceived: object(
    {
      notificationId: id('bekymringsmelding'),
      municipality,
      reporters: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: oneOf(REPORTER_CODES),
        description: 'SSB reporter (melder) codes',
      },
      childBirthYear: {
        type: 'integer',
        minimum: 1990,
        maximum: currentYear,
        description: `1990 to the current year (${currentYear} when this document was made)`,
      },
      acute: { type: 'boolean' },
    },
    ['notificationId', 'municipality', 'reporters'],
  ),
  NotificationCleared: object({ notificationId: id('notification'), reason: oneOf(CLEARING_REASONS) }, ['notificationId', 'reason']),
  InvestigationOpened: object(
    { investigationId: id('undersøkelse'), notificationId: id('the notification whose review concluded "investigate"') },
    ['investigationId', 'notificationId'],
  ),
  InvestigationExtended: object({ investigationId: id('investigation'), reason: oneOf(EXTENSION_REASONS) }, ['investigationId']),
  ExtensionAssessed: object({ investigationId: id('investigation'), approved: { type: 'boolean' } }, ['investigationId', 'approved']),
  InvestigationClosed: object({ investigationId: id('investigation'), outcome: oneOf(INVESTIGATION_OUTCOMES) }, [
    'investigationId',
    'outcome',
  ]),
  MeasureStarted: object(
    {
      measureId: id('hjelpetiltak'),
      category: category('SSB code 3.x-8.x except 8.2'),
      basis: oneOf(MEASURE_BASES),
      decidedOn: date('vedtaksdato, when it differs from the start; not in the future'),
    },
    ['measureId', 'category'],
  ),
  MeasureEnded: object({ measureId: id('measure'), reason: oneOf(MEASURE_END_REASONS) }, ['measureId']),
  PlacementStarted: object(
    {
      placementId: id('plassering'),
      category: category('SSB code 1.x, 2.x or 8.2'),
      basis: oneOf(PLACEMENT_BASES),
      emergency: { type: 'boolean', description: 'akuttplassering, whatever the basis' },
    },
    ['placementId', 'category', 'basis'],
  ),
  PlacementEnded: object({ placementId: id('placement'), planned: { type: 'boolean' }, reason: oneOf(PLACEMENT_END_REASONS) }, [
    'placementId',
    'planned',
  ]),
  PlanCreated: object(
    {
      planId: id('plan'),
      kind: { ...oneOf(PLAN_KINDS), description: 'register Plantype: 1 tiltaksplan § 8-1 … 4 omsorgsplan § 8-3 … 8' },
      measureId: id('the measure the plan is for'),
      placementId: id('the placement the plan is for'),
      evaluationDueOn: date("the plan's own first evaluation date; wins over the rule set's interval"),
    },
    ['planId', 'kind'],
  ),
  PlanEvaluated: object({ planId: id('plan') }, ['planId']),
  PlanEnded: object({ planId: id('plan') }, ['planId']),
  VisitFrequencySet: object(
    {
      placementId: id('foster-home placement (2.x)'),
      kind: oneOf(VISIT_KINDS),
      perYear: { type: 'integer', enum: [...VISIT_FREQUENCIES] },
      childConsent: { type: 'boolean', description: "the child's consent to a reduced supervision frequency" },
    },
    ['placementId', 'kind', 'perYear'],
  ),
  SupervisionResponsibilitySet: object({ placementId: id('foster-home placement (2.x)'), municipality }, ['placementId', 'municipality']),
  VisitHeld: object(
    { visitId: id('visit'), placementId: id('foster-home placement (2.x)'), kind: oneOf(VISIT_KINDS), inPerson: { type: 'boolean' } },
    ['visitId', 'placementId', 'kind', 'inPerson'],
  ),
  AftercareOffered: object({ offerId: id('ettervern offer') }, ['offerId']),
  AftercareConcluded: object({ offerId: id('ettervern offer'), outcome: oneOf(AFTERCARE_OUTCOMES) }, ['offerId', 'outcome']),
  EventRetracted: object({ retractedEventId: id('eventId of the event to retract'), reason: oneOf(RETRACTION_REASONS) }, [
    'retractedEventId',
    'reason',
  ]),
});

const OCCURRED_AT: Schema = {
  type: 'string',
  // years 1993-2099; a date, or a date-time with seconds optional and an offset or Z (the server also checks the calendar and the clock)
  pattern:
    '^(199[3-9]|20\\d\\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d))?$',
  description:
    'valid time: ISO-8601 date-time with offset or Z, or a plain Oslo date YYYY-MM-DD; not in the future (5 min skew), not before 1993-01-01',
  example: '2024-03-01T10:15:00+01:00',
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `currentYear` bounds childBirthYear as the server does. */
export function eventSchemas(currentYear: number): Record<string, Schema> {
  const DATA_SCHEMAS = dataSchemas(currentYear);
  const schemas: Record<string, Schema> = {};
  for (const type of CASE_EVENT_TYPES) {
    schemas[`${type}Data`] = DATA_SCHEMAS[type];
    schemas[type] = object(
      {
        eventId: { type: 'string', format: 'uuid', description: 'idempotency key; assigned by the server when absent' },
        type: { type: 'string', enum: [type] },
        occurredAt: OCCURRED_AT,
        data: ref(`${type}Data`),
      },
      ['type', 'occurredAt', 'data'],
    );
  }
  schemas.CaseEvent = {
    oneOf: CASE_EVENT_TYPES.map((t) => ref(t)),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(CASE_EVENT_TYPES.map((t) => [t, `#/components/schemas/${t}`])) },
  };
  schemas.RecordRequest = object(
    {
      expectedVersion: { type: 'integer', minimum: 0, description: 'the case version the events were decided on; 0 for a new case' },
      events: { type: 'array', minItems: 1, maxItems: 100, items: ref('CaseEvent') },
    },
    ['events'],
  );
  schemas.RecordResult = object(
    {
      caseId: { type: 'string' },
      version: { type: 'integer' },
      position: { type: 'integer' },
      eventIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
    },
    ['caseId', 'version', 'position', 'eventIds'],
  );
  // each recorded type closed and whole (not allOf over closed parts, which nothing can satisfy), so a
  // validator accepts real answers and a generated client narrows on `type`
  for (const type of CASE_EVENT_TYPES) {
    schemas[`Recorded${type}`] = object(
      {
        eventId: { type: 'string', format: 'uuid' },
        type: { type: 'string', enum: [type] },
        occurredAt: { type: 'string', description: 'valid time, as recorded' },
        data: ref(`${type}Data`),
        caseId: { type: 'string' },
        version: { type: 'integer', minimum: 1, description: '1-based position in the case stream' },
        position: { type: 'integer', minimum: 1, description: 'global order' },
        recordedAt: { type: 'string', format: 'date-time', description: 'transaction time' },
        recordedBy: { type: 'string', description: 'the token subject that recorded it' },
        schemaVersion: { type: 'integer', minimum: 1 },
        hash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 link of the audit hash chain' },
      },
      ['eventId', 'type', 'occurredAt', 'data', 'caseId', 'version', 'position', 'recordedAt', 'recordedBy', 'schemaVersion'],
    );
  }
  schemas.RecordedCaseEvent = {
    oneOf: CASE_EVENT_TYPES.map((t) => ref(`Recorded${t}`)),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(CASE_EVENT_TYPES.map((t) => [t, `#/components/schemas/Recorded${t}`])),
    },
  };
  schemas.CaseEvents = object(
    { caseId: { type: 'string' }, version: { type: 'integer' }, events: { type: 'array', items: ref('RecordedCaseEvent') } },
    ['caseId', 'version', 'events'],
  );
  schemas.CaseView = {
    type: 'object',
    description: 'case state with computed deadlines (CONTRACT.md §2)',
    required: ['caseId', 'municipality', 'version', 'notifications', 'investigations', 'measures', 'placements'],
    properties: {
      caseId: { type: 'string' },
      municipality: { type: 'string', nullable: true },
      version: { type: 'integer' },
      notifications: { type: 'array', items: { type: 'object' } },
      investigations: { type: 'array', items: { type: 'object' } },
      measures: { type: 'array', items: { type: 'object' } },
      placements: {
        type: 'array',
        items: { type: 'object' },
        description: 'with emergency, visitFrequency, frequencyChanges (flags), supervisingMunicipality, supervisionChanges, visits',
      },
      plans: {
        type: 'array',
        items: { type: 'object' },
        description: 'plans with evaluatedDates, evaluationDue, status, ruleSet (DOMAIN.md §7.1, §7.2)',
      },
      aftercare: { type: 'array', items: { type: 'object' }, description: 'ettervern offers and their conclusion' },
      followUp: {
        type: 'array',
        items: { type: 'object' },
        description: 'plans, evaluations and visits owed at asOf, with status (DOMAIN.md §7.6)',
      },
      retractedEventIds: { type: 'array', items: { type: 'string' } },
      method: { type: 'string', enum: ['legal', 'statistical'] },
      asOf: { type: 'string', format: 'date' },
    },
  };
  schemas.Problem = {
    type: 'object',
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      errors: {
        type: 'array',
        description: '400: every offending input',
        items: {
          type: 'object',
          properties: {
            pointer: { type: 'string' },
            parameter: { type: 'string' },
            header: { type: 'string' },
            detail: { type: 'string' },
          },
        },
      },
      rule: { type: 'string', description: '422: the case rule broken' },
      eventIndex: { type: 'integer', description: '422: index of the offending event in the batch' },
      expectedVersion: { type: 'integer', description: '409' },
      actualVersion: { type: 'integer', description: '409' },
    },
  };
  return schemas;
}
