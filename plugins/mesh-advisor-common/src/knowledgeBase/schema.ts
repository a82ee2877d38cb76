import { z } from 'zod';
import { CAPABILITIES, COMPANION_IDS, MESH_IDS } from '../vocabulary';

/**
 * The knowledge base's shape. Every fact carries the source it comes from and
 * the version it holds for; a cell nobody sourced is `unknown`, never `yes`.
 */

const sourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a source id (kebab-case)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** A document a fact comes from. */
export const sourceSchema = z.strictObject({
  url: z.url(),
  title: z.string().min(1),
  /** docs: project docs · release: release notes · study: independent or reproducible study · vendor: written by a party with a commercial interest · secondary: third-party summary */
  kind: z.enum(['docs', 'release', 'study', 'vendor', 'secondary', 'issue']),
  published: isoDate.optional(),
  /** true when the source predates 2025 and may be out of date */
  stale: z.boolean().optional(),
});

/** yes · partial (with caveats, a one-line qualifier says which) · no · unknown (nobody sourced it) */
export const supportLevelSchema = z.enum(['yes', 'partial', 'no', 'unknown']);

/** How far upstream has taken the feature that provides a capability. */
export const maturityLevelSchema = z.enum([
  'stable',
  'beta',
  'alpha',
  'experimental',
]);

/** The maturity upstream gives the feature, with the page that says so. */
export const maturitySchema = z.strictObject({
  level: maturityLevelSchema,
  sources: z.array(sourceId).min(1),
  /** optional one line: which feature, if the cell's note does not say */
  note: z.string().min(1).optional(),
});

export const capabilityFactSchema = z.strictObject({
  level: supportLevelSchema,
  /** one line: how, or what is missing */
  note: z.string().min(1),
  sources: z.array(sourceId).min(1),
  /** the mesh version the fact holds for */
  version: z.string().min(1),
  /**
   * The feature's upstream maturity. A hard requirement met only by an
   * alpha or experimental feature costs score and confidence.
   */
  maturity: maturitySchema.optional(),
});

export const capabilitySchema = z.strictObject({
  label: z.string().min(1),
  description: z.string().min(1),
  /** 7 when the capability needs HTTP-aware (L7) processing, 4 otherwise */
  layer: z.union([z.literal(4), z.literal(7)]),
  support: z.record(z.string(), capabilityFactSchema),
});

/** A measured figure, with the conditions it was measured under. */
export const figureSchema = z.strictObject({
  /** null when no source gives the figure: the engine then says "unknown" */
  value: z.number().nonnegative().nullable(),
  unit: z.string().min(1),
  conditions: z.string().min(1),
  sources: z.array(sourceId).min(1),
  version: z.string().min(1),
});

/** measured: a study or the project measured it · estimated: worked out from other figures (the method says how) */
export const figureBasisSchema = z.enum(['measured', 'estimated']);

/**
 * An overhead figure: the value the engine scores, the range the sources
 * leave it in, and how it was obtained. A known figure must say all three,
 * with low ≤ value ≤ high; a null figure (no source gives it) needs none.
 */
export const overheadFigureSchema = figureSchema
  .extend({
    basis: figureBasisSchema.optional(),
    /** the lowest value the sources support (a latency budget blocks only below it) */
    low: z.number().nonnegative().optional(),
    /** the highest value the sources support */
    high: z.number().nonnegative().optional(),
    /** one line: how the value and the range were obtained */
    method: z.string().min(1).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.value === null) return;
    const need = (key: 'basis' | 'low' | 'high' | 'method') => {
      if (f[key] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `a known figure needs ${key}`,
        });
    };
    need('basis');
    need('low');
    need('high');
    need('method');
    if (
      f.low !== undefined &&
      f.high !== undefined &&
      !(f.low <= f.value && f.value <= f.high)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['low'],
        message: `the range must hold the value: low ${f.low} ≤ value ${f.value} ≤ high ${f.high}`,
      });
  });

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

