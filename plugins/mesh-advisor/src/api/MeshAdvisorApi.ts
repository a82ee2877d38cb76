import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ActualStatePage,
  ActualStateQuery,
  Decision,
  DecisionListQuery,
  DecisionPage,
  DecisionTransition,
  DecisionWithEvents,
  EvaluateRequest,
  EvaluationListQuery,
  EvaluationPage,
  KnowledgeBase,
  LiveClusters,
  MeshAdvisorSummary,
  NewDecision,
  StoredEvaluation,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/**
 * The Mesh Advisor backend (`/api/mesh-advisor`). Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an
 * error status.
 * @public
 */
export interface MeshAdvisorApi {
  /** The stored evaluation of an entity; `live: true` evaluates it now. */
  getEntityEvaluation(
    entityRef: CompoundEntityRef | string,
    options?: { live?: boolean },
  ): Promise<StoredEvaluation>;
  /** A page of stored evaluations, filtered and sorted on the server. */
  listEvaluations(query?: EvaluationListQuery): Promise<EvaluationPage>;
  /** Counts per mesh and status, and the platform-level recommendation. */
  getSummary(): Promise<MeshAdvisorSummary>;
  /** Evaluates an entity without storing anything. */
  evaluate(request: EvaluateRequest): Promise<StoredEvaluation>;
  /** The knowledge base the backend uses. */
  getKnowledgeBase(): Promise<KnowledgeBase>;
  /** A page of decisions, newest first. */
  listDecisions(query?: DecisionListQuery): Promise<DecisionPage>;
  /** One decision with its event history. */
  getDecision(id: string): Promise<DecisionWithEvents>;
  /** Files a decision (status proposed). */
  createDecision(decision: NewDecision): Promise<Decision>;
  /** Accepts, rejects or supersedes a decision. */
  transitionDecision(
    id: string,
    transition: DecisionTransition,
  ): Promise<Decision>;
  /** The decision as a MADR markdown document. */
  getDecisionAdr(id: string): Promise<string>;
  /** The last live pass over the clusters, with counts per drift state and mesh. */
  getLiveClusters(): Promise<LiveClusters>;
  /** A page of actual states (what services run), filtered on the server. */
  listActualStates(query?: ActualStateQuery): Promise<ActualStatePage>;
}

/** @public */
export const meshAdvisorApiRef = createApiRef<MeshAdvisorApi>({
  id: 'plugin.mesh-advisor.service',
});
