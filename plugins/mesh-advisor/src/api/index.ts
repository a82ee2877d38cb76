export { meshAdvisorApiRef } from './MeshAdvisorApi';
export type { MeshAdvisorApi } from './MeshAdvisorApi';
export { MeshAdvisorClient } from './MeshAdvisorClient';
// The request and response types are the common package's, re-exported
// unchanged for callers of MeshAdvisorApi.
export type {
  ActualStatePage,
  ActualStateQuery,
  Decision,
  DecisionEvent,
  DecisionFilter,
  DecisionListQuery,
  DecisionPage,
  DecisionSnapshot,
  DecisionStatus,
  DecisionTransition,
  DecisionWithEvents,
  EvaluateRequest,
  EvaluationListQuery,
  EvaluationPage,
  EvaluationRow,
  EvaluationSortField,
  LiveClusters,
  MeshAdvisorSummary,
  NewDecision,
  StoredEvaluation,
  SweepInfo,
} from '@mesh-advisor/plugin-mesh-advisor-common';