export const disagreementSchema = z.strictObject({
  topic: z.string().min(1),
  /** the fact id it concerns, e.g. `capability.mirroring.linkerd` or `mesh.linkerd.overhead.p99Ms` */
  fact: z.string().min(1),
  claims: z
    .array(z.strictObject({ source: sourceId, says: z.string().min(1) }))
    .min(2),
  weUse: z.string().min(1),
  why: z.string().min(1),
});

export const guidanceSchema = z.strictObject({
  /** below this many services a mesh must earn its place */
  smallPlatformThreshold: figureSchema
    .omit({ unit: true })
    .extend({ unit: z.literal('services') }),
  /** assumed pods per node when attributing a per-node proxy's cost to one service */
  podsPerNode: figureSchema
    .omit({ unit: true })
    .extend({ unit: z.literal('pods') }),
});

/** A sourced cost the engine names (and scores) when advice crosses meshes. */
const coherenceCostSchema = z.strictObject({
  /** score points taken off the candidate that incurs it */
  points: z.number().min(0).max(100),
  /** one line: what it costs, shown as the reason */
  note: z.string().min(1),
  sources: z.array(sourceId).min(1),
});

/**
 * Platform coherence: which candidates are data-plane modes of one mesh
 * (one control plane, one trust domain), and what it costs to move a
 * service to the other mode, or to run a second mesh beside the installed one.
 */
export const coherenceSchema = z.strictObject({
  /** candidates that share a control plane and trust domain, e.g. istio: [istio-ambient, istio-sidecar] */
  families: z.record(z.string(), z.array(z.enum(MESH_IDS)).min(2)),
  /** moving a service to the other data-plane mode of the installed mesh */
  modeChange: coherenceCostSchema,
  /** running a second mesh beside the installed one for this service */
  secondMesh: coherenceCostSchema,
  /** the alternative to a second mesh: migrating the whole platform */
  migration: coherenceCostSchema.omit({ points: true }),
  /** a mesh whose stable releases need a subscription, on a platform whose policy is open-source stable releases */
  releasePolicy: coherenceCostSchema,
  /**
   * leaving a per-node mesh (a workload joins by label, no proxy in its pod):
   * no points — "no mesh" ranks after the installed mesh instead
   */
  leaveMesh: coherenceCostSchema.omit({ points: true }),
});

