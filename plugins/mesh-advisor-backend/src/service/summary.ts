import type {
  EvaluationResult,
  FleetRecommendation,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { MESH_IDS } from '@mesh-advisor/plugin-mesh-advisor-common';

/** How many unsatisfied services the stored summary lists at most. */
const MAX_UNSATISFIED = 500;

export type StoredSummary = {
  total: number;
  byMesh: Record<string, number>;
  byStatus: Record<string, number>;
  platform: FleetRecommendation & { unsatisfiedTotal: number };
};

/** Counts kept as a streamed sweep evaluates, page by page. */
export function createSummaryCounts() {
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
    add(r: EvaluationResult) {
      total++;
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (r.recommendation) byMesh[r.recommendation.mesh]++;
    },
    summary: (fleet: FleetRecommendation) =>
      countedSummary(total, byMesh, byStatus, fleet),
  };
}

/** Counts and the platform recommendation, computed once per sweep so GET /summary is one read. */
export function buildSummary(
  results: EvaluationResult[],
  fleet: FleetRecommendation,
): StoredSummary {
  const counts = createSummaryCounts();
  for (const r of results) counts.add(r);
  return counts.summary(fleet);
}

function countedSummary(
  total: number,
  byMesh: Record<string, number>,
  byStatus: Record<string, number>,
  fleet: FleetRecommendation,
): StoredSummary {
  return {
    total,
    byMesh,
    byStatus,
    platform: {
      ...fleet,
      unsatisfied: fleet.unsatisfied.slice(0, MAX_UNSATISFIED),
      unsatisfiedTotal: fleet.unsatisfied.length,
    },
  };
}
