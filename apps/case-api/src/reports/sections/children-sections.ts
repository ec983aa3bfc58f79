import { CATEGORY_GROUP_LABELS, labelOf, PLACEMENT_BASIS_LABELS } from '@fristvakt/dashboard-ui';
import { categoriesOfType, PLACEMENT_BASES, PLACEMENT_TYPES, type PlacementBasis, type PlacementType } from '@fristvakt/domain';
import { CHILD_MEASURE_GROUPS } from '@fristvakt/projections';
import type { ReportContext } from '../report-context';
import type { ReportRow, ReportSection } from '../report-table';
import { perThousandRow, yearRow, yearSection, yearShareRow, yearSums } from './rows';

/* Children, not events (docs/state-report.md): each child counts once per figure. */

export const PLACEMENT_TYPE_LABELS: Record<PlacementType, string> = {
  institution: 'Institusjon',
  foster_home_kinship: 'Fosterhjem i familie og nære nettverk',
  foster_home_other: 'Annet fosterhjem',
  emergency_home: 'Beredskapshjem',
  supported_housing: 'Bolig med oppfølging',
};

export function placedChildren(ctx: ReportContext): ReportSection[] {
  yearSums(
    ctx,
    'children.placedAtEnd',
    PLACEMENT_TYPES.map((type) => `children.placedAtEnd.type.${type}`),
  );
  yearSums(
    ctx,
    'children.placedAtEnd',
    PLACEMENT_BASES.map((basis) => `children.placedAtEnd.basis.${basis}`),
  );
  return [
    yearSection(ctx, {
      id: 'barn_plassert',
      title: 'Barn plassert utenfor hjemmet per 31.12, etter plasseringstype og grunnlag',
      notes: [
        'Barn med en plassering som varte ut årets siste dag (eller i dag for et år som ikke er slutt); hvert barn telles én gang, etter plasseringen som startet sist.',
        `Typer: institusjon 1.x, fosterhjem i familie og nære nettverk ${categoriesOfType('foster_home_kinship').join(' og ')}, beredskapshjem 2.5, bolig med oppfølging 8.2.`,
      ],
      rowHeader: 'Plassert per 31.12',
      rows: [
        ...PLACEMENT_TYPES.map((type) =>
          yearRow(ctx, PLACEMENT_TYPE_LABELS[type], `children.placedAtEnd.type.${type}`, (y) => y.children.placedAtEnd.byType[type], type),
        ),
        ...PLACEMENT_BASES.map((basis) =>
          yearRow(
            ctx,
            `Grunnlag: ${labelOf(PLACEMENT_BASIS_LABELS, basis, 'nb').toLowerCase()}`,
            `children.placedAtEnd.basis.${basis}`,
            (y) => y.children.placedAtEnd.byBasis[basis],
            basis,
          ),
        ),
        yearRow(ctx, 'Barn plassert per 31.12 i alt', 'children.placedAtEnd', (y) => y.children.placedAtEnd.children),
      ],
      chart: { kind: 'bar', rows: PLACEMENT_TYPES.map((_, i) => i), columns: [ctx.years.length - 1], unit: 'count' },
    }),
  ];
}

/** Where a placed child lives, as the seeds group it: foster homes (2.x, emergency homes too), institutions, supported housing. */
const HOMES = {
  fosterhjem: ['foster_home_kinship', 'foster_home_other', 'emergency_home'],
  institusjon: ['institution'],
  bolig: ['supported_housing'],
} as const satisfies Record<string, readonly PlacementType[]>;
type Home = keyof typeof HOMES;
const HOME_LABELS: Record<Home, string> = { fosterhjem: 'i fosterhjem', institusjon: 'i institusjon', bolig: 'i bolig med oppfølging' };
const BASIS_LABELS: Record<PlacementBasis, string> = {
  care_order: 'Under omsorg',
  behavioural: 'Atferdsplassering',
  voluntary: 'Frivillig',
  emergency: 'Akuttvedtak',
};
const AGES = { under18: 'under 18 år', adults: '18 år og eldre' } as const;

/**
 * Holmestrand's «barn som bor i fosterhjem eller institusjon»: placed children at 31.12 by legal
 * basis, kind of home and age (young adults in aftercare apart). Rows that are 0 in every year are
 * left out; every cell takes part in the sums (total, each basis, each kind of home).
 */