/** The knowledge base file: `data/knowledge-base.yaml`. @public */
export const knowledgeBaseSchema = z
  .strictObject({
    version: z
      .string()
      .regex(
        /^\d{4}\.\d{1,2}\.\d+(-[a-z0-9.-]+)?$/,
        'a version like 2026.11.0 or 2026.11.0-acme.1',
      ),
    asOf: isoDate,
    sources: z.record(sourceId, sourceSchema),
    meshes: z.record(z.enum([...MESH_IDS, ...COMPANION_IDS]), meshSchema),
    capabilities: z.record(z.enum(CAPABILITIES), capabilitySchema),
    guidance: guidanceSchema,
    coherence: coherenceSchema,
    disagreements: z.array(disagreementSchema).default([]),
  })
  .superRefine((kb, ctx) => {
    // Every fact's sources must exist, and every candidate must cover every capability.
    const known = new Set(Object.keys(kb.sources));
    const checkSources = (ids: string[], path: (string | number)[]) =>
      ids.forEach((id, i) => {
        if (!known.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, i],
            message: `unknown source "${id}"; add it under sources`,
          });
        }
      });
    for (const [meshId, mesh] of Object.entries(kb.meshes)) {
      checkSources(mesh.license.sources, [
        'meshes',
        meshId,
        'license',
        'sources',
      ]);
      checkSources(mesh.releaseModel.sources, [
        'meshes',
        meshId,
        'releaseModel',
        'sources',
      ]);
      checkSources(mesh.operationalComplexity.sources, [
        'meshes',
        meshId,
        'operationalComplexity',
        'sources',
      ]);
      checkSources(mesh.guidanceSources, ['meshes', meshId, 'guidanceSources']);
      if (mesh.overhead) {
        for (const key of [
          'memoryMiB',
          'cpuVcpuPer1kRps',
          'p50Ms',
          'p99Ms',
        ] as const) {
          checkSources(mesh.overhead[key].sources, [
            'meshes',
            meshId,
            'overhead',
            key,
            'sources',
          ]);
        }
      } else if (mesh.role === 'candidate') {
        ctx.addIssue({
          code: 'custom',
          path: ['meshes', meshId, 'overhead'],
          message: 'a candidate mesh needs overhead figures',
        });
      }
    }
    for (const meshId of MESH_IDS) {
      if (!kb.meshes[meshId]) {
        ctx.addIssue({
          code: 'custom',
          path: ['meshes', meshId],
          message: `the candidate "${meshId}" is missing`,
        });
      }
    }
    for (const [capId, cap] of Object.entries(kb.capabilities)) {
      for (const meshId of MESH_IDS) {
        if (!cap.support[meshId]) {
          ctx.addIssue({
            code: 'custom',
            path: ['capabilities', capId, 'support', meshId],
            message: `no fact for "${meshId}"; write level: unknown if nobody sourced it`,
          });
        }
      }
      for (const [meshId, fact] of Object.entries(cap.support)) {
        if (!kb.meshes[meshId as keyof typeof kb.meshes]) {
          ctx.addIssue({
            code: 'custom',
            path: ['capabilities', capId, 'support', meshId],
            message: `"${meshId}" is not a mesh of this knowledge base`,
          });
        }
        checkSources(fact.sources, [
          'capabilities',
          capId,
          'support',
          meshId,
          'sources',
        ]);
        if (fact.maturity)
          checkSources(fact.maturity.sources, [
            'capabilities',
            capId,
            'support',
            meshId,
            'maturity',
            'sources',
          ]);
      }
    }
    for (const cap of CAPABILITIES) {
      if (!kb.capabilities[cap]) {
        ctx.addIssue({
          code: 'custom',
          path: ['capabilities', cap],
          message: `the capability "${cap}" is missing`,
        });
      }
    }
    for (const key of [
      'modeChange',
      'secondMesh',
      'migration',
      'releasePolicy',
      'leaveMesh',
    ] as const)
      checkSources(kb.coherence[key].sources, ['coherence', key, 'sources']);
    const inFamily = new Set<string>();
    for (const [family, members] of Object.entries(kb.coherence.families))
      members.forEach((mesh, i) => {
        if (inFamily.has(mesh) || mesh === 'none')
          ctx.addIssue({
            code: 'custom',
            path: ['coherence', 'families', family, i],
            message: `"${mesh}" cannot be in a family (no mesh, or already in another)`,
          });
        inFamily.add(mesh);
      });
    kb.disagreements.forEach((d, i) =>
      d.claims.forEach((c, j) =>
        checkSources([c.source], ['disagreements', i, 'claims', j, 'source']),
      ),
    );
  });

/** @public */
export type KnowledgeBase = z.infer<typeof knowledgeBaseSchema>;
/** @public */
export type MeshFacts = z.infer<typeof meshSchema>;
/** @public */
export type CapabilityFact = z.infer<typeof capabilityFactSchema>;
/** @public */
export type SupportLevel = z.infer<typeof supportLevelSchema>;
/** @public */
export type MaturityLevel = z.infer<typeof maturityLevelSchema>;
/** @public */
export type Figure = z.infer<typeof figureSchema>;
/** @public */
export type OverheadFigure = z.infer<typeof overheadFigureSchema>;
/** @public */
export type FigureBasis = z.infer<typeof figureBasisSchema>;
/** @public */
export type Source = z.infer<typeof sourceSchema>;
