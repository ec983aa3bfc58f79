import {
  CATEGORY_GROUP_LABELS,
  categoryGroup,
  labelOf,
  MEASURE_GROUPS,
  OUTCOME_LABELS,
  PLACEMENT_BASIS_LABELS,
  PLACEMENT_CATEGORY_LABELS,
  REPORTER_LABELS,
  reporterCodesFor,
} from '@fristvakt/dashboard-ui';
import { INVESTIGATION_OUTCOMES, PLACEMENT_BASES } from '@fristvakt/domain';
import { followUpSection, followUpSums } from './follow-up-section';
import { count, NOT_COMPUTABLE_MARK, shareCell, SUPPRESSED_MARK, type ReportRow, type ReportSection, type StateReport } from './report-table';
import type { PeriodFigures, StateReportFigures } from './state-report.query';
import { suppressSmallCells } from './suppress-cells';

/*
 * The key-figure section of a tilstandsrapport (bvl § 15-3), in the terms the municipalities'
 * reports use (Holmestrand, Hustadvika, Bærum 2024): meldinger over five years and by melder,
 * gjennomgang innen en uke, undersøkelser and fristbrudd per halvår, henleggelser and other
 * outcomes, hjelpetiltak by category, plasseringer by type, akuttplasseringer and the share in
 * family and close network. Every figure is one the compliance or flow query answered.
 */

const HALF_COLUMNS = ['Første halvår', 'Andre halvår', 'Hele året'];

/** The key of one figure of one period: the same figure in two tables is one figure. */
const key = (p: PeriodFigures, figure: string) => `${p.flow.period.from}..${p.flow.period.to}:${figure}`;

/**
 * The report's sums, written in figure keys, and the value of every figure in them, shown or not: a
 * figure the report does not print can still be given away by those it does (a share and its
 * denominator give the numerator; a total minus the numerator gives the rest).
 */
function reportSums(figures: StateReportFigures, current: PeriodFigures): Pick<StateReport, 'sums' | 'figures'> {
  const values: Record<string, number> = {};
  const fig = (p: PeriodFigures, figure: string, value: number | null | undefined): string => {
    const id = key(p, figure);
    values[id] = value ?? 0;
    return id;
  };
  const sums: StateReport['sums'] = [];
  const { H1, H2 } = figures.halves;
  const periodFigures = (p: PeriodFigures) => {
    const { reviews, investigations } = p.compliance;
    return {
      'reviews.concluded': reviews.concluded,
      'reviews.onTime': reviews.onTime,
      'reviews.late': reviews.late,
      'notifications.concluded': p.flow.notifications.concluded,
      'investigations.opened': p.flow.investigations.opened,
      'investigations.closed': investigations.closed,
      'investigations.onTime': investigations.onTime,
      'investigations.breached': investigations.breached,
      'investigations.extended': investigations.extended,
      'investigations.breachedExtended': investigations.breachedExtended,
      'flow.investigations.closed': p.flow.investigations.closed,
    };
  };
  for (const p of [H1, H2, ...figures.years]) {
    const f = periodFigures(p);
    const at = (figure: keyof typeof f) => fig(p, figure, f[figure]);
    sums.push(
      { total: at('reviews.concluded'), parts: [at('reviews.onTime'), at('reviews.late')] },
      { total: at('investigations.closed'), parts: [at('investigations.onTime'), at('investigations.breached')] },
      // the same notifications and investigations, counted by the compliance and by the flow query
      { total: at('reviews.concluded'), parts: [at('notifications.concluded')] },
      { total: at('investigations.closed'), parts: [at('flow.investigations.closed')] },
    );
  }
  for (const figure of Object.keys(periodFigures(current)) as Array<keyof ReturnType<typeof periodFigures>>) {
    sums.push({ total: key(current, figure), parts: [key(H1, figure), key(H2, figure)] });
  }
  const { investigations, measures, placements } = current.flow;
  const parts = (figure: string, record: Record<string, number | null>, codes: readonly string[]) =>
    [...new Set([...codes, ...Object.keys(record)])].map((code) => fig(current, `${figure}.${code}`, record[code]));
  const placementCategories = Object.keys(PLACEMENT_CATEGORY_LABELS);
  const groups = Object.fromEntries(MEASURE_GROUPS.map((group) => [group, sumByGroup(measures.byCategory, group, '8.2')]));
  sums.push(
    { total: fig(current, 'flow.investigations.closed', investigations.closed), parts: parts('outcome', investigations.byOutcome, INVESTIGATION_OUTCOMES) },
    { total: fig(current, 'measures.started', measures.started), parts: parts('measureGroup', groups, MEASURE_GROUPS) },
    { total: fig(current, 'placements.started', placements.started), parts: parts('placementCategory', placements.byCategory, placementCategories) },
    { total: fig(current, 'placements.started', placements.started), parts: parts('placementBasis', placements.byBasis, PLACEMENT_BASES) },
    {
      total: fig(current, 'placements.fosterHomeStarted', placements.fosterHomeStarted),
      parts: parts('placementCategory', placements.byCategory, placementCategories).filter((id) => id.split(':placementCategory.')[1].startsWith('2.')),
    },
  );
  return { sums, figures: values };
}

