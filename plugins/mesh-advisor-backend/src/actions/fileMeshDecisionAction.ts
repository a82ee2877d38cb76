import { MESH_IDS } from '@mesh-advisor/plugin-mesh-advisor-common';
import { serviceRef } from './entityRefInput';
import { inputText } from './inputText';
import type { MeshAdvisorActionsOptions } from './types';

/**
 * `file-mesh-decision`: POST /decisions for agents and templates. The
 * decision service checks `mesh-advisor.decision.create` on the entity with
 * the caller's own credentials, exactly as for the REST route.
 */
export function registerFileMeshDecisionAction({
  actionsRegistry,
  decisions,
}: MeshAdvisorActionsOptions) {
  actionsRegistry.register({
    name: 'file-mesh-decision',
    title: 'File a service mesh adoption decision',
    description: `Records a proposed mesh adoption decision ("payments-api adopts Linkerd") for a service, a system or a group, in the caller's name, with the advice it was made against. It starts as "proposed"; an owner accepts or rejects it in Mesh Advisor.
This writes to Mesh Advisor's decision log: confirm the mesh, title and rationale with the user before calling it. Only users may file decisions, and only where the permission policy allows them (usually the entity's owners); otherwise the call is refused.
Check get-mesh-advice first; a decision that differs from the recommendation should say why in its rationale.`,
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: {
      input: z =>
        z
          .object({
            entityRef: inputText(z, 500).describe(
              'What the decision is about: component:default/payments-api (or payments-api), system:default/payments, group:default/payments-team',
            ),
            chosen: z
              .enum(MESH_IDS)
              .describe('The mesh adopted (none: no mesh)'),
            title: inputText(z, 200).describe(
              'One line, e.g. "payments-api adopts Linkerd"',
            ),
            rationale: inputText(z, 20_000).describe('Why this mesh'),
            context: inputText(z, 20_000)
              .optional()
              .describe('The situation the decision answers'),
            alternatives: z
              .array(z.enum(MESH_IDS))
              .max(MESH_IDS.length)
              .optional()
              .describe('The meshes considered and not chosen'),
          })
          .strict(),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          chosen: z.enum(MESH_IDS),
          status: z.string(),
          title: z.string(),
          author: z.string(),
          version: z.number(),
          createdAt: z.string(),
          recommendedAtFiling: z
            .string()
            .nullable()
            .describe('the mesh Mesh Advisor recommended when it was filed'),
        }),
    },
    examples: [
      {
        title: 'payments-api adopts Linkerd',
        input: {
          entityRef: 'component:default/payments-api',
          chosen: 'linkerd',
          title: 'payments-api adopts Linkerd',
          rationale:
            'mTLS and golden metrics with the least overhead within the 2 ms budget.',
          alternatives: ['istio-ambient'],
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const d = await decisions.create(
        { ...input, entityRef: serviceRef(input.entityRef) },
        credentials,
      );
      return {
        output: {
          id: d.id,
          entityRef: d.entityRef,
          chosen: d.chosen,
          status: d.status,
          title: d.title,
          author: d.author,
          version: d.version,
          createdAt: d.createdAt,
          recommendedAtFiling: d.snapshot?.recommendation?.mesh ?? null,
        },
      };
    },
  });
}
