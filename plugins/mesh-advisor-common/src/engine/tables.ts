import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import type { ScoreWeights } from '../platform';
import type { OpsCapacity } from '../vocabulary';
import { cpuPer1k, serviceMemoryMiB } from './resources';

/*
 * The fits that depend on a candidate and the platform alone, and the
 * tables of them that are worked out once — per replica count or per
 * platform — because no what-if question about a service changes them.
 * The tables are flat arrays; read them through the accessors below.
 */

const REFERENCE_MEMORY_MIB = 100;
const REFERENCE_CPU_PER_1K = 0.5;

export const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** How much mesh complexity (0–5) each declared ops capacity absorbs. */
export const CAPACITY_LEVEL: Record<OpsCapacity, number> = {
  low: 2,
  medium: 3,
  high: 5,
};
const MAX_ABSORBED = 5;

/** The most mesh complexity a team absorbs: a service being retired is not worth operating much. */
export const absorbedComplexity = (
  capacity: OpsCapacity,
  deprecated: boolean,
) =>
  deprecated ? Math.min(CAPACITY_LEVEL[capacity], 2) : CAPACITY_LEVEL[capacity];

export function operationsFitAt(m: CompiledMesh, absorbs: number): number {
  const c = m.complexity;
  return clamp01(1 - 0.05 * c - (c > absorbs ? 0.3 * (c - absorbs) : 0));
}

export function platformFitOn(
  m: CompiledMesh,
  cni: string,
  current: CompiledMesh,
) {
  let fit: number;
  // the installed mesh's control plane runs already for either of its modes
  if (m.family & (1 << current.index)) fit = 1;
  else if (current.id === 'none') fit = m.id === 'none' ? 1 : 0.6;
  else fit = m.id === 'none' ? 0.5 : 0.3;
  // Cilium's data plane is already there when it is the CNI.
  if (m.requiresCni && cni === m.requiresCni) fit = Math.max(fit, 0.9);
  return fit;
}

/** Points a mode change or a second mesh costs with `current` installed (see `Adoption`). */
export function coherencePoints(
  m: CompiledMesh,
  current: CompiledMesh,
  ckb: CompiledKnowledgeBase,
): number {
  if (m === current || current.id === 'none' || m.id === 'none') return 0;
  return m.family & (1 << current.index)
    ? ckb.modeChangePoints
    : ckb.secondMeshPoints;
}

/** Memory and CPU fit of every candidate on both data-plane paths. */
export type ResourceFits = readonly number[];

// by mesh index, data-plane path, then memory or CPU
const fitAt = (m: CompiledMesh, waypoint: boolean) =>
  m.index * 4 + (waypoint ? 2 : 0);
export const memoryFit = (
  fits: ResourceFits,
  m: CompiledMesh,
  waypoint: boolean,
) => fits[fitAt(m, waypoint)];
export const cpuFit = (
  fits: ResourceFits,
  m: CompiledMesh,
  waypoint: boolean,
) => fits[fitAt(m, waypoint) + 1];

const fitsCache = new WeakMap<CompiledKnowledgeBase, ResourceFits[]>();
const CACHED_REPLICAS = 1024;

/**
 * The resource fits for `replicas` pods. They depend on the replicas alone,
 * so they are worked out once per replica count (the same few recur across
 * a catalog). Shared: read-only.
 */
export function resourceFits(
  replicas: number,
  ckb: CompiledKnowledgeBase,
): ResourceFits {
  let cache = fitsCache.get(ckb);
  if (!cache) fitsCache.set(ckb, (cache = []));
  const hit = replicas < CACHED_REPLICAS ? cache[replicas] : undefined;
  if (hit) return hit;
  const fits: number[] = [];
  for (const m of ckb.meshes) {
    for (const waypoint of [false, true]) {
      const mem = serviceMemoryMiB(m, replicas, waypoint, ckb);
      const cpu = cpuPer1k(m, waypoint);
      const perPod =
        mem === null
          ? ckb.neutral.memoryPerPodMiB
          : mem / Math.max(1, replicas);
      fits.push(
        clamp01(1 - perPod / REFERENCE_MEMORY_MIB),
        clamp01(1 - (cpu ?? ckb.neutral.cpuPer1k) / REFERENCE_CPU_PER_1K),
      );
    }
  }
  if (replicas < CACHED_REPLICAS && Number.isInteger(replicas))
    cache[replicas] = fits;
  return fits;
}

/**
 * The operations and platform parts of every candidate at every capacity
 * and current mesh, worked out once per platform: what the capacity and
 * current-mesh questions read (the same values the breakdown computes).
 */
export interface PartTables {
  meshes: number;
  /** by mesh and absorbed complexity */
  operations: Float64Array;
  /** by current mesh and mesh, on the platform's CNI */
  platform: Float64Array;
  /** coherence plus release-policy points, by current mesh and mesh */
  penalty: Float64Array;
}

export const operationsPoints = (
  t: PartTables,
  m: CompiledMesh,
  absorbs: number,
) => t.operations[m.index * (MAX_ABSORBED + 1) + absorbs];
export const platformPoints = (
  t: PartTables,
  current: number,
  m: CompiledMesh,
) => t.platform[current * t.meshes + m.index];
export const penaltyPoints = (
  t: PartTables,
  current: number,
  m: CompiledMesh,
) => t.penalty[current * t.meshes + m.index];

export function partTables(
  weights: ScoreWeights,
  cni: string,
  openSourceStableOnly: boolean,
  ckb: CompiledKnowledgeBase,
): PartTables {
  const n = ckb.meshes.length;
  const t: PartTables = {
    meshes: n,
    operations: new Float64Array(n * (MAX_ABSORBED + 1)),
    platform: new Float64Array(n * n),
    penalty: new Float64Array(n * n),
  };
  for (const m of ckb.meshes) {
    for (let absorbs = 0; absorbs <= MAX_ABSORBED; absorbs++)
      t.operations[m.index * (MAX_ABSORBED + 1) + absorbs] =
        weights.operations * operationsFitAt(m, absorbs);
    for (const current of ckb.meshes) {
      const at = current.index * n + m.index;
      t.platform[at] = weights.platform * platformFitOn(m, cni, current);
      t.penalty[at] =
        coherencePoints(m, current, ckb) +
        (openSourceStableOnly && m.vendorStable ? ckb.releasePolicyPoints : 0);
    }
  }
  return t;
}
