import type { DecisionStatus } from './decisions';
import type { Confidence, EvaluationStatus } from './engine/types';
import type { MeshId } from './vocabulary';

/**
 * The overview table as the REST API returns it (GET /evaluations): one
 * definition for the backend that pages it and the frontend that shows it.
 */

/** One service in the overview table. @public */
export type EvaluationRow = {
  entityRef: string;
  name: string;
  title?: string | null;
  owner?: string | null;
  system?: string | null;
  status: EvaluationStatus;
  recommendedMesh: MeshId | null;
  confidence: Confidence | null;
  score: number | null;
  issueCount: number;
  evaluatedAt: string;
  stale: boolean;
  /** the decision in force: the newest proposed or accepted one */
  decision?: { id: string; chosen: MeshId; status: DecisionStatus } | null;
};

/** Columns the overview table sorts by on the server. @public */
export type EvaluationSortField =
  | 'name'
  | 'mesh'
  | 'status'
  | 'score'
  | 'owner'
  | 'system'
  | 'evaluatedAt';

/**
 * none: no decision in force · differs: the decision in force differs from the
 * recommendation · proposed | accepted: a decision in that status.
 * @public
 */
export type DecisionFilter = 'none' | 'differs' | 'proposed' | 'accepted';

/** A page of GET /evaluations. @public */
export type EvaluationPage = {
  items: EvaluationRow[];
  totalCount: number;
  nextCursor: string | null;
};
