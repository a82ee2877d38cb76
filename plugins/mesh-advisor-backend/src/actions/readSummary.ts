import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { MeshAdvisorSummary } from '@mesh-advisor/plugin-mesh-advisor-common';
import type { EvaluationService } from '../service/evaluations';

/**
 * GET /summary as the caller sees it: the platform's counts, and only the
 * unsatisfied services they may read. Parsed from the cached body the
 * route sends, so the read-access rule is the route's own.
 */
export async function summaryFor(
  evaluations: EvaluationService,
  credentials: BackstageCredentials,
): Promise<MeshAdvisorSummary> {
  return JSON.parse((await evaluations.summaryJson(credentials)).json);
}
