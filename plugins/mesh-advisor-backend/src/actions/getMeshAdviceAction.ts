import { adviceSchema, toAdvice } from './adviceOutput';
import { inputText } from './inputText';
import { parseServiceRef } from './entityRefInput';
import type { MeshAdvisorActionsOptions } from './types';

/** `get-mesh-advice`: GET /entities/:namespace/:kind/:name/evaluation for agents. */
export function registerGetMeshAdviceAction({
  actionsRegistry,
  evaluations,
}: MeshAdvisorActionsOptions) {
  actionsRegistry.register({
    name: 'get-mesh-advice',
    title: 'Get service mesh advice for a service',
    description: `Which service mesh fits one service of the software catalog — Istio (ambient or sidecar), Linkerd, Cilium, or no mesh — and why.
Returns the recommended mesh with its confidence, every candidate ranked with the hard blockers that rule it out (each with its cited sources), the estimated overhead, the reasons for the pick with sources, malformed mesh-advisor.io/* annotations with their fixes, and the smallest changes that would flip the answer ("whatWouldChange").
The advice is the one stored by the last catalog sweep (see evaluatedAt; stale: true means the last sweep failed); pass live: true to evaluate the entity as it is now.
Only services (Components of type service) the caller may read in the catalog are answered; others are reported as not found.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: inputText(z, 500).describe(
            'The service, as an entity reference: component:default/payments-api, or just payments-api',
          ),
          live: z
            .boolean()
            .optional()
            .describe(
              'Evaluate now instead of returning the stored advice (default false)',
            ),
        }),
      output: adviceSchema,
    },
    examples: [
      {
        title: 'Advice for payments-api',
        input: { entityRef: 'component:default/payments-api' },
      },
    ],
    action: async ({ input, credentials }) => {
      const evaluation = await evaluations.forEntity(
        parseServiceRef(input.entityRef),
        input.live === true,
        credentials,
      );
      return { output: toAdvice(evaluation) };
    },
  });
}
