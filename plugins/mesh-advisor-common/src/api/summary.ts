import type { FleetRecommendation } from '../engine';

/**
 * The summary as the REST API returns it (GET /summary): one definition for
 * the backend that stores it once per sweep and the frontend that shows it.
 */

/** The platform-level recommendation, as stored by the last sweep. @public */
export type PlatformSummary = FleetRecommendation & {
  /** how many services are unsatisfied in all (`unsatisfied` may be truncated) */
  unsatisfiedTotal: number;
};

/** Counts and the platform pick, as a sweep stores them for GET /summary. @public */
export type StoredSummary = {
  total: number;
  /** services per recommended mesh */
  byMesh: Record<string, number>;
  /** services per evaluation status */
  byStatus: Record<string, number>;
  platform: PlatformSummary;
};

/** The last sweep of the catalog. @public */
export type SweepInfo = {
  startedAt: string;
  finishedAt: string | null;
  outcome: 'running' | 'succeeded' | 'failed';
  message: string | null;
  services: number | null;
};

/**
 * GET /summary: the last good sweep's counts and platform recommendation,
 * and how the last sweep went.
 * @public
 */
export type MeshAdvisorSummary = Omit<StoredSummary, 'platform'> & {
  /** the last sweep failed: the counts are older */
  stale: boolean;
  lastSweep: SweepInfo | null;
  lastSuccessAt: string | null;
  /** null before the first successful sweep */
  platform: PlatformSummary | null;
};
