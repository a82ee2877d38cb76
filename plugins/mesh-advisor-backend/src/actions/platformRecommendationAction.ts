import { MESH_IDS } from '@mesh-advisor/plugin-mesh-advisor-common';
import { summaryFor } from './readSummary';
import type { MeshAdvisorActionsOptions } from './types';

/** `get-platform-mesh-recommendation`: GET /summary's platform part for agents. */
export function registerPlatformRecommendationAction({
  actionsRegistry,
  evaluations,
}: MeshAdvisorActionsOptions) {
  actionsRegistry.register({
    name: 'get-platform-mesh-recommendation',
    title: 'Get the one service mesh that fits the whole platform',
    description: `The one mesh (or none) that fits the platform best across every evaluated service, as of the last catalog sweep: the pick with its confidence and a one-sentence why, every candidate with how many services it satisfies, the requirements it meets, partly meets or misses, the memory it would add and what adopting it means for the platform today (keep, adopt, mode-change, migrate, remove).
Also the platform's counts per recommended mesh and status. unsatisfiedTotal counts the services the pick leaves with unmet hard requirements; list-mesh-unsatisfied-services names them.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({}).strict(),
      output: z =>
        z.object({
          recommendation: z
            .object({
              mesh: z.enum(MESH_IDS),
              name: z.string(),
              confidence: z.enum(['high', 'medium', 'low']),
            })
            .passthrough()
            .nullable()
            .describe(
              'the pick, with its confidence and why; null before the first sweep or without services',
            ),
          explanation: z
            .string()
            .nullable()
            .describe("why the pick is not every service's own first choice"),
          ranking: z
            .array(
              z
                .object({
                  mesh: z.enum(MESH_IDS),
                  name: z.string(),
                  servicesSatisfied: z.number(),
                  requirementsMet: z.number(),
                  totalMemoryMiB: z.number(),
                  meanScore: z.number(),
                })
                .passthrough(),
            )
            .describe(
              'every candidate for the platform, best first: services it satisfies, requirements met, memory it adds, mean score',
            ),
          servicesConsidered: z.number(),
          unsatisfiedTotal: z.number(),
          counts: z.object({
            total: z.number(),
            byMesh: z.record(z.number()),
            byStatus: z.record(z.number()),
          }),
          lastSuccessAt: z.string().nullable(),
          stale: z.boolean().describe('the last sweep failed'),
        }),
    },
    action: async ({ credentials }) => {
      const s = await summaryFor(evaluations, credentials);
      const p = s.platform;
      return {
        output: {
          // passed through as stored: the fleet engine's fields are its own contract
          recommendation: p?.recommendation ?? null,
          explanation:
            (p as { explanation?: string | null } | null)?.explanation ?? null,
          ranking: p?.ranking ?? [],
          servicesConsidered: p?.servicesConsidered ?? 0,
          unsatisfiedTotal: p?.unsatisfiedTotal ?? 0,
          counts: { total: s.total, byMesh: s.byMesh, byStatus: s.byStatus },
          lastSuccessAt: s.lastSuccessAt,
          stale: s.stale,
        },
      };
    },
  });
}
