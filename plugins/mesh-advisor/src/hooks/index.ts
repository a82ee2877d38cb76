export { useEntityEvaluation } from './useEntityEvaluation';
export type { EntityEvaluationState } from './useEntityEvaluation';
export { useEvaluations } from './useEvaluations';
export type { EvaluationFilters } from './useEvaluations';
export { useSummary } from './useSummary';
export {
  useEntityDecisions,
  useDecision,
  useDecisionList,
  decisionInForce,
} from './useDecisions';
export { useKnowledgeBase } from './useKnowledgeBase';
export { useWhatIf } from './useWhatIf';
export { useMeshTabLink } from './useMeshTabLink';
