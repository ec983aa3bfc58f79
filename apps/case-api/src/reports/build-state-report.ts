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
      `«${SUPPRESSED_MARK}» = skjult av personvernhensyn: tall fra 1 til 4 er sensurert på grunn av små verdier (KOSTRA-praksis), og en andel skjules når teller eller nevner er skjult. Summer og differanser er ikke sekundærsensurert og må ikke publiseres uten vurdering.`,
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
    ],
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
      row('Antall meldinger', years.map((y) => count(y.flow.notifications.received))),
      row('Gjennomgåtte meldinger', years.map((y) => count(y.compliance.reviews.concluded))),
      row(
        'Andel gjennomgått innen en uke',
        years.map((y) => shareCell(y.compliance.reviews.onTime, y.compliance.reviews.concluded, y.compliance.reviews.onTimeShare)),
      ),
      row('Meldinger til undersøkelse', years.map((y) => count(y.flow.notifications.byConclusion.investigation ?? 0))),
      row(
        'Andel meldinger til undersøkelse',
        years.map((y) =>
          shareCell(y.flow.notifications.byConclusion.investigation ?? 0, y.flow.notifications.concluded, y.flow.notifications.toInvestigationShare),
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
      ...codes.map((code) => ({ label: labelOf(REPORTER_LABELS, code, 'nb'), code, cells: [count(byReporter[code] ?? 0)] })),
      { label: 'Antall meldinger i alt', cells: [count(current.flow.notifications.received)] },
    ],
  };
}

function reviewsWithinAWeek(periods: PeriodFigures[]): ReportSection {
  const r = periods.map((p) => p.compliance.reviews);
  return {
    id: 'gjennomgang_innen_en_uke',
    title: 'Meldinger gjennomgått innen fristen (en uke)',
    notes: ['Meldinger som ble gjennomgått i perioden; fristen er en uke fra mottak (bvl. § 2-1).'],
    rowHeader: 'Gjennomgang',
    columns: HALF_COLUMNS,
    rows: [
      { label: 'Gjennomgåtte meldinger', cells: r.map((x) => count(x.concluded)) },
      { label: 'Gjennomgått innen en uke', cells: r.map((x) => count(x.onTime)) },
      { label: 'Gjennomgått etter fristen', cells: r.map((x) => count(x.late)) },
      { label: 'Andel gjennomgått innen en uke', cells: r.map((x) => shareCell(x.onTime, x.concluded, x.onTimeShare)) },
      { label: 'Ikke gjennomgått og over fristen ved periodens slutt', cells: r.map((x) => count(x.openOverdueAtEnd)) },
    ],
  };
}

function investigationsByHalfYear(periods: PeriodFigures[]): ReportSection {
  const u = periods.map((p) => p.compliance.investigations);
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
      { label: 'Nye undersøkelser', cells: periods.map((p) => count(p.flow.investigations.opened)) },
      { label: 'Avsluttede undersøkelser', cells: u.map((x) => count(x.closed)) },
      { label: 'Avsluttet innen fristen', cells: u.map((x) => count(x.onTime)) },
      { label: 'Fristbrudd', cells: u.map((x) => count(x.breached)) },
      { label: 'Andel fristbrudd', cells: u.map((x) => shareCell(x.breached, x.closed, x.breachShare)) },
      { label: 'Avsluttet med utvidet frist', cells: u.map((x) => count(x.extended)) },
      { label: 'Fristbrudd med utvidet frist', cells: u.map((x) => count(x.breachedExtended)) },
      { label: 'Pågående og over fristen ved periodens slutt', cells: u.map((x) => count(x.openOverdueAtEnd)) },
    ],
  };
}

function investigationOutcomes(current: PeriodFigures): ReportSection {
  const { byOutcome, closed } = current.flow.investigations;
  return {
    id: 'undersokelser_utfall',
    title: 'Avsluttede undersøkelser etter utfall',
    notes: ['Henleggelser og vedtak for undersøkelser avsluttet i året.'],
    rowHeader: 'Utfall',
    columns: ['Antall', 'Andel'],
    rows: [
      ...INVESTIGATION_OUTCOMES.map((code) => {
        const n = byOutcome[code] ?? 0;
        return { label: labelOf(OUTCOME_LABELS, code, 'nb'), code, cells: [count(n), shareCell(n, closed)] };
      }),
      { label: 'Avsluttede undersøkelser i alt', cells: [count(closed), shareCell(closed, closed)] },
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
        cells: [count(sumByGroup(m.byCategory, group, '8.2'))],
      })),
      { label: 'Hjelpetiltak startet i alt', cells: [count(m.started)] },
      { label: 'Barn med hjelpetiltak i løpet av året', cells: [count(m.active.children)] },
      { label: `Barn med hjelpetiltak per ${measuredAt}`, cells: [count(current.flow.stockAtEnd.childrenWithMeasures)] },
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
        cells: [count(p.byCategory[code] ?? 0)],
      })),
      { label: 'Plasseringer startet i alt', cells: [count(p.started)] },
      { label: 'Barn plassert utenfor hjemmet i løpet av året', cells: [count(p.active.children)] },
      { label: `Barn plassert utenfor hjemmet per ${measuredAt}`, cells: [count(current.flow.stockAtEnd.childrenPlaced)] },
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
      ...PLACEMENT_BASES.map((code) => ({ label: labelOf(PLACEMENT_BASIS_LABELS, code, 'nb'), code, cells: [count(p.byBasis[code] ?? 0)] })),
      { label: 'Plasseringer startet i alt', cells: [count(p.started)] },
      { label: 'Andel akuttplasseringer', cells: [shareCell(emergency, p.started, p.emergencyShare)] },
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
      { label: 'Fosterhjemsplasseringer', cells: [count(p.fosterHomeStarted)] },
      { label: 'I familie og nære nettverk', cells: [count(p.kinshipStarted)] },
      { label: 'Andel i familie og nære nettverk', cells: [shareCell(p.kinshipStarted, p.fosterHomeStarted, p.kinshipShare)] },
    ],
  };
}
