import { Query } from '@nestjs/cqrs';
import type { CountingMethod, DeadlineStatus } from '@fristvakt/domain';
import type { ComplianceAnswer, DeadlineKind, DeadlinesAnswer, FlowAnswer, Period } from '@fristvakt/projections';

/** Every leader answer says which log position it reflects, to compare with a POST's `position`. */
export interface AtPosition {
  position: number;
}

export type DeadlineBoard = DeadlinesAnswer & AtPosition & { municipalities: string[] | null };

/** Fristoversikt. `municipalities` null: every municipality. */
export class GetDeadlinesQuery extends Query<DeadlineBoard> {
  constructor(
    readonly params: {
      municipalities: string[] | null;
      status?: DeadlineStatus;
      kind?: DeadlineKind;
      asOf: string;
      knownAt: string | null;
      method: CountingMethod;
      minPosition?: number;
    },
  ) {
    super();
  }
}

export interface FiguresParams {
  /** one municipality; null: every one, unless `municipalities` says which */
  municipality: string | null;
  /** several municipalities answered as one population (a vertskommune); with `municipality`, their union */
  municipalities?: string[];
  period: Period;
  method: CountingMethod;
  knownAt: string | null;
  asOf: string;
  suppressSmallCounts: boolean;
  minPosition?: number;
}

export class GetComplianceQuery extends Query<ComplianceAnswer & AtPosition> {
  constructor(readonly params: FiguresParams) {
    super();
  }
}

export class GetFlowQuery extends Query<FlowAnswer & AtPosition> {
  constructor(readonly params: FiguresParams) {
    super();
  }
}
