import type { Entity } from '@backstage/catalog-model';
import type {
  ActualState,
  ClusterState,
  Decision,
  DerivedPlatform,
  DriftState,
  DecisionEvent,
  DecisionFilter,
  DecisionStatus,
  EvaluationResult,
  EvaluationSortField,
  EvaluationStatus,
  FleetRecommendation,
  MeshId,
  PlatformContextInput,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/**
 * An evaluation as the backend returns it: the engine's result plus when it
 * was stored and whether the sweep that stored it could read the catalog.
 * @public
 */
export type StoredEvaluation = EvaluationResult & {
  /** when the result was computed (ISO 8601) */
  evaluatedAt?: string;
  /**
   * metadata.etag of the catalog entity the result was computed from (null:
   * stored before this was recorded)
   */
  catalogVersion?: string | null;
  /** true when the last sweep could not read the catalog */
  stale?: boolean;
  /** true when evaluated on request rather than read from storage */
  live?: boolean;
};

// Decisions and the overview rows are shared with the backend (one
// definition in the common package).
export type {
  Decision,
  DecisionEvent,
  DecisionFilter,
  DecisionSnapshot,
  DecisionStatus,
  EvaluationPage,
  EvaluationRow,
  EvaluationSortField,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** Filters, sort and page of GET /evaluations. @public */
export type EvaluationListQuery = {
  owner?: string;
  system?: string;
  mesh?: MeshId;
  status?: EvaluationStatus;
  decision?: DecisionFilter;
  q?: string;
  sort?: EvaluationSortField;
  order?: 'asc' | 'desc';
  /** 1–500 */
  limit?: number;
  cursor?: string;
};

/** The last sweep of the catalog. @public */
export type SweepInfo = {
  startedAt: string;
  finishedAt: string | null;
  outcome: 'running' | 'succeeded' | 'failed';
  message: string | null;
  services: number | null;
};

/** The platform-level recommendation, as stored by the last sweep. @public */
export type PlatformSummary = FleetRecommendation & {
  /** how many services are unsatisfied in all (`unsatisfied` may be truncated) */
  unsatisfiedTotal?: number;
};

/** GET /summary. @public */
export type MeshAdvisorSummary = {
  total: number;
  byMesh: Record<string, number>;
  byStatus: Record<string, number>;
  stale: boolean;
  lastSweep: SweepInfo | null;
  lastSuccessAt?: string | null;
  platform: PlatformSummary | null;
};

/** GET /decisions/:id. @public */
export type DecisionWithEvents = Decision & { events: DecisionEvent[] };

/** POST /decisions. @public */
export type NewDecision = {
  entityRef: string;
  chosen: MeshId;
  title: string;
  context?: string;
  rationale: string;
  alternatives?: MeshId[];
};

/** POST /decisions/:id/transitions. @public */
export type DecisionTransition = {
  action: 'accept' | 'reject' | 'supersede';
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
  limit?: number;
  cursor?: string;
};

/** A page of GET /decisions, newest first. @public */
export type DecisionPage = {
  items: Decision[];
  nextCursor: string | null;
};

/** POST /evaluate (what-if on the server). @public */
export type EvaluateRequest = {
  entity: Entity;
  platform?: PlatformContextInput;
  callChainDepth?: number;
};

/**
 * GET /live/clusters: the last live pass over the clusters, the platform
 * derived from them, and counts of services per drift state and actual mesh.
 * @public
 */
export type LiveClusters = {
  /** when the last pass ran; null before the first one or without clusters */
  at: string | null;
  requests: number;
  clusters: ClusterState[];
  platform: DerivedPlatform | null;
  services: {
    /** services per drift state */
    drift?: Record<string, number>;
    /** services per actual mesh (`unknown`: no pods found) */
    mesh?: Record<string, number>;
    /** pods of the services counted under each actual mesh */
    pods?: Record<string, number>;
  };
};

/** Filters and page of GET /live/services. @public */
export type ActualStateQuery = {
  drift?: DriftState;
  mesh?: MeshId | 'unknown';
  stale?: boolean;
  /** 1–500 */
  limit?: number;
  cursor?: string;
};

/** A page of actual states. @public */
export type ActualStatePage = {
  items: ActualState[];
  nextCursor: string | null;
};