function withFollowUpSums(a: Pick<StateReport, 'sums' | 'figures'>, b: Pick<StateReport, 'sums' | 'figures'>): Pick<StateReport, 'sums' | 'figures'> {
  return { sums: [...a.sums, ...b.sums], figures: { ...a.figures, ...b.figures } };
}

export function buildStateReport(figures: StateReportFigures, options: { suppress: boolean }): StateReport {
  const { params } = figures;
  const current = figures.years[figures.years.length - 1];
  const periods: PeriodFigures[] = [figures.halves.H1, figures.halves.H2, current];
  const measuredAt = current.flow.measuredAt;
  const report: StateReport = {
    title: `Tilstandsrapport ${params.year} – nøkkeltall for barneverntjenesten`,
    facts: [
      ['Kommune', params.municipality ?? 'alle kommuner'],
      ['Rapportår', String(params.year)],
      ['Fristberegning', params.method === 'legal' ? 'juridisk (månedsregler)' : 'statistisk (SSB/Bufdir, dager)'],
      ['Bestandstall målt per', measuredAt],
      ['Som kjent per', params.knownAt ?? 'nå'],
      ['Loggposisjon', String(figures.position)],
    ],
    legend: [
      `«${SUPPRESSED_MARK}» = skjult av personvernhensyn: tall fra 1 til 4 er sensurert på grunn av små verdier (KOSTRA-praksis); et tall som ellers kunne regnes ut som en sum minus de andre leddene, skjules også (sekundærsensur), og en andel skjules når teller eller nevner er skjult. Sammenligninger med andre rapporter eller perioder er ikke dekket.`,
      `«${NOT_COMPUTABLE_MARK}» = kan ikke beregnes (nevneren er 0).`,
      'Antall gjelder hendelser (meldinger, undersøkelser, tiltak, plasseringer) der ikke annet er sagt; «barn» teller hver sak én gang.',
    ],
    suppression: false,
    sections: [
      notificationsOverYears(figures),
      notificationsByReporter(current, params.year),
      reviewsWithinAWeek(periods),
      investigationsByHalfYear(periods),
      investigationOutcomes(current),
      measuresByCategory(current, params.year, measuredAt),
      placementsByType(current, params.year, measuredAt),
      emergencyPlacements(current),
      kinshipPlacements(current),
      followUpSection(periods, HALF_COLUMNS, key),
    ],
    ...withFollowUpSums(reportSums(figures, current), followUpSums(periods, key)),
  };
  if (!options.suppress) {
    report.legend[0] = 'Små tall er IKKE skjult (suppressSmallCounts=false): kun til intern bruk i tjenesten, må ikke deles utenfor.';
  }
  return options.suppress ? suppressSmallCells(report) : report;
}