export function placedChildrenByBasisHomeAndAge(ctx: ReportContext): ReportSection[] {
  const cellOf = (basis: PlacementBasis, home: Home, age: keyof typeof AGES) => (y: (typeof ctx.years)[number]) =>
    HOMES[home].reduce((sum, type) => sum + y.children.placedAtEnd.byTypeBasisAge[type][basis][age], 0);
  const figure = (basis: PlacementBasis, home: Home, age: keyof typeof AGES) => `children.placedAtEnd.cross.${basis}.${home}.${age}`;
  const cells: Array<{ basis: PlacementBasis; home: Home; age: keyof typeof AGES }> = PLACEMENT_BASES.flatMap((basis) =>
    (Object.keys(HOMES) as Home[]).flatMap((home) => (Object.keys(AGES) as Array<keyof typeof AGES>).map((age) => ({ basis, home, age }))),
  );
  const rows: ReportRow[] = [];
  for (const { basis, home, age } of cells) {
    const valueOf = cellOf(basis, home, age);
    // kept for the sums whether the row is printed or not
    for (const y of ctx.years) ctx.fig(y, figure(basis, home, age), valueOf(y));
    if (ctx.years.some((y) => valueOf(y) > 0))
      rows.push(
        yearRow(
          ctx,
          `${BASIS_LABELS[basis]} – ${HOME_LABELS[home]} – ${AGES[age]}`,
          figure(basis, home, age),
          valueOf,
          `${basis}:${home}:${age}`,
        ),
      );
  }
  yearSums(
    ctx,
    'children.placedAtEnd',
    cells.map((c) => figure(c.basis, c.home, c.age)),
  );
  for (const basis of PLACEMENT_BASES)
    yearSums(
      ctx,
      `children.placedAtEnd.basis.${basis}`,
      cells.filter((c) => c.basis === basis).map((c) => figure(c.basis, c.home, c.age)),
    );
  for (const home of Object.keys(HOMES) as Home[]) {
    for (const y of ctx.years)
      ctx.fig(
        y,
        `children.placedAtEnd.home.${home}`,
        HOMES[home].reduce((sum, type) => sum + y.children.placedAtEnd.byType[type], 0),
      );
    yearSums(
      ctx,
      `children.placedAtEnd.home.${home}`,
      HOMES[home].map((type) => `children.placedAtEnd.type.${type}`),
    );
    yearSums(
      ctx,
      `children.placedAtEnd.home.${home}`,
      cells.filter((c) => c.home === home).map((c) => figure(c.basis, c.home, c.age)),
    );
  }
  const total = yearRow(ctx, 'Barn plassert per 31.12 i alt', 'children.placedAtEnd', (y) => y.children.placedAtEnd.children);
  return [
    yearSection(ctx, {
      id: 'barn_plassert_grunnlag_alder',
      title: 'Barn som bor i fosterhjem eller institusjon per 31.12, etter grunnlag og alder',
      notes: [
        'Barn plassert per 31.12 (som i forrige tabell), etter plasseringens grunnlag, hvor barnet bor (fosterhjem 2.x med beredskapshjem, institusjon 1.x, bolig med oppfølging 8.2) og alder per 31.12 (år − fødselsår; uten fødselsår regnes barnet som under 18).',
        '18 år og eldre er unge voksne som bor utenfor hjemmet som ettervernstiltak. Rader som er 0 i alle årene er utelatt.',
      ],
      rowHeader: 'Grunnlag, bosted og alder',
      rows: [...rows, total],
      ...(rows.length === 0 ? {} : { chart: { kind: 'bar', rows: rows.map((_, i) => i), columns: [ctx.years.length - 1], unit: 'count' } }),
    }),
  ];
}

