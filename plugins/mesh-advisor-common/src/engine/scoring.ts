import {
  CompiledKnowledgeBase,
  CompiledMesh,
  popcount,
} from '../knowledgeBase/compile';
import { bitIndex, lowestBit, withoutLowestBit } from './bits';
import { agentPaid, needsL7Proxy, requiredOf } from './constraints';
import type { Situation } from './situation';
import {
  absorbedComplexity,
  clamp01,
  coherencePoints,
  cpuFit,
  memoryFit,
  operationsFitAt,
  penaltyPoints,
  platformFitOn,
} from './tables';
import type { Adoption, ScoreBreakdown } from './types';

/**
 * Scoring: each part is a fit between 0 and 1, times its weight.
 *  - requirements: every partly supported requirement costs 20 % of the part,
 *    every unverified one 35 %, and one met only by an alpha or experimental
 *    feature 15 % more (a mesh on a multi-cluster platform is held to
 *    multi-cluster as well);
 *  - preferences: every preferred capability missing costs 25 % of the part,
 *    unverified 20 %, partial 10 % — in points always less than the same
 *    capability costs as a requirement, so promoting a preference to a
 *    requirement, or adding one, can only lower a candidate that lacks it;
 *  - overhead: added p99 per hop against the budget (or 2 ms), memory per pod
 *    against 100 MiB, CPU per 1000 RPS against half a core; an unknown
 *    figure counts as the mean known one (never below the worst known), and
 *    a CNI's agent already running is not charged again;
 *  - operations: complexity 0–5 against the team's declared capacity;
 *  - platform: what already runs (current mesh, CNI).
 * Coherence: the other data-plane mode of the installed mesh costs the
 * knowledge base's mode-change points, a second mesh its second-mesh points,
 * and under an open-source-stable release policy a mesh whose stable
 * releases need a subscription costs its release-policy points. Beyond the
 * points, a second mesh ranks after the installed mesh's family and no mesh
 * whenever one of that family is unblocked (`coherentTop`): a different mesh
 * is advised only when the installed one has a hard blocker.
 * A mesh must earn its place: below the small-platform threshold every mesh
 * loses 10 points, and for a service that declares no requirement or
 * preference at all it loses 7 (the cost of one partly met requirement, so
 * declaring a requirement a mesh only partly meets never raises its score).
 * A blocked candidate scores 0.
 */
const PARTIAL_PENALTY = 0.2;
const UNKNOWN_PENALTY = 0.35;
const PREF_NO_PENALTY = 0.25;
const PREF_UNKNOWN_PENALTY = 0.2;
const PREF_PARTIAL_PENALTY = 0.1;
const REFERENCE_LATENCY_MS = 2;
const SMALL_PLATFORM_PENALTY = 10;
const NO_NEED_PENALTY = 7;
const IMMATURE_PENALTY = 0.15;

export function operationsFit(m: CompiledMesh, s: Situation): number {
  return operationsFitAt(m, absorbedComplexity(s.capacity, s.deprecated));
}

/** The candidate the platform runs today. */
export function installed(s: Situation, ckb: CompiledKnowledgeBase) {
  return ckb.meshes[ckb.indexOf[s.currentMesh]];
}

export function platformFit(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  return platformFitOn(m, s.cni, installed(s, ckb));
}

export function adoptionOf(m: CompiledMesh, current: CompiledMesh): Adoption {
  if (m === current) return 'installed';
  if (current.id === 'none') return 'adopt';
  if (m.id === 'none') return 'leave-mesh';
  return m.family & (1 << current.index) ? 'mode-change' : 'second-mesh';
}

export function declaresNothing(s: Situation): boolean {
  return s.req === 0 && s.pref === 0;
}

/*
 * The parts of the score, each a fit times its weight. Exported for the
 * what-if fast paths (rescore.ts), which add the same parts in the same order.
 */

/** Points for the requirements: every partly met or unverified one costs. */
export function requirementsPart(m: CompiledMesh, s: Situation): number {
  const req = requiredOf(m, s);
  const penalty =
    popcount(req & m.partial) * PARTIAL_PENALTY +
    popcount(req & m.unknown) * UNKNOWN_PENALTY +
    popcount(req & m.immature) * IMMATURE_PENALTY;
  // Not clamped: many partly met requirements may push the part below zero,
  // so one more always costs (the total is clamped instead).
  return s.weights.requirements * (1 - penalty);
}

export function preferencesPart(m: CompiledMesh, s: Situation): number {
  const penalty =
    popcount(s.pref & m.no) * PREF_NO_PENALTY +
    popcount(s.pref & m.unknown) * PREF_UNKNOWN_PENALTY +
    popcount(s.pref & m.partial) * PREF_PARTIAL_PENALTY;
  return s.weights.preferences * clamp01(1 - penalty);
}

