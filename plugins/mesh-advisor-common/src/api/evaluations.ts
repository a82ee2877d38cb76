import type { Entity } from '@backstage/catalog-model';
import type {
  Confidence,
  EvaluationResult,
  EvaluationStatus,
} from '../engine/types';
import type { PlatformContextInput } from '../platform';
import type { MeshId } from '../vocabulary';
import type { DecisionStatus } from './decisions';

/**
 * Evaluations as the REST API returns them (one entity's, and the overview
 * table of GET /evaluations): one definition for the backend that stores and
 * pages them and the frontend that shows them.
 */

/**
 * An evaluation as the backend returns it: the engine's result plus when it
 * was computed and whether the sweep that stored it could read the catalog.
 * @public
 */
export type StoredEvaluation = EvaluationResult & {
  /** when the result was computed (ISO 8601): by a sweep, a catalog change or on request */
  evaluatedAt: string;
  /** true when the last sweep could not read the catalog */
  stale: boolean;
  /**
   * metadata.etag of the catalog entity the result was computed from (null:
   * stored before this was recorded; absent from what-if evaluations)
   */
  catalogVersion?: string | null;
  /** true when evaluated on request rather than read from storage */
  live?: boolean;
};

/** The body of POST /evaluate: evaluates an entity without storing anything (what-if). @public */
export type EvaluateRequest = {
  entity: Entity;
  platform?: PlatformContextInput;
  /** 1–100; default 1 */
  callChainDepth?: number;
};

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
 * The `decision` filter of GET /evaluations. none: no decision in force · differs: the decision in force differs from the
 * recommendation · proposed | accepted: a decision in that status.
 * @public
 */
export type DecisionFilter = 'none' | 'differs' | 'proposed' | 'accepted';

/** Filters, sort and page of GET /evaluations. @public */
export type EvaluationListQuery = {
  owner?: string;
  system?: string;
  /** the recommended mesh */
  mesh?: MeshId;
  status?: EvaluationStatus;
  decision?: DecisionFilter;
  /** text to find in the name, title, owner, system, description or tags */
  q?: string;
  sort?: EvaluationSortField;
  order?: 'asc' | 'desc';
  /** 1–500 */
  limit?: number;
  cursor?: string;
};

/** A page of GET /evaluations. @public */
export type EvaluationPage = {
  items: EvaluationRow[];
  totalCount: number;
  nextCursor: string | null;
};
