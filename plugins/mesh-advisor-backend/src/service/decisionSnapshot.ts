import {
  DecisionSnapshot,
  ENGINE_VERSION,
  KnowledgeBase,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { EvaluationStore } from '../database/EvaluationStore';

/** The platform recommendation as a sweep stores it in its summary. */
type StoredPlatform = {
  recommendation: { mesh: MeshId; confidence: string } | null;
  ranking: { mesh: MeshId; meanScore: number }[];
};

/**
 * What Mesh Advisor advised for the entity at the time of filing: a
 * service's stored evaluation, or for a system or group (deciding for many
 * services) the platform-level advice of the last successful sweep. Null
 * when there is none yet.
 */
export async function adviceSnapshot(
  deps: {
    evaluations: Pick<EvaluationStore, 'get' | 'lastSuccessfulSweep'>;
    knowledgeBase: KnowledgeBase;
  },
  entityRef: string,
  kind: string,
): Promise<DecisionSnapshot | null> {
  if (kind === 'component') {
    const evaluation = await deps.evaluations.get(entityRef);
    if (!evaluation) return null;
    return {
      engineVersion: evaluation.engineVersion,
      knowledgeBaseVersion: evaluation.knowledgeBaseVersion,
      recommendation: evaluation.recommendation
        ? {
            mesh: evaluation.recommendation.mesh,
            confidence: evaluation.recommendation.confidence,
            score: evaluation.recommendation.score,
          }
        : null,
      scores: Object.fromEntries(
        evaluation.ranking.map(c => [c.mesh, c.score]),
      ),
      evaluatedAt: evaluation.evaluatedAt,
      scope: 'service',
    };
  }
  const sweep = await deps.evaluations.lastSuccessfulSweep();
  const platform = (
    sweep?.summary as { platform?: StoredPlatform } | null | undefined
  )?.platform;
  if (!sweep || !platform) return null;
  const top = platform.recommendation;
  return {
    // The stored sweep summary does not record versions; the sweep ran this process's engine and knowledge base.
    engineVersion: ENGINE_VERSION,
    knowledgeBaseVersion: deps.knowledgeBase.version,
    recommendation: top
      ? {
          mesh: top.mesh,
          confidence: top.confidence,
          score:
            platform.ranking.find(c => c.mesh === top.mesh)?.meanScore ?? 0,
        }
      : null,
    scores: Object.fromEntries(
      platform.ranking.map(c => [c.mesh, c.meanScore]),
    ),
    evaluatedAt: sweep.finishedAt,
    scope: 'platform',
  };
}
