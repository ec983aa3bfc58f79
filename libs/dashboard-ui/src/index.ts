/** What the server shares with the dashboard: the code names. The browser code is in ./browser. */
export {
  CATEGORY_GROUP_LABELS,
  categoryGroup,
  CONCLUSION_LABELS,
  labelOf,
  MEASURE_GROUPS,
  OUTCOME_LABELS,
  PLACEMENT_BASIS_LABELS,
  PLACEMENT_CATEGORY_LABELS,
  REPORTER_LABELS,
  reporterCodesFor,
  type Labelled,
  type Lang,
} from './labels';
