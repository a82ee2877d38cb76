import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  buildSummary,
  Decision,
  DecisionEvent,
  evaluateEntity,
  EvaluationRow,
  loadKnowledgeBase,
  MeshAdvisorSummary,
  PlatformContextInput,
  recommendForPlatform,
  StoredEvaluation,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { serviceEntities } from './testEntities';

/** The platform the fixtures were evaluated on (as in app-config.yaml). */
export const FIXTURE_PLATFORM: PlatformContextInput = {
  cni: 'cilium',
  currentMesh: 'none',
  clusters: 2,
  serviceCount: 40,
};

export const FIXTURE_EVALUATED_AT = '2026-11-20T10:00:00.000Z';
export const FIXTURE_KNOWLEDGE_BASE = loadKnowledgeBase();

/** The real engine's result for an entity, as the backend stores it. */
export function evaluationFixture(
  entity: Entity,
  extra: Partial<StoredEvaluation> = {},
): StoredEvaluation {
  const result = evaluateEntity(entity, {
    knowledgeBase: FIXTURE_KNOWLEDGE_BASE,
    platform: FIXTURE_PLATFORM,
    callChainDepth: 2,
  });
  // Through JSON, as over the wire (drops undefined fields).
  return JSON.parse(
    JSON.stringify({
      ...result,
      evaluatedAt: FIXTURE_EVALUATED_AT,
      stale: false,
      ...extra,
    }),
  );
}

/** The overview row the backend derives from an entity and its result. */
export function rowFixture(
  entity: Entity,
  evaluation: StoredEvaluation,
  decision: EvaluationRow['decision'] = null,
): EvaluationRow {
  const spec = entity.spec as { owner?: string; system?: string };
  return {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
    title: entity.metadata.title ?? null,
    owner: spec.owner ?? null,
    system: spec.system ?? null,
    status: evaluation.status,
    recommendedMesh: evaluation.recommendation?.mesh ?? null,
    confidence: evaluation.recommendation?.confidence ?? null,
    score: evaluation.recommendation?.score ?? null,
    issueCount: evaluation.issues.length,
    evaluatedAt: evaluation.evaluatedAt,
    stale: evaluation.stale,
    decision,
  };
}

/** Counts and the platform pick, as the sweep stores them (the same builder). */
export function summaryFixture(
  evaluations: StoredEvaluation[],
): MeshAdvisorSummary {
  const fleet = recommendForPlatform(FIXTURE_KNOWLEDGE_BASE, evaluations);
  return JSON.parse(
    JSON.stringify({
      ...buildSummary(evaluations, fleet),
      stale: false,
      lastSweep: {
        startedAt: '2026-11-20T09:59:00.000Z',
        finishedAt: FIXTURE_EVALUATED_AT,
        outcome: 'succeeded',
        message: null,
        services: evaluations.length,
      },
      lastSuccessAt: FIXTURE_EVALUATED_AT,
    }),
  );
}

/** A uuid-shaped id, deterministic for tests. */
export function fixtureId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A decision as the backend returns it. */
export function decisionFixture(overrides: Partial<Decision> = {}): Decision {
  return {
    id: fixtureId(1),
    entityRef: 'component:default/checkout',
    chosen: 'linkerd',
    status: 'proposed',
    title: 'Adopt Linkerd for checkout',
    context: 'We need mTLS and canaries.',
    rationale: '- Meets mtls and traffic-split\n- Lowest latency',
    alternatives: ['istio-ambient'],
    author: 'user:default/jane',
    createdAt: '2026-11-18T09:00:00.000Z',
    updatedAt: '2026-11-18T09:00:00.000Z',
    version: 1,
    supersedes: null,
    supersededBy: null,
    snapshot: {
      engineVersion: '1.0.0',
      knowledgeBaseVersion: FIXTURE_KNOWLEDGE_BASE.version,
      recommendation: { mesh: 'linkerd', confidence: 'medium', score: 88 },
      scores: { linkerd: 88, 'istio-ambient': 82 },
      evaluatedAt: FIXTURE_EVALUATED_AT,
      scope: 'service',
    },
    ...overrides,
  };
}

/** The "created" event every decision starts with. */
export function createdEvent(d: Decision): DecisionEvent {
  return {
    type: 'created',
    actor: d.author,
    at: d.createdAt,
    fromStatus: null,
    toStatus: 'proposed',
    version: 1,
    note: null,
  };
}

/** Evaluations of every test entity, by entity ref. */
export function evaluationsByRef(
  entities: Entity[] = serviceEntities,
): Record<string, StoredEvaluation> {
  return Object.fromEntries(
    entities.map(e => [stringifyEntityRef(e), evaluationFixture(e)]),
  );
}