export function emergencyPlacedChildren(ctx: ReportContext): ReportSection[] {
  yearSums(ctx, 'children.emergencyStarted', ['children.emergencyStarted.voluntary', 'children.emergencyStarted.notVoluntary']);
  for (const y of ctx.years)
    ctx.fig(y, 'children.emergencyStarted.notVoluntary', y.children.emergencyStarted.placements - y.children.emergencyStarted.voluntary);
  return [
    yearSection(ctx, {
      id: 'akuttplasserte_barn',
      title: 'Akuttplasseringer og barn som ble akuttplassert',
      notes: ['Akuttplasseringer startet i året (vedtak etter bvl. kap. 4), også de som samtidig er frivillige; barn telles én gang.'],
      rowHeader: 'Akuttplasseringer',
      rows: [
        yearRow(ctx, 'Akuttplasseringer', 'children.emergencyStarted', (y) => y.children.emergencyStarted.placements),
        yearRow(ctx, 'Av dem frivillige', 'children.emergencyStarted.voluntary', (y) => y.children.emergencyStarted.voluntary),
        yearRow(ctx, 'Barn som ble akuttplassert', 'children.emergencyStarted.children', (y) => y.children.emergencyStarted.children),
      ],
      chart: { kind: 'bar', rows: [0, 2], unit: 'count' },
    }),
  ];
}

export function childrenWithMeasures(ctx: ReportContext): ReportSection[] {
  return [
    yearSection(ctx, {
      id: 'barn_med_tiltak',
      title: 'Barn med tiltak i løpet av året, etter tiltakskategori',
      notes: [
        'Barn med et tiltak eller en plassering som var aktiv en gang i året. Et barn med tiltak i flere kategorier telles i hver av dem, men én gang i alt.',
        'Per 1 000 innbyggere 0–17 år: barn under 18 år ved årets slutt (uten fødselsår: regnet som under 18) med tiltak, delt på folketallet 0–17 år fra importerte referansetall.',
      ],
      rowHeader: 'Tiltakskategori',
      rows: [
        ...CHILD_MEASURE_GROUPS.map((group) =>
          yearRow(
            ctx,
            `${group} ${labelOf(CATEGORY_GROUP_LABELS, group, 'nb')}`,
            `children.measureGroup.${group}`,
            (y) => y.children.withMeasures.byGroup[group] ?? 0,
            group,
          ),
        ),
        yearRow(ctx, 'Barn med tiltak i alt', 'children.withMeasures', (y) => y.children.withMeasures.children),
        yearRow(ctx, 'Av dem bare hjelpetiltak (ikke plassert)', 'children.helpOnly', (y) => y.children.withMeasures.helpOnly),
        yearRow(ctx, 'Barn 0–17 år med tiltak', 'children.under18', (y) => y.children.withMeasures.under18),
        perThousandRow(
          ctx,
          'Barn 0–17 år med tiltak per 1 000 innbyggere 0–17 år',
          'children.under18',
          (y) => y.children.withMeasures.under18,
        ),
        yearShareRow(
          ctx,
          'Andel med bare hjelpetiltak av barn med tiltak',
          ['children.helpOnly', (y) => y.children.withMeasures.helpOnly],
          ['children.withMeasures', (y) => y.children.withMeasures.children],
        ),
      ],
      chart: { kind: 'bar', rows: CHILD_MEASURE_GROUPS.map((_, i) => i), columns: [ctx.years.length - 1], unit: 'count' },
    }),
  ];
}

export function aftercareAndActiveCases(ctx: ReportContext): ReportSection[] {
  const { fromAge, untilAge } = ctx.current.children.aftercare;
  const AFTERCARE_AGES = { from: fromAge, to: untilAge - 1 };
  return [
    yearSection(ctx, {
      id: 'ettervern_og_aktive_saker',
      title: `Ettervern (${AFTERCARE_AGES.from}–${AFTERCARE_AGES.to} år) og aktive saker`,
      notes: [
        `Ettervern: unge som er ${AFTERCARE_AGES.from}–${AFTERCARE_AGES.to} år ved årets slutt (året minus fødselsåret) med et tiltak eller en plassering, per 31.12 og i løpet av året.`,
        'Aktive saker per 31.12: saker med en melding som ikke er gjennomgått, en pågående undersøkelse, eller et aktivt tiltak eller en aktiv plassering.',
      ],
      rowHeader: 'Barn og saker',
      rows: [
        yearRow(ctx, 'I ettervern per 31.12', 'children.aftercareAtEnd', (y) => y.children.aftercare.atEnd),
        yearRow(ctx, 'I ettervern i løpet av året', 'children.aftercareDuring', (y) => y.children.aftercare.duringPeriod),
        yearRow(ctx, 'Aktive saker per 31.12', 'children.activeCasesAtEnd', (y) => y.children.activeCasesAtEnd),
      ],
      chart: { kind: 'line', rows: [0, 2], unit: 'count' },
    }),
  ];
}