function notificationsOverYears(figures: StateReportFigures): ReportSection {
  const years = figures.years;
  const row = (label: string, cells: ReportRow['cells']): ReportRow => ({ label, cells });
  return {
    id: 'meldinger',
    title: 'Meldinger',
    notes: ['Bekymringsmeldinger mottatt i året, og meldinger som ble gjennomgått (konkludert) i året.'],
    rowHeader: 'Meldinger',
    columns: years.map((y) => String(y.year)),
    rows: [
      row('Antall meldinger', years.map((y) => count(y.flow.notifications.received, key(y, 'notifications.received')))),
      row('Gjennomgåtte meldinger', years.map((y) => count(y.compliance.reviews.concluded, key(y, 'reviews.concluded')))),
      row(
        'Andel gjennomgått innen en uke',
        years.map((y) =>
          shareCell(y.compliance.reviews.onTime, y.compliance.reviews.concluded, y.compliance.reviews.onTimeShare, {
            numerator: key(y, 'reviews.onTime'),
            denominator: key(y, 'reviews.concluded'),
          }),
        ),
      ),
      row('Meldinger til undersøkelse', years.map((y) => count(y.flow.notifications.byConclusion.investigation ?? 0, key(y, 'notifications.toInvestigation')))),
      row(
        'Andel meldinger til undersøkelse',
        years.map((y) =>
          shareCell(y.flow.notifications.byConclusion.investigation ?? 0, y.flow.notifications.concluded, y.flow.notifications.toInvestigationShare, {
            numerator: key(y, 'notifications.toInvestigation'),
            denominator: key(y, 'notifications.concluded'),
          }),
        ),
      ),
    ],
  };
}

function notificationsByReporter(current: PeriodFigures, year: number): ReportSection {
  const byReporter = current.flow.notifications.byReporter;
  const codes = [...new Set([...reporterCodesFor(year), ...Object.keys(byReporter)])].sort((a, b) => Number(a) - Number(b));
  return {
    id: 'meldinger_etter_melder',
    title: `Meldinger etter melder ${year}`,
    notes: ['En melding kan ha flere meldere; summen kan derfor bli større enn antall meldinger.'],
    rowHeader: 'Melder',
    columns: ['Antall meldinger'],
    rows: [
      ...codes.map((code) => ({ label: labelOf(REPORTER_LABELS, code, 'nb'), code, cells: [count(byReporter[code] ?? 0, key(current, `reporter.${code}`))] })),
      { label: 'Antall meldinger i alt', cells: [count(current.flow.notifications.received, key(current, 'notifications.received'))] },
    ],
  };
}

/** One count row over the periods, each cell keyed by its period and figure. */
function countRow<X extends { at(figure: string): string }>(label: string, periods: X[], figure: keyof X & string): ReportRow {
  return { label, cells: periods.map((x) => count(x[figure] as number | null, x.at(figure))) };
}

function reviewsWithinAWeek(periods: PeriodFigures[]): ReportSection {
  const r = periods.map((p) => ({ ...p.compliance.reviews, at: (figure: string) => key(p, `reviews.${figure}`) }));
  return {
    id: 'gjennomgang_innen_en_uke',
    title: 'Meldinger gjennomgått innen fristen (en uke)',
    notes: ['Meldinger som ble gjennomgått i perioden; fristen er en uke fra mottak (bvl. § 2-1).'],
    rowHeader: 'Gjennomgang',
    columns: HALF_COLUMNS,
    rows: [
      countRow('Gjennomgåtte meldinger', r, 'concluded'),
      countRow('Gjennomgått innen en uke', r, 'onTime'),
      countRow('Gjennomgått etter fristen', r, 'late'),
      {
        label: 'Andel gjennomgått innen en uke',
        cells: r.map((x) => shareCell(x.onTime, x.concluded, x.onTimeShare, { numerator: x.at('onTime'), denominator: x.at('concluded') })),
      },
      countRow('Ikke gjennomgått og over fristen ved periodens slutt', r, 'openOverdueAtEnd'),
    ],
  };
}

