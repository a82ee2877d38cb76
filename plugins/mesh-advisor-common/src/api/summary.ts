import type { FleetRecommendation } from '../engine';

/**
 * The summary as the REST API returns it (GET /summary): one definition for
 * the backend that stores it once per sweep and the frontend that shows it.
 */

/** Counts and the platform pick, as a sweep stores them for GET /summary. @public */
export type StoredSummary = {
  total: number;
  /** services per recommended mesh */
  byMesh: Record<string, number>;
  /** services per evaluation status */
  byStatus: Record<string, number>;
  /** the platform-level recommendation; `unsatisfied` lists at most {@link SUMMARY_MAX_UNSATISFIED} */
  platform: FleetRecommendation;
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
  platform: FleetRecommendation | null;
};
