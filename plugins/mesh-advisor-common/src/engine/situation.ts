import type { Requirements } from '../annotations';
import {
  CAPABILITY_BIT,
  CompiledKnowledgeBase,
  maskOf,
} from '../knowledgeBase/compile';
import { DEFAULT_WEIGHTS, PlatformContext, ScoreWeights } from '../platform';
import type { MeshId, OpsCapacity } from '../vocabulary';
import { PartTables, ResourceFits, partTables, resourceFits } from './tables';

/**
 * One evaluation's inputs as plain numbers: what the scoring loop reads.
 * WhatWouldChange copies and tweaks it to ask "what if"; the
 * fields below the line are derived once and no question changes them.
 */
export interface Situation {
  req: number;
  pref: number;
  budgetMs: number;
  capacity: OpsCapacity;
  capacityDeclared: boolean;
  cni: string;
  currentMesh: MeshId;
  // ---- fixed for the whole evaluation
  /** capabilities the platform requires of every mesh (multi-cluster when it spans clusters) */
  platformReq: number;
  /** the platform runs only stable releases the open-source project ships */
  openSourceStableOnly: boolean;
  replicas: number;
  replicasDeclared: boolean;
  rps: number | null;
  serviceCount?: number;
  smallPlatformThreshold: number;
  weights: ScoreWeights;
  /** the weights' sum: the score's scale */
  weightSum: number;
  /** below the small-platform threshold */
  smallPlatform: boolean;
  depth: number;
  deprecated: boolean;
  /** memory and CPU fit per candidate and data-plane path (see resourceFits) */
  fits: ResourceFits;
  /** operations and platform parts at every capacity and current mesh (see partTables) */
  parts: PartTables;
}

/** The platform's share of every situation, worked out once per evaluator. */
export type PlatformSituation = Pick<
  Situation,
  | 'cni'
  | 'currentMesh'
  | 'platformReq'
  | 'openSourceStableOnly'
  | 'serviceCount'
  | 'smallPlatformThreshold'
  | 'weights'
  | 'weightSum'
  | 'smallPlatform'
  | 'parts'
>;

export function platformSituation(
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): PlatformSituation {
  const weights = { ...DEFAULT_WEIGHTS, ...platform.weights };
  const smallPlatformThreshold =
    platform.smallPlatformThreshold ?? ckb.smallPlatformThreshold;
  return {
    cni: platform.cni,
    currentMesh: platform.currentMesh,
    platformReq: platform.clusters > 1 ? CAPABILITY_BIT['multi-cluster'] : 0,
    openSourceStableOnly: platform.releasePolicy === 'open-source-stable',
    serviceCount: platform.serviceCount,
    smallPlatformThreshold,
    weights,
    weightSum:
      weights.requirements +
      weights.preferences +
      weights.overhead +
      weights.operations +
      weights.platform,
    smallPlatform:
      platform.serviceCount !== undefined &&
      platform.serviceCount < smallPlatformThreshold,
    parts: partTables(
      weights,
      platform.cni,
      platform.releasePolicy === 'open-source-stable',
      ckb,
    ),
  };
}

export function buildSituation(
  r: Requirements,
  p: PlatformSituation,
  ckb: CompiledKnowledgeBase,
  depth: number,
  lifecycle: string | undefined,
): Situation {
  const replicas = r.replicas ?? 1;
  return {
    req: maskOf(r.requires),
    pref: maskOf(r.prefers),
    budgetMs: r.latencyBudgetMs ?? Infinity,
    capacity: r.opsCapacity ?? 'medium',
    capacityDeclared: r.opsCapacity !== undefined,
    cni: p.cni,
    currentMesh: p.currentMesh,
    platformReq: p.platformReq,
    openSourceStableOnly: p.openSourceStableOnly,
    replicas,
    replicasDeclared: r.replicas !== undefined,
    rps: r.rps ?? null,
    serviceCount: p.serviceCount,
    smallPlatformThreshold: p.smallPlatformThreshold,
    weights: p.weights,
    weightSum: p.weightSum,
    smallPlatform: p.smallPlatform,
    depth: Math.max(1, Math.floor(depth) || 1),
    deprecated: lifecycle === 'deprecated',
    fits: resourceFits(replicas, ckb),
    parts: p.parts,
  };
}
