import type { EvaluationResult, FleetRecommendation } from '../engine';
import { MESH_IDS } from '../vocabulary';
import type { StoredSummary } from './summary';

/**
 * How many unsatisfied services a stored summary lists at most (its
 * `unsatisfiedTotal` counts them all); a sweep can bound its fleet
 * accumulator to it.
 * @public
 */
export const SUMMARY_MAX_UNSATISFIED = 500;

/**
 * Counts kept as a streamed sweep evaluates, page by page; `summary` closes
 * them with the platform recommendation.
 * @public
 */
export function createSummaryCounts(): {
  add(result: EvaluationResult): void;
  summary(fleet: FleetRecommendation): StoredSummary;
} {
  let total = 0;
  const byMesh: Record<string, number> = Object.fromEntries(
    MESH_IDS.map(m => [m, 0]),
  );
  const byStatus: Record<string, number> = {
    evaluated: 0,
    excluded: 0,
    invalid: 0,
  };
  return {
    add(r) {
      total++;
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (r.recommendation) byMesh[r.recommendation.mesh]++;
    },
    summary: fleet => ({
      total,
      byMesh,
      byStatus,
      platform: {
        ...fleet,
        unsatisfied: fleet.unsatisfied.slice(0, SUMMARY_MAX_UNSATISFIED),
      },
    }),
  };
}

/**
 * Counts and the platform recommendation of a set of results, as a sweep
 * stores them so GET /summary is one read.
 * @public
 */
export function buildSummary(
  results: EvaluationResult[],
  fleet: FleetRecommendation,
): StoredSummary {
  const counts = createSummaryCounts();
  for (const r of results) counts.add(r);
  return counts.summary(fleet);
}
