import { CATEGORY_GROUP_LABELS, labelOf, MEASURE_GROUPS, PLACEMENT_BASIS_LABELS, PLACEMENT_CATEGORY_LABELS } from '@fristvakt/dashboard-ui';
import { PLACEMENT_BASES } from '@fristvakt/domain';
import type { ReportContext } from '../report-context';
import type { ReportSection } from '../report-table';
import { sumByGroup, yearRow, yearSection, yearShareRow, yearSums } from './rows';

/* Measures and placements started (events, not children): the tables the reports had before they counted children. */

export function measuresByCategory(ctx: ReportContext): ReportSection[] {
  yearSums(
    ctx,
    'measures.started',
    MEASURE_GROUPS.map((group) => `measureGroup.${group}`),
  );
  return [
    yearSection(ctx, {
      id: 'hjelpetiltak',
      title: 'Hjelpetiltak etter kategori',
      notes: [
        'Hjelpetiltak startet i året, etter hovedkategori i SSBs kodeliste (bolig med oppfølging, 8.2, regnes som plassering).',
        'Barn med hjelpetiltak teller hvert barn én gang; bestanden gjelder siste dag i året (eller i dag for et år som ikke er slutt).',
      ],
      rowHeader: 'Kategori',
      rows: [
        ...MEASURE_GROUPS.map((group) =>
          yearRow(
            ctx,
            `${group} ${labelOf(CATEGORY_GROUP_LABELS, group, 'nb')}`,
            `measureGroup.${group}`,
            (y) => sumByGroup(y.flow.measures.byCategory, group, '8.2'),
            group,
          ),
        ),
        yearRow(ctx, 'Hjelpetiltak startet i alt', 'measures.started', (y) => y.flow.measures.started),
        yearRow(ctx, 'Barn med hjelpetiltak i løpet av året', 'measures.activeChildren', (y) => y.flow.measures.active.children),
        yearRow(
          ctx,
          'Barn med hjelpetiltak ved årets slutt',
          'stockAtEnd.childrenWithMeasures',
          (y) => y.flow.stockAtEnd.childrenWithMeasures,
        ),
      ],
      chart: { kind: 'bar', rows: [6], unit: 'count' },
    }),
  ];
}

export function placementsByType(ctx: ReportContext): ReportSection[] {
  const codes = Object.keys(PLACEMENT_CATEGORY_LABELS);
  yearSums(
    ctx,
    'placements.started',
    codes.map((code) => `placementCategory.${code}`),
  );
  yearSums(
    ctx,
    'placements.fosterHomeStarted',
    codes.filter((code) => code.startsWith('2.')).map((code) => `placementCategory.${code}`),
  );
  return [
    yearSection(ctx, {
      id: 'plasseringer',
      title: 'Plasseringer etter type',
      notes: ['Plasseringstiltak startet i året, etter tiltakskategori (hendelser: et barn kan ha flere plasseringer i året).'],
      rowHeader: 'Type',
      rows: [
        ...codes.map((code) =>
          yearRow(
            ctx,
            `${code} ${labelOf(PLACEMENT_CATEGORY_LABELS, code, 'nb')}`,
            `placementCategory.${code}`,
            (y) => y.flow.placements.byCategory[code] ?? 0,
            code,
          ),
        ),
        yearRow(ctx, 'Plasseringer startet i alt', 'placements.started', (y) => y.flow.placements.started),
        yearRow(
          ctx,
          'Barn plassert utenfor hjemmet i løpet av året',
          'placements.activeChildren',
          (y) => y.flow.placements.active.children,
        ),
        yearRow(ctx, 'Barn plassert utenfor hjemmet ved årets slutt', 'stockAtEnd.childrenPlaced', (y) => y.flow.stockAtEnd.childrenPlaced),
        yearRow(ctx, 'Plasseringer avsluttet', 'placements.ended', (y) => y.flow.placements.ended),
        yearRow(ctx, 'Av dem utilsiktet (tidligere enn planlagt)', 'placements.endedUnplanned', (y) => y.flow.placements.endedUnplanned),
      ],
      chart: { kind: 'bar', rows: [codes.length], unit: 'count' },
    }),
  ];
}

export function emergencyPlacements(ctx: ReportContext): ReportSection[] {
  yearSums(
    ctx,
    'placements.started',
    PLACEMENT_BASES.map((code) => `placementBasis.${code}`),
  );
  return [
    yearSection(ctx, {
      id: 'akuttplasseringer',
      title: 'Akuttplasseringer og grunnlag for plassering',
      notes: ['Plasseringer startet i året etter grunnlag; akuttplasseringer etter bvl. kap. 4.'],
      rowHeader: 'Grunnlag',
      rows: [
        ...PLACEMENT_BASES.map((code) =>
          yearRow(
            ctx,
            labelOf(PLACEMENT_BASIS_LABELS, code, 'nb'),
            `placementBasis.${code}`,
            (y) => y.flow.placements.byBasis[code] ?? 0,
            code,
          ),
        ),
        yearRow(ctx, 'Plasseringer startet i alt', 'placements.started', (y) => y.flow.placements.started),
        yearShareRow(
          ctx,
          'Andel akuttplasseringer',
          ['placementBasis.emergency', (y) => y.flow.placements.byBasis.emergency ?? 0],
          ['placements.started', (y) => y.flow.placements.started],
          (y) => y.flow.placements.emergencyShare,
        ),
      ],
      chart: { kind: 'line', rows: [PLACEMENT_BASES.length + 1], unit: 'percent' },
    }),
  ];
}

export function kinshipPlacements(ctx: ReportContext): ReportSection[] {
  yearSums(ctx, 'placements.kinshipStarted', ['placementCategory.2.1', 'placementCategory.2.6']);
  return [
    yearSection(ctx, {
      id: 'fosterhjem_familie_nettverk',
      title: 'Fosterhjem i familie og nære nettverk',
      notes: ['Fosterhjemsplasseringer (2.x) startet i året; familie og nære nettverk er kategori 2.1 og 2.6.'],
      rowHeader: 'Fosterhjem',
      rows: [
        yearRow(ctx, 'Fosterhjemsplasseringer', 'placements.fosterHomeStarted', (y) => y.flow.placements.fosterHomeStarted),
        yearRow(ctx, 'I familie og nære nettverk', 'placements.kinshipStarted', (y) => y.flow.placements.kinshipStarted),
        yearShareRow(
          ctx,
          'Andel i familie og nære nettverk',
          ['placements.kinshipStarted', (y) => y.flow.placements.kinshipStarted],
          ['placements.fosterHomeStarted', (y) => y.flow.placements.fosterHomeStarted],
          (y) => y.flow.placements.kinshipShare,
        ),
      ],
      chart: { kind: 'line', rows: [2], unit: 'percent' },
    }),
  ];
}
