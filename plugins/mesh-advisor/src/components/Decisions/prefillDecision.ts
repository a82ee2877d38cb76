import type { Entity } from '@backstage/catalog-model';
import type { StoredEvaluation } from '@mesh-advisor/plugin-mesh-advisor-common';
import type { DecisionDraft } from './validateDecision';

/** A draft decision that adopts the current recommendation, explained. */
export function prefillDecision(
  entity: Entity,
  evaluation: StoredEvaluation | undefined,
): DecisionDraft {
  const name = entity.metadata.title ?? entity.metadata.name;
  const rec = evaluation?.recommendation ?? null;
  const top = rec
    ? evaluation?.ranking.find(c => c.mesh === rec.mesh)
    : undefined;
  const reasons = (top?.reasons ?? [])
    .filter(r => r.effect === 'for')
    .slice(0, 3)
    .map(r => `- ${r.text}`);
  return {
    title: rec ? `Adopt ${rec.name} for ${name}` : '',
    chosen: rec?.mesh ?? '',
    context: rec
      ? `${rec.summary}\n\nMesh Advisor recommendation (${rec.confidence} confidence, score ${rec.score}/100; engine ${evaluation?.engineVersion}, knowledge base ${evaluation?.knowledgeBaseVersion}).`
      : '',
    rationale: reasons.join('\n'),
    alternatives: (evaluation?.ranking ?? [])
      .filter(c => !c.blocked && c.mesh !== rec?.mesh)
      .map(c => c.mesh)
      .slice(0, 5),
  };
}
