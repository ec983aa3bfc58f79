import { municipalityLabel } from '@fristvakt/domain';
import { followUpPlansAndVisits } from './follow-up-section';
import { reportContext, type ReportContext, type SectionBuilder } from './report-context';
import { NOT_COMPUTABLE_MARK, SUPPRESSED_MARK, type StateReport } from './report-table';
import {
  aftercareAndActiveCases,
  childrenWithMeasures,
  emergencyPlacedChildren,
  placedChildren,
  placedChildrenByBasisHomeAndAge,
} from './sections/children-sections';
import { comparison } from './sections/comparison-section';
import { investigationOutcomes, investigationsByHalfYear, investigationsOverYears } from './sections/investigation-sections';
import { jointService } from './sections/joint-service-section';
import { emergencyPlacements, kinshipPlacements, measuresByCategory, placementsByType } from './sections/measure-sections';
import { notificationsByReporter, notificationsOverYears, reviewsWithinAWeek } from './sections/notification-sections';
import type { PeriodFigures, StateReportFigures } from './state-report.query';
import { suppressSmallCells } from './suppress-cells';

/*
 * The key-figure part of a tilstandsrapport (bvl § 15-3), in the terms the municipalities' reports
 * use (Holmestrand, Hustadvika, Ringerike, Bærum 2024): trends over the chosen span of years,
 * children as well as events, a joint service's municipalities side by side, and published figures
 * beside Fristvakt's. Every figure is one the compliance, flow or children query answered.
 */

/** The report's parts in order; another module adds its own builder here (or passes a list of its own). */
export const STATE_REPORT_SECTIONS: readonly SectionBuilder[] = [
  notificationsOverYears,
  notificationsByReporter,
  reviewsWithinAWeek,
  investigationsByHalfYear,
  investigationsOverYears,
  investigationOutcomes,
  childrenWithMeasures,
  placedChildren,
  placedChildrenByBasisHomeAndAge,
  emergencyPlacedChildren,
  aftercareAndActiveCases,
  measuresByCategory,
  placementsByType,
  emergencyPlacements,
  kinshipPlacements,
  followUpPlansAndVisits,
  jointService,
  comparison,
];

/** The sums every period's compliance and flow answers hold, and a year = its two halves. */
function periodSums(ctx: ReportContext): void {
  const { H1, H2 } = ctx.figures.halves;
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
  for (const p of [H1, H2, ...ctx.years]) {
    const f = periodFigures(p);
    const at = (figure: keyof typeof f) => ctx.fig(p, figure, f[figure]);
    ctx.sum(at('reviews.concluded'), [at('reviews.onTime'), at('reviews.late')]);
    ctx.sum(at('investigations.closed'), [at('investigations.onTime'), at('investigations.breached')]);
    // the same notifications and investigations, counted by the compliance and by the flow query
    ctx.sum(at('reviews.concluded'), [at('notifications.concluded')]);
    ctx.sum(at('investigations.closed'), [at('flow.investigations.closed')]);
  }
  for (const figure of Object.keys(periodFigures(ctx.current)))
    ctx.sum(ctx.key(ctx.current, figure), [ctx.key(H1, figure), ctx.key(H2, figure)]);
}

function scopeLabel(municipalities: string[] | null): string {
  return municipalities === null ? 'alle kommuner' : municipalities.map(municipalityLabel).join(', ');
}

export function buildStateReport(
  figures: StateReportFigures,
  options: { suppress: boolean; sections?: readonly SectionBuilder[] },
): StateReport {
  const { params } = figures;
  const { ctx, sums, values } = reportContext(figures);
  periodSums(ctx);
  const sections = (options.sections ?? STATE_REPORT_SECTIONS).flatMap((build) => build(ctx));
  const first = figures.firstDataYear;
  const report: StateReport = {
    title: `Tilstandsrapport ${params.year} – nøkkeltall for barneverntjenesten`,
    facts: [
      [params.municipalities !== null && params.municipalities.length > 1 ? 'Kommuner' : 'Kommune', scopeLabel(params.municipalities)],
      ['Rapportår', String(params.year)],
      ['Årene i tabellene', `${ctx.yearColumns[0]}–${params.year}`],
      ['Første år med data', first === null ? 'ingen data i perioden' : String(first)],
      ['Fristberegning', params.method === 'legal' ? 'juridisk (månedsregler)' : 'statistisk (SSB/Bufdir, dager)'],
      ['Bestandstall målt per', ctx.current.flow.measuredAt],
      ['Som kjent per', params.knownAt ?? 'nå'],
      ['Loggposisjon', String(figures.position)],
    ],
    legend: [
      `«${SUPPRESSED_MARK}» = skjult av personvernhensyn: tall fra 1 til 4 er sensurert på grunn av små verdier (KOSTRA-praksis); et tall som ellers kunne regnes ut som en sum minus de andre leddene, skjules også (sekundærsensur), og en andel skjules når teller eller nevner er skjult. Sammenligninger med andre rapporter eller perioder er ikke dekket.`,
      `«${NOT_COMPUTABLE_MARK}» = kan ikke beregnes (nevneren er 0) eller ikke publisert.`,
      'Antall gjelder hendelser (meldinger, undersøkelser, tiltak, plasseringer) der ikke annet er sagt; «barn» teller hver sak én gang.',
      ...(ctx.firstDataColumn === undefined
        ? []
        : [`«*» ved et årstall = første år med data i Fristvakt; årene før har ingen registreringer her, ikke null hendelser.`]),
    ],
    suppression: false,
    sections,
    sums,
    figures: values,
  };
  if (!options.suppress) {
    report.legend[0] = 'Små tall er IKKE skjult (suppressSmallCounts=false): kun til intern bruk i tjenesten, må ikke deles utenfor.';
  }
  return options.suppress ? suppressSmallCells(report) : report;
}
