import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import { blockedBy, needsL7Proxy } from './constraints';
import {
  coherentTop,
  operationsPart,
  overheadPart,
  penalties,
  penaltiesOf,
  platformPart,
  preferencesPart,
  requirementsPart,
  total,
} from './scoring';
import type { Situation } from './situation';
import { operationsPoints, platformPoints } from './tables';
import type { ScoreBreakdown } from './types';

/*
 * The re-scoring fast paths of the what-if questions (whatWouldChange.ts):
 * each question changes one thing, so a candidate's score starts from what
 * the change cannot move — the real situation's breakdown or partial sums —
 * and adds the rest. Every path adds the same parts in the same order as
 * `totalScore(scoreBreakdown(…))`, so the totals agree to the last bit;
 * whatWouldChange.test.ts checks them against asking the plain way.
 */

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
    before + operationsPoints(s.parts, m, absorbs) + b.platform,
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
    beforePlatform + platformPoints(v.parts, ckb.indexOf[v.currentMesh], m),
    penaltiesOf(m, v, ckb),
    v,
  );
}

/** Index of the top pick (see `coherentTop`), or -1 when every candidate is blocked; `points`: scratch space. */
export function topCandidate(
  s: Situation,
  ckb: CompiledKnowledgeBase,
  points: Float64Array = new Float64Array(ckb.meshes.length),
): number {
  for (const m of ckb.meshes)
    points[m.index] = blockedBy(m, s, ckb) ? -1 : score(m, s, ckb);
  return coherentTop(points, s, ckb);
}
