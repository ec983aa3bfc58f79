import type { FollowUpIndicator } from '@fristvakt/projections';
import type { ReportContext, SectionBuilder } from './report-context';
import { count, shareCell, type ReportRow, type ReportSection } from './report-table';
import { HALF_COLUMNS } from './sections/half-years';
import { yearSection } from './sections/rows';
import type { PeriodFigures } from './state-report.query';

/*
 * The state report's follow-up section (DOMAIN.md §7): plans, evaluated plans, care plans,
 * follow-up and supervision visits and aftercare per half-year and year, children counted, as the
 * compliance query's `followUp` answers them, with its sums (numerator + missing = denominator per indicator and period; the half-years do not
 * add up to the year, since plans are counted on a day and visit requirements are rounded up).
 */

const INDICATORS: ReadonlyArray<{
  name: 'plans' | 'evaluatedPlans' | 'carePlans' | 'followUpVisits' | 'supervision' | 'aftercare';
  rows: [string, string, string];
}> = [
  { name: 'plans', rows: ['Barn i hjelpetiltak (på telledato)', '… med tiltaksplan', 'Andel barn i hjelpetiltak med tiltaksplan'] },
  {
    name: 'evaluatedPlans',
    rows: ['Barn med tiltaksplan og tiltak i minst tre måneder', '… med evaluert tiltaksplan i halvåret', 'Andel evaluerte tiltaksplaner'],
  },
  { name: 'carePlans', rows: ['Barn under omsorg (på telledato)', '… med omsorgsplan', 'Andel barn under omsorg med omsorgsplan'] },
  {
    name: 'followUpVisits',
    rows: ['Barn i fosterhjem i perioden', '… med oppfølgingsbesøk som krevd', 'Andel barn med oppfølgingsbesøk som krevd'],
  },
  {
    name: 'supervision',
    rows: ['Barn i fosterhjem med tilsyn fra kommunen', '… med tilsynsbesøk som krevd', 'Andel barn med tilsynsbesøk som krevd'],
  },
  { name: 'aftercare', rows: ['Unge voksne med tiltak (18 år og eldre)', '… som har takket ja til ettervern', 'Andel med ettervern'] },
];

/** The half-years of the report year and the year itself, then the shares over the span's years (Bærum's figures 10 and 12). */
export const followUpPlansAndVisits: SectionBuilder = (ctx) => {
  followUpSums(ctx);
  return [followUpSection(ctx.halves, HALF_COLUMNS, ctx.key), followUpOverYears(ctx)];
};

function followUpOverYears(ctx: ReportContext): ReportSection {
  const rows: ReportRow[] = INDICATORS.flatMap(({ name, rows: [denominator, , share] }) => {
    const at = (p: PeriodFigures): FollowUpIndicator => p.compliance.followUp[name];
    return [
      { label: denominator, cells: ctx.years.map((y) => count(at(y).denominator, ctx.key(y, `followUp.${name}.denominator`))) },
      {
        label: share,
        cells: ctx.years.map((y) =>
          shareCell(at(y).numerator, at(y).denominator, at(y).metShare, {
            numerator: ctx.key(y, `followUp.${name}.numerator`),
            denominator: ctx.key(y, `followUp.${name}.denominator`),
          }),
        ),
      },
    ];
  });
  // visits carried out (events, not children): Bærum's «gjennomførte fosterhjemsbesøk og tilsynsbesøk»
  for (const [name, label] of [
    ['followUpVisits', 'Oppfølgingsbesøk gjennomført (besøk)'],
    ['supervision', 'Tilsynsbesøk gjennomført (besøk)'],
  ] as const)
    rows.push({ label, cells: ctx.years.map((y) => count(y.compliance.followUp[name].held, ctx.key(y, `followUp.${name}.held`))) });
  return yearSection(ctx, {
    id: 'oppfolging_over_ar',
    title: 'Planer, oppfølgings- og tilsynsbesøk per år',
    notes: [
      'Som tabellen over, for hele året: planer telles per 31.12 (eller dagens dato i et år som pågår), besøk over året.',
      'Barn (saker), ikke hendelser, unntatt de gjennomførte besøkene; andelen er av barna i raden over.',
    ],
    rowHeader: 'Oppfølging',
    rows,
    chart: { kind: 'line', rows: INDICATORS.map((_, i) => 2 * i + 1), unit: 'percent' },
  });
}

function followUpSection(periods: readonly PeriodFigures[], columns: string[], key: ReportContext['key']): ReportSection {
  const rows: ReportRow[] = [];
  for (const {
    name,
    rows: [denominator, numerator, share],
  } of INDICATORS) {
    const at = (p: PeriodFigures): FollowUpIndicator => p.compliance.followUp[name];
    rows.push(
      { label: denominator, cells: periods.map((p) => count(at(p).denominator, key(p, `followUp.${name}.denominator`))) },
      { label: numerator, cells: periods.map((p) => count(at(p).numerator, key(p, `followUp.${name}.numerator`))) },
      {
        label: share,
        cells: periods.map((p) =>
          shareCell(at(p).numerator, at(p).denominator, at(p).metShare, {
            numerator: key(p, `followUp.${name}.numerator`),
            denominator: key(p, `followUp.${name}.denominator`),
          }),
        ),
      },
    );
  }
  const last = periods[periods.length - 1].compliance.followUp;
  return {
    id: 'oppfolging_etter_undersokelsen',
    title: 'Planer, oppfølging og tilsyn i fosterhjem, ettervern',
    notes: [
      'Barn (saker), ikke hendelser. Planer telles på telledatoen (30.06 og 31.12, eller dagens dato i et år som pågår); besøk over perioden fram til telledatoen.',
      'Oppfølgings- og tilsynsbesøk: minst fire i året (to ved redusert hyppighet), ett per påbegynt kvartal; kravet er oppfylt når antall besøk er minst det som kreves.',
      'Tilsyn telles for kommunen som har tilsynsansvaret den dagen, også for barn fra andre kommuner som bor i kommunens fosterhjem.',
      `Regelsett: ${last.ruleSet} (DOMAIN.md §7).`,
    ],
    rowHeader: 'Oppfølging',
    columns,
    rows,
  };
}

/** The section's sums: per indicator and period, those who met it and those who did not make up the children counted. */
function followUpSums(ctx: ReportContext): void {
  for (const p of new Set([...ctx.halves, ...ctx.years])) {
    for (const { name } of INDICATORS) {
      const indicator = p.compliance.followUp[name];
      const [total, met, missing] = (['denominator', 'numerator', 'missing'] as const).map((figure) =>
        ctx.fig(p, `followUp.${name}.${figure}`, indicator[figure]),
      );
      ctx.sum(total, [met, missing]);
    }
  }
}
