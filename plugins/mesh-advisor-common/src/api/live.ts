import type { MeshId } from '../vocabulary';
import type {
  ActualState,
  ClusterState,
  DerivedPlatform,
  DriftState,
} from '../live';

/**
 * The live-state API (/live) as the backend returns it; the states
 * themselves are declared beside the drift vocabulary in `live.ts`.
 */

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
  /** the mesh most of its pods run; unknown for services without pods */
  mesh?: MeshId | 'unknown';
  stale?: boolean;
  /** 1–500 */
  limit?: number;
  cursor?: string;
};

/** A page of GET /live/services, by entity ref. @public */
export type ActualStatePage = {
  items: ActualState[];
  nextCursor: string | null;
};
