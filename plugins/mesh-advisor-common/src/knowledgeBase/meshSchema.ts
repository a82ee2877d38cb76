import { z } from 'zod';
import { overheadFigureSchema } from './figureSchema';
import { isoDate, sourceId } from './sourceSchema';

/** What a mesh's data plane costs: where its proxy runs, and its figures. */
export const overheadSchema = z.strictObject({
  /** where the proxy runs: one per pod, one per node, or nothing */
  placement: z.enum(['pod', 'node', 'none']),
  /** memory of one proxy (per pod for `pod`, per node for `node`) */
  memoryMiB: overheadFigureSchema,
  /** CPU of one proxy per 1000 requests per second through it */
  cpuVcpuPer1kRps: overheadFigureSchema,
  /** added latency per hop, with the L4-only data plane */
  p50Ms: overheadFigureSchema,
  p99Ms: overheadFigureSchema,
  /**
   * When an L7 proxy must be added (Istio ambient's waypoint): its own memory
   * and CPU (added to the L4 proxy's), and the p50 and p99 per hop of the
   * whole L7 path (used instead of `p50Ms` / `p99Ms`).
   */
  l7Proxy: z
    .strictObject({
      memoryMiB: overheadFigureSchema,
      cpuVcpuPer1kRps: overheadFigureSchema,
      p50Ms: overheadFigureSchema.optional(),
      p99Ms: overheadFigureSchema,
    })
    .optional(),
});

/** One mesh (or companion, or context row) of the knowledge base. */
export const meshSchema = z.strictObject({
  name: z.string().min(1),
  /** candidate: ranked by the engine · companion: suggested beside a mesh · context: shown for comparison only */
  role: z.enum(['candidate', 'companion', 'context']),
  version: z.string().min(1),
  released: isoDate.optional(),
  summary: z.string().min(1),
  license: z.strictObject({
    spdx: z.string(),
    note: z.string(),
    sources: z.array(sourceId).min(1),
  }),
  releaseModel: z.strictObject({
    note: z.string(),
    sources: z.array(sourceId).min(1),
    /**
     * Who ships the stable releases: the open-source project, or a vendor
     * under a subscription (the open-source project then ships only
     * previews). Scored under `platform.releasePolicy: open-source-stable`.
     */
    stableReleases: z.enum(['open-source', 'vendor-subscription']).optional(),
  }),
  /** 0 (nothing to run) … 5 (the most to operate) */
  operationalComplexity: z.strictObject({
    level: z.number().int().min(0).max(5),
    note: z.string(),
    sources: z.array(sourceId).min(1),
  }),
  /** the CNI the cluster must run, when the mesh is bound to one */
  requiresCni: z.string().optional(),
  overhead: overheadSchema.optional(),
  chooseWhen: z.array(z.string()).default([]),
  avoidWhen: z.array(z.string()).default([]),
  guidanceSources: z.array(sourceId).default([]),
});
