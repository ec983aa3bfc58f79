/** The follow-up figures and board items of DOMAIN.md §7 on a case's follow-up timeline. */
export { aftercareStatus, type AftercareStatus } from './aftercare-status';
export { evaluationDueDay, followUpBoardItems, type FollowUpBoardItem, type FollowUpItemKind } from './board-items';
export { carePlanStatus, helpBeganOn, helpPlanStatus, helpSpells, type CarePlanStatus, type HelpPlanStatus } from './plan-status';
export { frequencyOn, isFosterHome, supervisorOn, visitRequirement, type CountsFor, type VisitRequirement } from './visit-requirement';
export * from './calendar';
export * from './timeline';
export * from '../deadlines/follow-up-rule-sets';
