import type { FlowAnswer } from '@fristvakt/projections';

/**
 * The figures of a flow answer that the reference recomputation also produces, in its shape:
 * both the model's answer and the HTTP API's JSON are compared through this one projection.
 */
export function flowComparable(f: FlowAnswer) {
  return {
    notifications: {
      received: f.notifications.received,
      receivedChildren: f.notifications.receivedChildren,
      byReporter: f.notifications.byReporter,
      concluded: f.notifications.concluded,
      byConclusion: f.notifications.byConclusion,
      toInvestigationShare: f.notifications.toInvestigationShare,
    },
    investigations: {
      opened: f.investigations.opened,
      closed: f.investigations.closed,
      byOutcome: f.investigations.byOutcome,
      median: f.investigations.durationDays.median,
      p90: f.investigations.durationDays.p90,
    },
    measures: { started: f.measures.started, byCategory: f.measures.byCategory, byBasis: f.measures.byBasis, active: f.measures.active },
    placements: {
      started: f.placements.started,
      byCategory: f.placements.byCategory,
      byBasis: f.placements.byBasis,
      emergencyShare: f.placements.emergencyShare,
      kinshipShare: f.placements.kinshipShare,
      active: f.placements.active,
    },
    stockAtEnd: {
      openNotifications: f.stockAtEnd.openNotifications,
      openInvestigations: f.stockAtEnd.openInvestigations,
      childrenWithMeasures: f.stockAtEnd.childrenWithMeasures,
      childrenPlaced: f.stockAtEnd.childrenPlaced,
    },
  };
}