function investigationsByHalfYear(periods: PeriodFigures[]): ReportSection {
  const u = periods.map((p) => ({ ...p.compliance.investigations, at: (figure: string) => key(p, `investigations.${figure}`) }));
  return {
    id: 'undersokelser_fristbrudd',
    title: 'Undersøkelser og fristbrudd per halvår',
    notes: [
      'Fristbrudd i undersøkelser (Bufdirs indikator): avsluttede undersøkelser i perioden som ble avsluttet etter fristen, delt på alle avsluttede undersøkelser i perioden.',
      'Fristen er tre måneder, seks måneder ved utvidet frist (bvl. § 2-2).',
    ],
    rowHeader: 'Undersøkelser',
    columns: HALF_COLUMNS,
    rows: [
      { label: 'Nye undersøkelser', cells: periods.map((p) => count(p.flow.investigations.opened, key(p, 'investigations.opened'))) },
      countRow('Avsluttede undersøkelser', u, 'closed'),
      countRow('Avsluttet innen fristen', u, 'onTime'),
      countRow('Fristbrudd', u, 'breached'),
      {
        label: 'Andel fristbrudd',
        cells: u.map((x) => shareCell(x.breached, x.closed, x.breachShare, { numerator: x.at('breached'), denominator: x.at('closed') })),
      },
      countRow('Avsluttet med utvidet frist', u, 'extended'),
      countRow('Fristbrudd med utvidet frist', u, 'breachedExtended'),
      countRow('Pågående og over fristen ved periodens slutt', u, 'openOverdueAtEnd'),
    ],
  };
}

function investigationOutcomes(current: PeriodFigures): ReportSection {
  const { byOutcome, closed } = current.flow.investigations;
  const total = key(current, 'flow.investigations.closed');
  return {
    id: 'undersokelser_utfall',
    title: 'Avsluttede undersøkelser etter utfall',
    notes: ['Henleggelser og vedtak for undersøkelser avsluttet i året.'],
    rowHeader: 'Utfall',
    columns: ['Antall', 'Andel'],
    rows: [
      ...INVESTIGATION_OUTCOMES.map((code) => {
        const n = byOutcome[code] ?? 0;
        const outcome = key(current, `outcome.${code}`);
        return { label: labelOf(OUTCOME_LABELS, code, 'nb'), code, cells: [count(n, outcome), shareCell(n, closed, undefined, { numerator: outcome, denominator: total })] };
      }),
      { label: 'Avsluttede undersøkelser i alt', cells: [count(closed, total), shareCell(closed, closed, undefined, { numerator: total, denominator: total })] },
    ],
  };
}

function sumByGroup(byCategory: Record<string, number | null>, group: string, except?: string): number {
  let sum = 0;
  for (const [code, n] of Object.entries(byCategory)) if (categoryGroup(code) === group && code !== except) sum += n ?? 0;
  return sum;
}

function measuresByCategory(current: PeriodFigures, year: number, measuredAt: string): ReportSection {
  const m = current.flow.measures;
  return {
    id: 'hjelpetiltak',
    title: 'Hjelpetiltak etter kategori',
    notes: [
      `Hjelpetiltak startet i ${year}, etter hovedkategori i SSBs kodeliste (bolig med oppfølging, 8.2, regnes som plassering).`,
      `Barn med hjelpetiltak teller hvert barn én gang; per ${measuredAt} gjelder bestanden den dagen.`,
    ],
    rowHeader: 'Kategori',
    columns: ['Antall'],
    rows: [
      ...MEASURE_GROUPS.map((group) => ({
        label: `${group} ${labelOf(CATEGORY_GROUP_LABELS, group, 'nb')}`,
        code: group,
        cells: [count(sumByGroup(m.byCategory, group, '8.2'), key(current, `measureGroup.${group}`))],
      })),
      { label: 'Hjelpetiltak startet i alt', cells: [count(m.started, key(current, 'measures.started'))] },
      { label: 'Barn med hjelpetiltak i løpet av året', cells: [count(m.active.children, key(current, 'measures.activeChildren'))] },
      { label: `Barn med hjelpetiltak per ${measuredAt}`, cells: [count(current.flow.stockAtEnd.childrenWithMeasures, key(current, 'stockAtEnd.childrenWithMeasures'))] },
    ],
  };
}

