import {
  CompiledKnowledgeBase,
  CompiledMesh,
  popcount,
} from '../knowledgeBase/compile';
import { blockedBy, p99PerHop } from './constraints';
import { cpuPer1k, serviceMemoryMiB } from './costs';
import { CAPACITY_LEVEL, Situation } from './situation';
import type { ScoreBreakdown } from './types';

/**
 * Scoring: each part is a fit between 0 and 1, times its weight.
 *  - requirements: every partly supported requirement costs 20 % of the part,
 *    every unverified one 35 %;
 *  - preferences: every preferred capability missing costs 25 % of the part,
 *    unverified 20 %, partial 10 % — in points always less than the same
 *    capability costs as a requirement, so promoting a preference to a
 *    requirement, or adding one, can only lower a candidate that lacks it;
 *  - overhead: added p99 per hop against the budget (or 2 ms), memory per pod
 *    against 100 MiB, CPU per 1000 RPS against half a core;
 *  - operations: complexity 0–5 against the team's declared capacity;
 *  - platform: what already runs (current mesh, CNI).
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
const REFERENCE_MEMORY_MIB = 100;
const REFERENCE_CPU_PER_1K = 0.5;
const SMALL_PLATFORM_PENALTY = 10;
const NO_NEED_PENALTY = 7;
const UNKNOWN_FIT = 0.5;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function operationsFit(m: CompiledMesh, s: Situation): number {
  // Meshing a service that is being retired is not worth operating much.
  const capacity = s.deprecated
    ? Math.min(CAPACITY_LEVEL[s.capacity], 2)
    : CAPACITY_LEVEL[s.capacity];
  const c = m.complexity;
  return clamp01(1 - 0.05 * c - (c > capacity ? 0.3 * (c - capacity) : 0));
}

export function platformFit(m: CompiledMesh, s: Situation): number {
  let fit: number;
  if (m.id === s.currentMesh) fit = 1;
  else if (s.currentMesh === 'none') fit = m.id === 'none' ? 1 : 0.6;
  else fit = m.id === 'none' ? 0.5 : 0.3;
  // Cilium's data plane is already there when it is the CNI.
  if (m.requiresCni && s.cni === m.requiresCni) fit = Math.max(fit, 0.9);
  return fit;
}

export function declaresNothing(s: Situation): boolean {
  return s.req === 0 && s.pref === 0;
}

export function isSmallPlatform(s: Situation): boolean {
  return (
    s.serviceCount !== undefined && s.serviceCount < s.smallPlatformThreshold
  );
}

/** The score as a breakdown (points per part). */
export function scoreBreakdown(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): ScoreBreakdown {
  return scoreBreakdownInto({} as ScoreBreakdown, m, s, ckb);
}

/** Writes the breakdown into `out` — the what-if loop reuses one object instead of allocating. */
export function scoreBreakdownInto(
  out: ScoreBreakdown,
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): ScoreBreakdown {
  const w = s.weights;
  const reqPenalty =
    popcount(s.req & m.partial) * PARTIAL_PENALTY +
    popcount(s.req & m.unknown) * UNKNOWN_PENALTY;
  const prefPenalty =
    popcount(s.pref & m.no) * PREF_NO_PENALTY +
    popcount(s.pref & m.unknown) * PREF_UNKNOWN_PENALTY +
    popcount(s.pref & m.partial) * PREF_PARTIAL_PENALTY;
  const p99 = p99PerHop(m, s, ckb);
  const latencyFit =
    p99 === null
      ? UNKNOWN_FIT
      : clamp01(
          1 -
            p99 / (s.budgetMs === Infinity ? REFERENCE_LATENCY_MS : s.budgetMs),
        );
  const mem = serviceMemoryMiB(m, s, ckb);
  const memFit =
    mem === null
      ? UNKNOWN_FIT
      : clamp01(1 - mem / Math.max(1, s.replicas) / REFERENCE_MEMORY_MIB);
  const cpu = cpuPer1k(m, s, ckb);
  const cpuFit =
    cpu === null ? UNKNOWN_FIT : clamp01(1 - cpu / REFERENCE_CPU_PER_1K);
  // Not clamped: many partly met requirements may push the part below zero,
  // so one more always costs (the total is clamped instead).
  out.requirements = w.requirements * (1 - reqPenalty);
  out.preferences = w.preferences * clamp01(1 - prefPenalty);
  out.overhead = w.overhead * (0.5 * latencyFit + 0.3 * memFit + 0.2 * cpuFit);
  out.operations = w.operations * operationsFit(m, s);
  out.platform = w.platform * platformFit(m, s);
  out.smallPlatformPenalty =
    m.placement !== 'none' && isSmallPlatform(s) ? SMALL_PLATFORM_PENALTY : 0;
  out.noNeedPenalty =
    m.placement !== 'none' && declaresNothing(s) ? NO_NEED_PENALTY : 0;
  return out;
}

/** Normalised to 0–100 whatever the weights add up to. */
export function totalScore(b: ScoreBreakdown, s: Situation): number {
  const w = s.weights;
  const max =
    w.requirements + w.preferences + w.overhead + w.operations + w.platform;
  if (max <= 0) return 0;
  const raw =
    ((b.requirements + b.preferences + b.overhead + b.operations + b.platform) *
      100) /
      max -
    b.smallPlatformPenalty -
    b.noNeedPenalty;
  return Math.round(clamp01(raw / 100) * 100);
}

/** Index of the best unblocked candidate, or -1 when every one is blocked. The fast path for what-if questions. */
const scratch = {} as ScoreBreakdown;

export function topCandidate(s: Situation, ckb: CompiledKnowledgeBase): number {
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < ckb.meshes.length; i++) {
    const m = ckb.meshes[i];
    if (blockedBy(m, s, ckb)) continue;
    const score = totalScore(scoreBreakdownInto(scratch, m, s, ckb), s);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}
