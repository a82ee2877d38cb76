import type { MeshId } from './vocabulary';

/**
 * Mesh adoption decisions as the REST API returns them: one definition for
 * the backend that stores them and the frontend that shows them.
 */

/** proposed → accepted | rejected; accepted → superseded. @public */
export type DecisionStatus =
  | 'proposed'
  | 'accepted'
  | 'rejected'
  | 'superseded';

/** @public */
export type DecisionEventType =
  | 'created'
  | 'accepted'
  | 'rejected'
  | 'superseded';

/** The evaluation a decision was made against. @public */
export type DecisionSnapshot = {
  engineVersion: string;
  knowledgeBaseVersion: string;
  recommendation: { mesh: MeshId; confidence: string; score: number } | null;
  scores: Partial<Record<MeshId, number>>;
  evaluatedAt: string | null;
  scope: 'service' | 'platform';
};

/** A recorded mesh adoption decision. @public */
export type Decision = {
  id: string;
  entityRef: string;
  chosen: MeshId;
  status: DecisionStatus;
  title: string;
  context: string;
  rationale: string;
  alternatives: MeshId[];
  author: string;
  createdAt: string;
  updatedAt: string;
  /** increases with every transition; send it back to transition */
  version: number;
  supersedes: string | null;
  supersededBy: string | null;
  snapshot: DecisionSnapshot | null;
};

/** One step of a decision's append-only history. @public */
export type DecisionEvent = {
  type: DecisionEventType;
  actor: string;
  at: string;
  fromStatus: DecisionStatus | null;
  toStatus: DecisionStatus;
  version: number;
  note: string | null;
};
