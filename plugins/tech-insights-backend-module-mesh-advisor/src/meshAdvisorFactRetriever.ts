import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import type { EvaluationPage } from '@mesh-advisor/plugin-mesh-advisor-common';

/** The id of the retriever, and the task that runs it. @public */
export const MESH_ADVISOR_FACT_RETRIEVER_ID = 'mesh-advisor';

/** Evaluations read per request from Mesh Advisor. */
const PAGE_SIZE = 500;

/**
 * Mesh Advisor's facts per service, taken from the evaluations its sweep
 * stored (`GET /api/mesh-advisor/evaluations`, page by page): nothing is
 * evaluated a second time.
 * @public
 */
export const meshAdvisorFactRetriever: FactRetriever = {
  id: MESH_ADVISOR_FACT_RETRIEVER_ID,
  version: '0.1.0',
  title: 'Mesh Advisor',
  description:
    'Service-mesh advice per service: whether it is available, whether the mesh-advisor.io/* annotations are valid, whether the recommended mesh meets every hard requirement, whether a decision is recorded, and the recommended mesh',
  entityFilter: [{ kind: 'component', 'spec.type': 'service' }],
  schema: {
    meshAdviceAvailable: {
      type: 'boolean',
      description:
        'Mesh Advisor evaluated the service (it did not opt out with mesh-advisor.io/exclude)',
    },
    annotationsValid: {
      type: 'boolean',
      description: 'Every mesh-advisor.io/* annotation is well-formed',
    },
    hardRequirementsMet: {
      type: 'boolean',
      description:
        'The recommended mesh meets every hard requirement (false when no candidate does, or the annotations must be fixed first)',
    },
    decisionRecorded: {
      type: 'boolean',
      description: 'An accepted mesh adoption decision is in force',
    },
    recommendedMesh: {
      type: 'string',
      description:
        'istio-ambient | istio-sidecar | linkerd | cilium | none; empty when there is no recommendation',
    },
  },
  async handler({ discovery, auth }): Promise<TechInsightFact[]> {
    const baseUrl = await discovery.getBaseUrl('mesh-advisor');
    const facts: TechInsightFact[] = [];
    let cursor: string | null = null;
    do {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'mesh-advisor',
      });
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (cursor) query.set('cursor', cursor);
      const res = await fetch(`${baseUrl}/evaluations?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw await ResponseError.fromResponse(res);
      const page = (await res.json()) as EvaluationPage;
      for (const row of page.items) {
        const { kind, namespace, name } = parseEntityRef(row.entityRef);
        facts.push({
          entity: { kind, namespace, name },
          facts: {
            meshAdviceAvailable: row.status !== 'excluded',
            annotationsValid: row.issueCount === 0,
            hardRequirementsMet: row.recommendedMesh !== null,
            decisionRecorded: row.decision?.status === 'accepted',
            recommendedMesh: row.recommendedMesh ?? '',
          },
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return facts;
  },
};
