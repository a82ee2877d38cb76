/**
 * Mesh Advisor: which service mesh fits each catalog service, why, at what
 * cost, and the adoption decisions teams recorded.
 *
 * @packageDocumentation
 */
export {
  meshAdvisorPlugin,
  MeshAdvisorPage,
  EntityMeshAdvisorContent,
  EntityMeshAdvisorCard,
  EntityMeshActualStateCard,
} from './plugin';
export { ActualStateCard } from './components/ActualState';
export { EntityMeshScorecard, MeshScorecard } from './components/Scorecard';
export type { ScorecardCheckResult } from './components/Scorecard';
export { isMeshAdvisorAvailable } from './isMeshAdvisorAvailable';
export { meshAdvisorApiRef, MeshAdvisorClient } from './api';
export type {
  MeshAdvisorApi,
  StoredEvaluation,
  EvaluationRow,
  EvaluationSortField,
  EvaluationListQuery,
  EvaluationPage,
  DecisionFilter,
  SweepInfo,
  MeshAdvisorSummary,
  DecisionStatus,
  DecisionSnapshot,
  Decision,
  DecisionEvent,
  DecisionWithEvents,
  NewDecision,
  DecisionTransition,
  DecisionListQuery,
  DecisionPage,
  EvaluateRequest,
} from './api';
