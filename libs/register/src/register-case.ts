/**
 * One `Sak` of the national register extract (SSB "Barnevern" v4, `schema/ssb-barnevern-v4.xsd`) as
 * far as Fristvakt maps it (docs/register-import.md). Identity attributes (Fodselsnummer, DUFnummer,
 * Journalnummer) are never read into it: only the birth year survives the parser.
 */

/** Where an element stands in its file, for the refusal report. */
export interface SourceRef {
  file: string;
  line: number;
  /** e.g. `Sak/Melding[2]/Konklusjon` */
  element: string;
}

export interface Located {
  at: SourceRef;
}

/** Melding: a notification with its reporters and review conclusion. */
export interface RegisterNotification extends Located {
  id: string;
  startDate: string;
  reporters: string[];
  conclusion?: { endDate: string; code: string; at: SourceRef };
}

/** Undersokelse: an investigation, its extension (UtvidetFrist) and conclusion. */
export interface RegisterInvestigation extends Located {
  id: string;
  startDate: string;
  extension?: { startDate: string; granted?: string; at: SourceRef };
  conclusion?: { endDate: string; code: string; at: SourceRef };
}

export interface LegalBasis {
  law: string;
  chapter: string;
  section: string;
  paragraphs: string[];
}

/** A dated code of Oppfolging/Tilsyn (Hyppighet, Ansvarlig) or a visit (Utfort). */
export interface RegisterDated extends Located {
  id: string;
  date: string;
  code?: string;
}

/** Tiltak: a measure or placement with its category, legal basis, follow-up and end. */
export interface RegisterMeasure extends Located {
  id: string;
  startDate: string;
  basis?: LegalBasis;
  category?: { code: string; at: SourceRef };
  followUp: { frequencies: RegisterDated[]; visits: RegisterDated[] };
  supervision: { responsible: RegisterDated[]; frequencies: RegisterDated[]; visits: RegisterDated[] };
  repeal?: { code: string; at: SourceRef };
  endDate?: string;
  endAt?: SourceRef;
}

/** Plan with its evaluations. */
export interface RegisterPlan extends Located {
  id: string;
  startDate: string;
  kind: string;
  evaluations: RegisterDated[];
  endDate?: string;
  endAt?: SourceRef;
}

/** Ettervern: an aftercare offer and its conclusion. */
export interface RegisterAftercare extends Located {
  id: string;
  offeredDate: string;
  conclusion?: { endDate: string; code: string; at: SourceRef };
}

/** Flytting: a move out of a placement (why, and where to). */
export interface RegisterMove extends Located {
  id: string;
  endDate: string;
  reasonFrom?: string;
  movedTo?: string;
}

/** Relasjon: links between elements (Melding → Undersokelse, Tiltak → Flytting, Plan → Tiltak). */
export interface RegisterRelation extends Located {
  fromId: string;
  fromType: string;
  toId: string;
  toType: string;
}

export interface RegisterCase {
  file: string;
  /** Sak@Id: the case system's id of the case; only its keyed hash is stored */
  caseKey: string;
  at: SourceRef;
  /** Avgiver@Kommunenummer */
  municipality: string;
  /** year of the first Personalia@Fodseldato: the only trace of the birth date */
  childBirthYear?: number;
  notifications: RegisterNotification[];
  investigations: RegisterInvestigation[];
  plans: RegisterPlan[];
  measures: RegisterMeasure[];
  aftercare: RegisterAftercare[];
  moves: RegisterMove[];
  relations: RegisterRelation[];
}
