import type { Requirements } from '../annotations';
import { CompiledKnowledgeBase, maskOf } from '../knowledgeBase/compile';
import { DEFAULT_WEIGHTS, PlatformContext, ScoreWeights } from '../platform';
import type { MeshId, OpsCapacity } from '../vocabulary';

/** How much mesh complexity (0–5) each declared ops capacity absorbs. */
export const CAPACITY_LEVEL: Record<OpsCapacity, number> = {
  low: 2,
  medium: 3,
  high: 5,
};

/**
 * One evaluation's inputs as plain numbers: what the scoring loop reads.
 * The sensitivity analysis copies and tweaks it to ask "what if".
 */
export interface Situation {
  req: number;
  pref: number;
  budgetMs: number;
  replicas: number;
  replicasDeclared: boolean;
  rps: number | null;
  capacity: OpsCapacity;
  capacityDeclared: boolean;
  cni: string;
  currentMesh: MeshId;
  serviceCount?: number;
  smallPlatformThreshold: number;
  weights: ScoreWeights;
  depth: number;
  deprecated: boolean;
}

export function buildSituation(
  r: Requirements,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
  depth: number,
  lifecycle: string | undefined,
): Situation {
  return {
    req: maskOf(r.requires),
    pref: maskOf(r.prefers),
    budgetMs: r.latencyBudgetMs ?? Infinity,
    replicas: r.replicas ?? 1,
    replicasDeclared: r.replicas !== undefined,
    rps: r.rps ?? null,
    capacity: r.opsCapacity ?? 'medium',
    capacityDeclared: r.opsCapacity !== undefined,
    cni: platform.cni,
    currentMesh: platform.currentMesh,
    serviceCount: platform.serviceCount,
    smallPlatformThreshold:
      platform.smallPlatformThreshold ?? ckb.smallPlatformThreshold,
    weights: { ...DEFAULT_WEIGHTS, ...platform.weights },
    depth: Math.max(1, Math.floor(depth) || 1),
    deprecated: lifecycle === 'deprecated',
  };
}
