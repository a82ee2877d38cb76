// The REST API's request and response shapes: the one definition backend,
// frontend, CLI and fakes import (the backend checks them against
// openapi.yaml at compile time).
export type * from './decisions';
export type * from './evaluations';
export type * from './live';
export type * from './summary';
export { DECISION_TRANSITIONS, transitionRefusal } from './transitions';
export type { DecisionStatusChange } from './transitions';
export {
  buildSummary,
  createSummaryCounts,
  SUMMARY_MAX_UNSATISFIED,
} from './summaryCounts';