export function overheadPart(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  const waypoint = needsL7Proxy(m, s, ckb);
  const p99 = (waypoint ? m.l7P99Ms : m.p99Ms) ?? ckb.neutral.p99Ms;
  const latencyFit = clamp01(
    1 - p99 / (s.budgetMs === Infinity ? REFERENCE_LATENCY_MS : s.budgetMs),
  );
  // A CNI's agent that already runs is not charged again.
  const memory = agentPaid(m, s) ? 1 : memoryFit(s.fits, m, waypoint);
  return (
    s.weights.overhead *
    (0.5 * latencyFit + 0.3 * memory + 0.2 * cpuFit(s.fits, m, waypoint))
  );
}

export const operationsPart = (m: CompiledMesh, s: Situation) =>
  s.weights.operations * operationsFit(m, s);
export const platformPart = (
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
) => s.weights.platform * platformFit(m, s, ckb);

const smallPlatformPenalty = (m: CompiledMesh, s: Situation) =>
  m.placement !== 'none' && s.smallPlatform ? SMALL_PLATFORM_PENALTY : 0;
const noNeedPenalty = (m: CompiledMesh, s: Situation) =>
  m.placement !== 'none' && declaresNothing(s) ? NO_NEED_PENALTY : 0;

/** Points a mode change or a second mesh costs (see `Adoption`). */
export function coherencePenalty(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  return coherencePoints(m, installed(s, ckb), ckb);
}

const releasePolicyPenalty = (
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
) => (s.openSourceStableOnly && m.vendorStable ? ckb.releasePolicyPoints : 0);

/** Points off the total, from a breakdown: always added in this order. */
export const penalties = (b: ScoreBreakdown) =>
  b.smallPlatformPenalty +
  b.noNeedPenalty +
  b.coherencePenalty +
  b.releasePolicyPenalty;

/**
 * The same sum for candidate `m` in `s`, without a breakdown: the coherence
 * and release-policy points from the platform's table (whole points, so the
 * sum is exact in any order).
 */
export function penaltiesOf(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  return (
    smallPlatformPenalty(m, s) +
    noNeedPenalty(m, s) +
    penaltyPoints(s.parts, ckb.indexOf[s.currentMesh], m)
  );
}

/** Normalised to 0–100 whatever the weights add up to. */
export function total(parts: number, penalty: number, s: Situation): number {
  const max = s.weightSum;
  if (max <= 0) return 0;
  const raw = (parts * 100) / max - penalty;
  return Math.round(clamp01(raw / 100) * 100);
}

/** The score as a breakdown (points per part). */
export function scoreBreakdown(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): ScoreBreakdown {
  return {
    requirements: requirementsPart(m, s),
    preferences: preferencesPart(m, s),
    overhead: overheadPart(m, s, ckb),
    operations: operationsPart(m, s),
    platform: platformPart(m, s, ckb),
    smallPlatformPenalty: smallPlatformPenalty(m, s),
    noNeedPenalty: noNeedPenalty(m, s),
    coherencePenalty: coherencePenalty(m, s, ckb),
    releasePolicyPenalty: releasePolicyPenalty(m, s, ckb),
  };
}

/** The breakdown's total, 0–100. */
export function totalScore(b: ScoreBreakdown, s: Situation): number {
  return total(
    b.requirements + b.preferences + b.overhead + b.operations + b.platform,
    penalties(b),
    s,
  );
}

/**
 * The top pick among candidates' points (by mesh index; below 0: blocked),
 * or -1 when every one is blocked. While a mode of the installed mesh is
 * unblocked, only that family and no mesh (see `leavable`) can be the pick:
 * a second mesh is advised only when the installed one has a hard blocker. Ties keep the
 * vocabulary order.
 */
export function coherentTop(
  points: ArrayLike<number>,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  const eligible = eligibleMask(points, s, ckb);
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < points.length; i++) {
    if (eligible & (1 << i) && points[i] > bestScore) {
      best = i;
      bestScore = points[i];
    }
  }
  return best;
}

/**
 * No mesh may be the pick beside the installed mesh's modes only when
 * leaving saves the service something: a per-pod proxy. From a per-node
 * mesh (ambient, Cilium) a workload leaves by an opt-out label, saves
 * nothing and loses the mesh's mTLS, so no mesh waits behind it.
 */
const leavable = (current: CompiledMesh, ckb: CompiledKnowledgeBase) =>
  current.placement === 'node' ? 0 : 1 << ckb.noneIndex;

/** The candidates (as bits) that may be the pick (see `coherentTop`). */
export function eligibleMask(
  points: ArrayLike<number>,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  if (s.currentMesh === 'none') return -1;
  const current = installed(s, ckb);
  for (let rest = current.family; rest !== 0; rest = withoutLowestBit(rest))
    if (points[bitIndex(lowestBit(rest))] >= 0)
      return current.family | leavable(current, ckb);
  return -1;
}
