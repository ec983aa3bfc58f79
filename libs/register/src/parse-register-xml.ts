import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type {
  RegisterAftercare,
  RegisterCase,
  RegisterDated,
  RegisterInvestigation,
  RegisterMeasure,
  RegisterNotification,
  RegisterPlan,
  SourceRef,
} from './register-case';

/**
 * Stream-parses register XML (saxes, one chunk at a time: a file is never held whole) into the cases
 * it holds, one per `Sak`. Expects a file that passed the XSD, so shapes are trusted; what the
 * schema leaves open (which elements exist) is checked by the mapping. Elements marked
 * `ErSlettet="true"`, and those a `Slettet` element names, are left out as the register deletes them.
 * Fodselsnummer, DUFnummer and Journalnummer are never read.
 */
export async function parseRegisterFile(file: string, onCase: (registerCase: RegisterCase) => void | Promise<void>): Promise<void> {
  const parser = new RegisterParser(file);
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
    parser.write(chunk as string);
    for (const done of parser.takeCases()) await onCase(done);
  }
  parser.close();
  for (const done of parser.takeCases()) await onCase(done);
}

/** Parses XML text already in memory (tests, and the export's own round trip). */
export function parseRegisterXml(xml: string, file = '<memory>'): RegisterCase[] {
  const parser = new RegisterParser(file);
  parser.write(xml);
  parser.close();
  return parser.takeCases();
}

interface Frame {
  name: string;
  path: string;
  /** children seen so far by name, for `Melding[2]`-style paths */
  counts: Map<string, number>;
  deleted: boolean;
}

class RegisterParser {
  private readonly sax = new SaxesParser({ xmlns: false, position: true });
  private readonly stack: Frame[] = [];
  private readonly done: RegisterCase[] = [];
  private current?: RegisterCase;
  private deletions = new Set<string>();
  private avgiverMunicipality = '';
  private measure?: RegisterMeasure;
  private plan?: RegisterPlan;
  private lovhjemmel?: { law: string; chapter: string; section: string; paragraphs: string[]; field?: string };

  constructor(private readonly file: string) {
    this.sax.on('opentag', (tag) => this.open(tag));
    this.sax.on('closetag', () => this.close_());
    this.sax.on('text', (text) => this.text(text));
  }

  write(chunk: string): void {
    this.sax.write(chunk);
  }

  close(): void {
    this.sax.close();
  }

  takeCases(): RegisterCase[] {
    return this.done.splice(0, this.done.length);
  }

  private ref(path: string): SourceRef {
    return { file: this.file, line: this.sax.line, element: path };
  }

