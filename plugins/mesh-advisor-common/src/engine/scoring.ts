import {
  CompiledKnowledgeBase,
  CompiledMesh,
  popcount,
} from '../knowledgeBase/compile';
import type { ScoreWeights } from '../platform';
import type { OpsCapacity } from '../vocabulary';
import { blockedBy, needsL7Proxy } from './constraints';
import { cpuPer1k, serviceMemoryMiB } from './costs';
import type { Situation } from './situation';
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

/** How much mesh complexity (0–5) each declared ops capacity absorbs. */
export const CAPACITY_LEVEL: Record<OpsCapacity, number> = {
  low: 2,
  medium: 3,
  high: 5,
};

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

const fitsCache = new WeakMap<CompiledKnowledgeBase, number[][]>();
const CACHED_REPLICAS = 1024;

/**
 * Memory and CPU fit of every candidate on both data-plane paths, at
 * `fits[mesh.index * 4 + (waypoint ? 2 : 0) + (cpu ? 1 : 0)]`. They depend
 * on the replicas alone, which no what-if question changes, so they are
 * worked out once per replica count (the same few recur across a catalog).
 * Shared: read-only.
 */
export function resourceFits(
  replicas: number,
  ckb: CompiledKnowledgeBase,
): readonly number[] {
  let cache = fitsCache.get(ckb);
  if (!cache) fitsCache.set(ckb, (cache = []));
  const hit = replicas < CACHED_REPLICAS ? cache[replicas] : undefined;
  if (hit) return hit;
  const fits: number[] = [];
  for (const m of ckb.meshes) {
    for (const waypoint of [false, true]) {
      const mem = serviceMemoryMiB(m, replicas, waypoint, ckb);
      const cpu = cpuPer1k(m, waypoint);
      fits.push(
        mem === null
          ? UNKNOWN_FIT
          : clamp01(1 - mem / Math.max(1, replicas) / REFERENCE_MEMORY_MIB),
        cpu === null ? UNKNOWN_FIT : clamp01(1 - cpu / REFERENCE_CPU_PER_1K),
      );
    }
  }
  if (replicas < CACHED_REPLICAS && Number.isInteger(replicas))
    cache[replicas] = fits;
  return fits;
}

/** The most mesh complexity a team absorbs: a service being retired is not worth operating much. */
export const absorbedComplexity = (
  capacity: OpsCapacity,
  deprecated: boolean,
) =>
  deprecated ? Math.min(CAPACITY_LEVEL[capacity], 2) : CAPACITY_LEVEL[capacity];

function operationsFitAt(m: CompiledMesh, absorbs: number): number {
  const c = m.complexity;
  return clamp01(1 - 0.05 * c - (c > absorbs ? 0.3 * (c - absorbs) : 0));
}

export function operationsFit(m: CompiledMesh, s: Situation): number {
  return operationsFitAt(m, absorbedComplexity(s.capacity, s.deprecated));
}

function platformFitOn(m: CompiledMesh, cni: string, currentMesh: string) {
  let fit: number;
  if (m.id === currentMesh) fit = 1;
  else if (currentMesh === 'none') fit = m.id === 'none' ? 1 : 0.6;
  else fit = m.id === 'none' ? 0.5 : 0.3;
  // Cilium's data plane is already there when it is the CNI.
  if (m.requiresCni && cni === m.requiresCni) fit = Math.max(fit, 0.9);
  return fit;
}

export function platformFit(m: CompiledMesh, s: Situation): number {
  return platformFitOn(m, s.cni, s.currentMesh);
}

/**
 * The operations and platform parts of every candidate at every capacity
 * and current mesh, worked out once per platform: what the capacity and
 * current-mesh questions read (the same values the breakdown computes).
 */
export interface PartTables {
  /** by `mesh.index * 6 + absorbedComplexity` */
  operations: Float64Array;
  /** by `currentMesh index * meshes + mesh.index`, on the platform's CNI */
  platform: Float64Array;
}

export function partTables(
  weights: ScoreWeights,
  cni: string,
  ckb: CompiledKnowledgeBase,
): PartTables {
  const n = ckb.meshes.length;
  const operations = new Float64Array(n * 6);
  const platform = new Float64Array(n * n);
  for (const m of ckb.meshes) {
    for (let absorbs = 0; absorbs < 6; absorbs++)
      operations[m.index * 6 + absorbs] =
        weights.operations * operationsFitAt(m, absorbs);
    for (const current of ckb.meshes)
      platform[current.index * n + m.index] =
        weights.platform * platformFitOn(m, cni, current.id);
  }
  return { operations, platform };
}

export function declaresNothing(s: Situation): boolean {
  return s.req === 0 && s.pref === 0;
}

/** Points for the requirements: every partly met or unverified one costs. */
function requirementsPart(m: CompiledMesh, s: Situation): number {
  const penalty =
    popcount(s.req & m.partial) * PARTIAL_PENALTY +
    popcount(s.req & m.unknown) * UNKNOWN_PENALTY;
  // Not clamped: many partly met requirements may push the part below zero,
  // so one more always costs (the total is clamped instead).
  return s.weights.requirements * (1 - penalty);
}

function preferencesPart(m: CompiledMesh, s: Situation): number {
  const penalty =
    popcount(s.pref & m.no) * PREF_NO_PENALTY +
    popcount(s.pref & m.unknown) * PREF_UNKNOWN_PENALTY +
    popcount(s.pref & m.partial) * PREF_PARTIAL_PENALTY;
  return s.weights.preferences * clamp01(1 - penalty);
}