function placementsByType(current: PeriodFigures, year: number, measuredAt: string): ReportSection {
  const p = current.flow.placements;
  return {
    id: 'plasseringer',
    title: 'Plasseringer etter type',
    notes: [`Plasseringstiltak startet i ${year}, etter tiltakskategori.`],
    rowHeader: 'Type',
    columns: ['Antall'],
    rows: [
      ...Object.keys(PLACEMENT_CATEGORY_LABELS).map((code) => ({
        label: `${code} ${labelOf(PLACEMENT_CATEGORY_LABELS, code, 'nb')}`,
        code,
        cells: [count(p.byCategory[code] ?? 0, key(current, `placementCategory.${code}`))],
      })),
      { label: 'Plasseringer startet i alt', cells: [count(p.started, key(current, 'placements.started'))] },
      { label: 'Barn plassert utenfor hjemmet i løpet av året', cells: [count(p.active.children, key(current, 'placements.activeChildren'))] },
      { label: `Barn plassert utenfor hjemmet per ${measuredAt}`, cells: [count(current.flow.stockAtEnd.childrenPlaced, key(current, 'stockAtEnd.childrenPlaced'))] },
    ],
  };
}

function emergencyPlacements(current: PeriodFigures): ReportSection {
  const p = current.flow.placements;
  const emergency = p.byBasis.emergency ?? 0;
  return {
    id: 'akuttplasseringer',
    title: 'Akuttplasseringer og grunnlag for plassering',
    notes: ['Plasseringer startet i året etter grunnlag; akuttplasseringer etter bvl. kap. 4.'],
    rowHeader: 'Grunnlag',
    columns: ['Antall'],
    rows: [
      ...PLACEMENT_BASES.map((code) => ({
        label: labelOf(PLACEMENT_BASIS_LABELS, code, 'nb'),
        code,
        cells: [count(p.byBasis[code] ?? 0, key(current, `placementBasis.${code}`))],
      })),
      { label: 'Plasseringer startet i alt', cells: [count(p.started, key(current, 'placements.started'))] },
      {
        label: 'Andel akuttplasseringer',
        cells: [
          shareCell(emergency, p.started, p.emergencyShare, { numerator: key(current, 'placementBasis.emergency'), denominator: key(current, 'placements.started') }),
        ],
      },
    ],
  };
}

function kinshipPlacements(current: PeriodFigures): ReportSection {
  const p = current.flow.placements;
  return {
    id: 'fosterhjem_familie_nettverk',
    title: 'Fosterhjem i familie og nære nettverk',
    notes: ['Fosterhjemsplasseringer (2.x) startet i året; familie og nære nettverk er kategori 2.1 og 2.6.'],
    rowHeader: 'Fosterhjem',
    columns: ['Antall'],
    rows: [
      { label: 'Fosterhjemsplasseringer', cells: [count(p.fosterHomeStarted, key(current, 'placements.fosterHomeStarted'))] },
      { label: 'I familie og nære nettverk', cells: [count(p.kinshipStarted, key(current, 'placements.kinshipStarted'))] },
      {
        label: 'Andel i familie og nære nettverk',
        cells: [
          shareCell(p.kinshipStarted, p.fosterHomeStarted, p.kinshipShare, {
            numerator: key(current, 'placements.kinshipStarted'),
            denominator: key(current, 'placements.fosterHomeStarted'),
          }),
        ],
      },
    ],
  };
}