  private open(tag: SaxesTagPlain): void {
    const parent = this.stack[this.stack.length - 1];
    const name = tag.name;
    const n = (parent?.counts.get(name) ?? 0) + 1;
    parent?.counts.set(name, n);
    const path = parent ? `${parent.path}/${name}${n > 1 || MANY.has(name) ? `[${n}]` : ''}` : name;
    const a = tag.attributes as Record<string, string>;
    const deleted = (parent?.deleted ?? false) || a.ErSlettet === 'true' || a.ErSlettet === '1';
    this.stack.push({ name, path: path.replace(/^Barnevern\//, ''), counts: new Map(), deleted });
    if (deleted) return;
    this.element(name, a, this.ref(this.stack[this.stack.length - 1].path));
  }

  private element(name: string, a: Record<string, string>, at: SourceRef): void {
    const parentName = this.stack[this.stack.length - 2]?.name;
    const c = this.current;
    switch (name) {
      case 'Avgiver':
        this.avgiverMunicipality = a.Kommunenummer;
        return;
      case 'Sak':
        this.deletions = new Set();
        this.current = {
          file: this.file,
          caseKey: a.Id,
          at,
          municipality: this.avgiverMunicipality,
          notifications: [],
          investigations: [],
          plans: [],
          measures: [],
          aftercare: [],
          moves: [],
          relations: [],
        };
        return;
    }
    if (!c) return;
    switch (`${parentName}/${name}`) {
      case 'Sak/Personalia':
        // Only the year: the date, Fodselsnummer, DUFnummer and Kjonn stay in the file.
        c.childBirthYear ??= Number(a.Fodseldato.slice(0, 4));
        return;
      case 'Sak/Melding':
        c.notifications.push({ id: a.Id, startDate: a.StartDato, reporters: [], at });
        return;
      case 'Melding/Melder':
        last(c.notifications).reporters.push(a.Kode);
        return;
      case 'Melding/Konklusjon':
        last<RegisterNotification>(c.notifications).conclusion = { endDate: a.SluttDato, code: a.Kode, at };
        return;
      case 'Sak/Undersokelse':
        c.investigations.push({ id: a.Id, startDate: a.StartDato, at });
        return;
      case 'Undersokelse/UtvidetFrist':
        last<RegisterInvestigation>(c.investigations).extension = { startDate: a.StartDato, granted: a.Innvilget, at };
        return;
      case 'Undersokelse/Konklusjon':
        last<RegisterInvestigation>(c.investigations).conclusion = { endDate: a.SluttDato, code: a.Kode, at };
        return;
      case 'Sak/Plan':
        this.plan = { id: a.Id, startDate: a.StartDato, kind: a.Plantype, evaluations: [], at };
        c.plans.push(this.plan);
        return;
      case 'Plan/Evaluering':
        this.plan?.evaluations.push({ id: `${this.plan.evaluations.length + 1}`, date: a.UtfortDato, at });
        return;
      case 'Plan/Konklusjon':
        if (this.plan) Object.assign(this.plan, { endDate: a.SluttDato, endAt: at });
        return;
      case 'Sak/Tiltak':
        this.measure = {
          id: a.Id,
          startDate: a.StartDato,
          at,
          followUp: { frequencies: [], visits: [] },
          supervision: { responsible: [], frequencies: [], visits: [] },
        };
        c.measures.push(this.measure);
        return;
      case 'Tiltak/Lovhjemmel':
        this.lovhjemmel = { law: '', chapter: '', section: '', paragraphs: [] };
        return;
      case 'Lovhjemmel/Lov':
      case 'Lovhjemmel/Kapittel':
      case 'Lovhjemmel/Paragraf':
      case 'Lovhjemmel/Ledd':
        if (this.lovhjemmel) this.lovhjemmel.field = name;
        return;
      case 'Tiltak/Kategori':
        if (this.measure) this.measure.category = { code: a.Kode, at };
        return;
      case 'Tiltak/Opphevelse':
        if (this.measure) this.measure.repeal = { code: a.Kode, at };
        return;
      case 'Tiltak/Konklusjon':
        if (this.measure) Object.assign(this.measure, { endDate: a.SluttDato, endAt: at });
        return;
      case 'Oppfolging/Hyppighet':
        this.measure?.followUp.frequencies.push(dated(a, a.StartDato, at));
        return;
      case 'Oppfolging/Utfort':
        this.measure?.followUp.visits.push(dated(a, a.UtfortDato, at));
        return;
      case 'Tilsyn/Ansvarlig':
        this.measure?.supervision.responsible.push({ ...dated(a, a.StartDato, at), code: a.Kommunenummer });
        return;
      case 'Tilsyn/Hyppighet':
        this.measure?.supervision.frequencies.push(dated(a, a.StartDato, at));
        return;
      case 'Tilsyn/Utfort':
        this.measure?.supervision.visits.push(dated(a, a.UtfortDato, at));
        return;
      case 'Sak/Ettervern':
        c.aftercare.push({ id: a.Id, offeredDate: a.TilbudSendtDato, at });
        return;
      case 'Ettervern/Konklusjon':
        last<RegisterAftercare>(c.aftercare).conclusion = { endDate: a.SluttDato, code: a.Kode, at };
        return;
      case 'Sak/Flytting':
        c.moves.push({ id: a.Id, endDate: a.SluttDato, at });
        return;
      case 'Flytting/ArsakFra':
        last(c.moves).reasonFrom = a.Kode;
        return;
      case 'Flytting/FlyttingTil':
        last(c.moves).movedTo = a.Kode;
        return;
      case 'Sak/Relasjon':
        c.relations.push({ fromId: a.FraId, fromType: a.FraType, toId: a.TilId, toType: a.TilType, at });
        return;
      case 'Sak/Slettet':
        this.deletions.add(`${a.Type}:${a.Id}`);
        return;
    }
  }

  private text(text: string): void {
    const field = this.lovhjemmel?.field;
    if (!this.lovhjemmel || !field) return;
    const value = text.trim();
    if (value === '') return;
    if (field === 'Lov') this.lovhjemmel.law = value;
    else if (field === 'Kapittel') this.lovhjemmel.chapter = value;
    else if (field === 'Paragraf') this.lovhjemmel.section = value;
    else this.lovhjemmel.paragraphs.push(value);
  }

  private close_(): void {
    const frame = this.stack.pop();
    if (!frame || frame.deleted) return;
    if (this.lovhjemmel) {
      if (frame.name === 'Lovhjemmel') {
        const { law, chapter, section, paragraphs } = this.lovhjemmel;
        if (this.measure && this.stack[this.stack.length - 1]?.name === 'Tiltak')
          this.measure.basis = { law, chapter, section, paragraphs };
        this.lovhjemmel = undefined;
      } else {
        this.lovhjemmel.field = undefined;
      }
    }
    if (frame.name === 'Tiltak') this.measure = undefined;
    if (frame.name === 'Plan') this.plan = undefined;
    if (frame.name === 'Sak' && this.current) {
      this.done.push(withoutDeleted(this.current, this.deletions));
      this.current = undefined;
    }
  }
}

/** Elements that may repeat in a Sak: their paths always carry an index, so a report line is unambiguous. */
const MANY = new Set([
  'Melding',
  'Undersokelse',
  'Plan',
  'Tiltak',
  'Ettervern',
  'Flytting',
  'Relasjon',
  'Personalia',
  'Melder',
  'Evaluering',
  'Hyppighet',
  'Utfort',
  'Ansvarlig',
]);

function dated(a: Record<string, string>, date: string, at: SourceRef): RegisterDated {
  return { id: a.Id, date, code: a.Kode, at };
}

function last<T>(items: T[]): T {
  return items[items.length - 1];
}

function withoutDeleted(c: RegisterCase, deletions: ReadonlySet<string>): RegisterCase {
  if (deletions.size === 0) return c;
  const keep = (type: string) => (item: { id: string }) => !deletions.has(`${type}:${item.id}`);
  return {
    ...c,
    notifications: c.notifications.filter(keep('Melding')),
    investigations: c.investigations.filter(keep('Undersokelse')),
    plans: c.plans.filter(keep('Plan')),
    measures: c.measures.filter(keep('Tiltak')),
    aftercare: c.aftercare.filter(keep('Ettervern')),
    moves: c.moves.filter(keep('Flytting')),
  };
}