function overheadPart(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  const waypoint = needsL7Proxy(m, s, ckb);
  const p99 = waypoint ? m.l7P99Ms : m.p99Ms;
  const latencyFit =
    p99 === null
      ? UNKNOWN_FIT
      : clamp01(
          1 -
            p99 / (s.budgetMs === Infinity ? REFERENCE_LATENCY_MS : s.budgetMs),
        );
  const at = m.index * 4 + (waypoint ? 2 : 0);
  return (
    s.weights.overhead *
    (0.5 * latencyFit + 0.3 * s.fits[at] + 0.2 * s.fits[at + 1])
  );
}

const operationsPart = (m: CompiledMesh, s: Situation) =>
  s.weights.operations * operationsFit(m, s);
const platformPart = (m: CompiledMesh, s: Situation) =>
  s.weights.platform * platformFit(m, s);

const smallPlatformPenalty = (m: CompiledMesh, s: Situation) =>
  m.placement !== 'none' && s.smallPlatform ? SMALL_PLATFORM_PENALTY : 0;
const noNeedPenalty = (m: CompiledMesh, s: Situation) =>
  m.placement !== 'none' && declaresNothing(s) ? NO_NEED_PENALTY : 0;

/** Normalised to 0–100 whatever the weights add up to. */
function total(
  parts: number,
  smallPlatform: number,
  noNeed: number,
  s: Situation,
): number {
  const max = s.weightSum;
  if (max <= 0) return 0;
  const raw = (parts * 100) / max - smallPlatform - noNeed;
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
    platform: platformPart(m, s),
    smallPlatformPenalty: smallPlatformPenalty(m, s),
    noNeedPenalty: noNeedPenalty(m, s),
  };
}

/** The breakdown's total, 0–100. */
export function totalScore(b: ScoreBreakdown, s: Situation): number {
  return total(
    partsBeforeOperations(b) + b.operations + b.platform,
    b.smallPlatformPenalty,
    b.noNeedPenalty,
    s,
  );
}

// ---- The fast paths of the what-if questions (sensitivity.ts)

/**
 * The same total as `totalScore(scoreBreakdown(…))` — the same parts added
 * in the same order — without building the breakdown.
 */
export function score(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  return scoreFromPlatform(
    m,
    s,
    sumBeforePlatform(m, s, sumBeforeOperations(m, s, ckb)),
  );
}

/**
 * The score once only the requirements or preferences changed: operations
 * and platform parts do not depend on them, nor do the preferences part
 * while the preferences stay or the overhead part while the data-plane path
 * does, so those are taken from the breakdown `b` of the real situation `s`
 * (the same values, added in the same order as `score` adds them).
 */
export function scoreWithRequirementsChanged(
  m: CompiledMesh,
  v: Situation,
  s: Situation,
  ckb: CompiledKnowledgeBase,
  b: ScoreBreakdown,
): number {
  const preferences = v.pref === s.pref ? b.preferences : preferencesPart(m, v);
  const overhead =
    needsL7Proxy(m, v, ckb) === needsL7Proxy(m, s, ckb)
      ? b.overhead
      : overheadPart(m, v, ckb);
  return total(
    requirementsPart(m, v) + preferences + overhead + b.operations + b.platform,
    smallPlatformPenalty(m, v),
    noNeedPenalty(m, v),
    v,
  );
}

/**
 * The first parts of the score, added in scoring order. A question that
 * changes only the team's capacity or the platform starts from these: the
 * same additions in the same order give the same total to the last bit.
 */
function sumBeforeOperations(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  return (
    requirementsPart(m, s) + preferencesPart(m, s) + overheadPart(m, s, ckb)
  );
}

/** sumBeforeOperations, from a breakdown. */
export function partsBeforeOperations(b: ScoreBreakdown): number {
  return b.requirements + b.preferences + b.overhead;
}

export function sumBeforePlatform(
  m: CompiledMesh,
  s: Situation,
  beforeOperations: number,
): number {
  return beforeOperations + operationsPart(m, s);
}

export function scoreFromPlatform(
  m: CompiledMesh,
  s: Situation,
  beforePlatform: number,
): number {
  return total(
    beforePlatform + platformPart(m, s),
    smallPlatformPenalty(m, s),
    noNeedPenalty(m, s),
    s,
  );
}

/**
 * The score had the team declared a capacity that absorbs `absorbs`
 * complexity: only the operations part moves (`b`: the breakdown in `s`,
 * `before`: its parts before operations).
 */
export function scoreAtCapacity(
  m: CompiledMesh,
  s: Situation,
  b: ScoreBreakdown,
  before: number,
  absorbs: number,
): number {
  return total(
    before + s.parts.operations[m.index * 6 + absorbs] + b.platform,
    b.smallPlatformPenalty,
    b.noNeedPenalty,
    s,
  );
}

/** The score had the platform run the mesh at `current` (an index): only the platform part moves. */
export function scoreWithCurrentMesh(
  m: CompiledMesh,
  s: Situation,
  b: ScoreBreakdown,
  beforePlatform: number,
  current: number,
  meshes: number,
): number {
  return total(
    beforePlatform + s.parts.platform[current * meshes + m.index],
    b.smallPlatformPenalty,
    b.noNeedPenalty,
    s,
  );
}

/** Index of the best unblocked candidate, or -1 when every one is blocked. */
export function topCandidate(s: Situation, ckb: CompiledKnowledgeBase): number {
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < ckb.meshes.length; i++) {
    const m = ckb.meshes[i];
    if (blockedBy(m, s, ckb)) continue;
    const points = score(m, s, ckb);
    if (points > bestScore) {
      best = i;
      bestScore = points;
    }
  }
  return best;
}
