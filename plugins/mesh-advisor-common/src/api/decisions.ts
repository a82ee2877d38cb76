import type { MeshId } from '../vocabulary';

/**
 * Mesh adoption decisions as the REST API (/decisions) takes and returns
 * them: one definition for the backend that stores them, the frontend that
 * shows them and the fakes that stand in for either.
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

/** GET /decisions/:id: a decision with its history, oldest event first. @public */
export type DecisionWithEvents = Decision & { events: DecisionEvent[] };

/** The body of POST /decisions, which files a decision (status proposed). @public */
export type NewDecision = {
  entityRef: string;
  chosen: MeshId;
  title: string;
  context?: string;
  rationale: string;
  alternatives?: MeshId[];
};

/** What a transition does to a decision (see {@link DECISION_TRANSITIONS}). @public */
export type DecisionAction = 'accept' | 'reject' | 'supersede';

/** The body of POST /decisions/:id/transitions. @public */
export type DecisionTransition = {
  action: DecisionAction;
  /** the version being edited; a stale one gets 409 */
  version: number;
  /** for supersede: the newer decision */
  supersededBy?: string;
  note?: string;
};

/** Filters and page of GET /decisions. @public */
export type DecisionListQuery = {
  entityRef?: string;
  status?: DecisionStatus;
  chosen?: MeshId;
  author?: string;
  /** 1–500 */
  limit?: number;
  cursor?: string;
};

/** A page of GET /decisions, newest first. @public */
export type DecisionPage = {
  items: Decision[];
  nextCursor: string | null;
  /**
   * true when the catalog could not be asked which entities the caller may
   * read, and the caller may read every one: the page comes from the store
   * alone
   */
  stale?: boolean;
};
