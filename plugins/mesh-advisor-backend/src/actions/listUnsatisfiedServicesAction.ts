import { MESH_IDS } from '@mesh-advisor/plugin-mesh-advisor-common';
import { inputText } from './inputText';
import { summaryFor } from './readSummary';
import type { MeshAdvisorActionsOptions } from './types';

/**
 * `list-mesh-unsatisfied-services`: the overview's "left unsatisfied" list,
 * with the REST list's filters and keyset paging.
 */
export function registerListUnsatisfiedServicesAction({
  actionsRegistry,
  evaluations,
}: MeshAdvisorActionsOptions) {
  actionsRegistry.register({
    name: 'list-mesh-unsatisfied-services',
    title: 'List services the platform mesh leaves unsatisfied',
    description: `Lists the services whose hard requirements the mesh recommended for the whole platform does not meet (see get-platform-mesh-recommendation), with the requirements each one misses.
Filters: owner (group:default/payments-team or payments-team), system (system:default/payments or payments), mesh (only services whose own best fit is this mesh). Paged: pass the returned nextCursor to get the next page; it is null on the last page.
Only services the caller may read in the catalog are listed. Use get-mesh-advice on an entry for the full advice.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            owner: inputText(z, 500).optional().describe('Owning group'),
            system: inputText(z, 500).optional().describe('System'),
            mesh: z
              .enum(MESH_IDS)
              .optional()
              .describe('Only services whose own best fit is this mesh'),
            limit: z
              .number()
              .int()
              .min(1)
              .max(100)
              .optional()
              .describe('Page size, 1–100 (default 25)'),
            cursor: inputText(z, 2000)
              .optional()
              .describe('nextCursor of the previous page'),
          })
          .strict(),
      output: z =>
        z.object({
          platformMesh: z
            .object({ mesh: z.enum(MESH_IDS), name: z.string() })
            .nullable()
            .describe(
              'the platform recommendation the list is about; null before the first sweep',
            ),
          items: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string().nullable(),
              owner: z.string().nullable(),
              system: z.string().nullable(),
              ownBestFit: z.enum(MESH_IDS).nullable(),
              missing: z
                .array(z.string())
                .describe(
                  'the hard requirements the platform mesh does not meet',
                ),
              decision: z
                .object({
                  id: z.string(),
                  chosen: z.string(),
                  status: z.string(),
                })
                .nullable(),
            }),
          ),
          totalCount: z.number(),
          nextCursor: z.string().nullable(),
        }),
    },
    action: async ({ input, credentials }) => {
      const summary = await summaryFor(evaluations, credentials);
      const top = summary.platform?.recommendation;
      const missing = new Map(
        (summary.platform?.unsatisfied ?? []).map(u => [
          u.entityRef.toLowerCase(),
          u.missing,
        ]),
      );
      if (!top || missing.size === 0)
        return {
          output: {
            platformMesh: top ? { mesh: top.mesh, name: top.name } : null,
            items: [],
            totalCount: 0,
            nextCursor: null,
          },
        };
      // the summary already names only what the caller may read
      const page = await evaluations.list({
        owner: input.owner,
        system: input.system,
        mesh: input.mesh,
        onlyRefs: [...missing.keys()],
        sort: 'name',
        order: 'asc',
        limit: input.limit ?? 25,
        cursor: input.cursor,
      });
      return {
        output: {
          platformMesh: { mesh: top.mesh, name: top.name },
          items: page.items.map(row => ({
            entityRef: row.entityRef,
            title: row.title ?? null,
            owner: row.owner ?? null,
            system: row.system ?? null,
            ownBestFit: row.recommendedMesh,
            missing: missing.get(row.entityRef.toLowerCase()) ?? [],
            decision: row.decision ?? null,
          })),
          totalCount: page.totalCount,
          nextCursor: page.nextCursor,
        },
      };
    },
  });
}
