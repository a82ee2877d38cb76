import {
  CompiledKnowledgeBase,
  CompiledMesh,
  popcount,
} from '../knowledgeBase/compile';
import type { ScoreWeights } from '../platform';
import type { OpsCapacity } from '../vocabulary';
import { agentPaid, blockedBy, needsL7Proxy, requiredOf } from './constraints';
import { cpuPer1k, serviceMemoryMiB } from './costs';
import type { Situation } from './situation';
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
const REFERENCE_MEMORY_MIB = 100;
const REFERENCE_CPU_PER_1K = 0.5;
const SMALL_PLATFORM_PENALTY = 10;
const NO_NEED_PENALTY = 7;
const IMMATURE_PENALTY = 0.15;

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

/** The candidate the platform runs today. */
export function installed(s: Situation, ckb: CompiledKnowledgeBase) {
  return ckb.meshes[ckb.indexOf[s.currentMesh]];
}

function platformFitOn(m: CompiledMesh, cni: string, current: CompiledMesh) {
  let fit: number;
  // the installed mesh's control plane runs already for either of its modes
  if (m.family & (1 << current.index)) fit = 1;
  else if (current.id === 'none') fit = m.id === 'none' ? 1 : 0.6;
  else fit = m.id === 'none' ? 0.5 : 0.3;
  // Cilium's data plane is already there when it is the CNI.
  if (m.requiresCni && cni === m.requiresCni) fit = Math.max(fit, 0.9);
  return fit;
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
  /** coherence plus release-policy points, by `currentMesh index * meshes + mesh.index` */
  penalty: Float64Array;
}

export function partTables(
  weights: ScoreWeights,
  cni: string,
  openSourceStableOnly: boolean,
  ckb: CompiledKnowledgeBase,
): PartTables {
  const n = ckb.meshes.length;
  const operations = new Float64Array(n * 6);
  const platform = new Float64Array(n * n);
  const penalty = new Float64Array(n * n);
  for (const m of ckb.meshes) {
    for (let absorbs = 0; absorbs < 6; absorbs++)
      operations[m.index * 6 + absorbs] =
        weights.operations * operationsFitAt(m, absorbs);
    for (const current of ckb.meshes) {
      platform[current.index * n + m.index] =
        weights.platform * platformFitOn(m, cni, current);
      penalty[current.index * n + m.index] =
        coherencePoints(m, current, ckb) +
        (openSourceStableOnly && m.vendorStable ? ckb.releasePolicyPoints : 0);
    }
  }
  return { operations, platform, penalty };
}

export function declaresNothing(s: Situation): boolean {
  return s.req === 0 && s.pref === 0;
}

/** Points for the requirements: every partly met or unverified one costs. */
function requirementsPart(m: CompiledMesh, s: Situation): number {
  const req = requiredOf(m, s);
  const penalty =
    popcount(req & m.partial) * PARTIAL_PENALTY +
    popcount(req & m.unknown) * UNKNOWN_PENALTY +
    popcount(req & m.immature) * IMMATURE_PENALTY;
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
  const p99 = (waypoint ? m.l7P99Ms : m.p99Ms) ?? ckb.neutral.p99Ms;
  const latencyFit = clamp01(
    1 - p99 / (s.budgetMs === Infinity ? REFERENCE_LATENCY_MS : s.budgetMs),
  );
  const at = m.index * 4 + (waypoint ? 2 : 0);
  // A CNI's agent that already runs is not charged again.
  const memoryFit = agentPaid(m, s) ? 1 : s.fits[at];
  return (
    s.weights.overhead *
    (0.5 * latencyFit + 0.3 * memoryFit + 0.2 * s.fits[at + 1])
  );
}

const operationsPart = (m: CompiledMesh, s: Situation) =>
  s.weights.operations * operationsFit(m, s);
const platformPart = (
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

function coherencePoints(
  m: CompiledMesh,
  current: CompiledMesh,
  ckb: CompiledKnowledgeBase,
): number {
  if (m === current || current.id === 'none' || m.id === 'none') return 0;
  return m.family & (1 << current.index)
    ? ckb.modeChangePoints
    : ckb.secondMeshPoints;
}

const releasePolicyPenalty = (
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
) => (s.openSourceStableOnly && m.vendorStable ? ckb.releasePolicyPoints : 0);

/** Points off the total, from a breakdown: always added in this order. */
const penalties = (b: ScoreBreakdown) =>
  b.smallPlatformPenalty +
  b.noNeedPenalty +
  b.coherencePenalty +
  b.releasePolicyPenalty;

/**
 * The same sum for candidate `m` in `s`, without a breakdown: the coherence
 * and release-policy points from the platform's table (whole points, so the
 * sum is exact in any order).
 */
function penaltiesOf(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  return (
    smallPlatformPenalty(m, s) +
    noNeedPenalty(m, s) +
    s.parts.penalty[ckb.indexOf[s.currentMesh] * ckb.meshes.length + m.index]
  );
}

/** Normalised to 0–100 whatever the weights add up to. */
function total(parts: number, penalty: number, s: Situation): number {
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
    partsBeforeOperations(b) + b.operations + b.platform,
    penalties(b),
    s,
  );
}

// ---- The fast paths of the what-if questions (whatWouldChange.ts)

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
    ckb,
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
    penaltiesOf(m, v, ckb),
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
  ckb: CompiledKnowledgeBase,
  beforePlatform: number,
): number {
  return total(
    beforePlatform + platformPart(m, s, ckb),
    penaltiesOf(m, s, ckb),
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
    penalties(b),
    s,
  );
}

/**
 * The score had the platform run another mesh (`v`: the situation with that
 * current mesh): only the platform part and the coherence points move.
 */
export function scoreWithCurrentMesh(
  m: CompiledMesh,
  v: Situation,
  ckb: CompiledKnowledgeBase,
  beforePlatform: number,
): number {
  return total(
    beforePlatform +
      v.parts.platform[
        ckb.indexOf[v.currentMesh] * ckb.meshes.length + m.index
      ],
    penaltiesOf(m, v, ckb),
    v,
  );
}

/**
 * The top pick among candidates' points (by mesh index; below 0: blocked),
 * or -1 when every one is blocked. While a mode of the installed mesh is
 * unblocked, only that family and no mesh can be the pick: a second mesh is
 * advised only when the installed one has a hard blocker. Ties keep the
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

/** The candidates (as bits) that may be the pick (see `coherentTop`). */
export function eligibleMask(
  points: ArrayLike<number>,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  if (s.currentMesh === 'none') return -1;
  const current = installed(s, ckb);
  for (let rest = current.family; rest !== 0; rest &= rest - 1)
    if (points[31 - Math.clz32(rest & -rest)] >= 0)
      return current.family | (1 << ckb.noneIndex);
  return -1;
}

// scratch: one evaluation runs at a time
let scratch = new Float64Array(0);
export function pointsScratch(meshes: number): Float64Array {
  if (scratch.length !== meshes) scratch = new Float64Array(meshes);
  return scratch;
}

/** Index of the top pick (see `coherentTop`), or -1 when every candidate is blocked. */
export function topCandidate(s: Situation, ckb: CompiledKnowledgeBase): number {
  const points = pointsScratch(ckb.meshes.length);
  for (const m of ckb.meshes)
    points[m.index] = blockedBy(m, s, ckb) ? -1 : score(m, s, ckb);
  return coherentTop(points, s, ckb);
}
