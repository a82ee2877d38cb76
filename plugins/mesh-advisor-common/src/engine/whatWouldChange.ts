import type { CompiledKnowledgeBase } from '../knowledgeBase/compile';
import { OPS_CAPACITIES } from '../vocabulary';
import { CapabilityQuestions } from './capabilityQuestions';
import { agentPaid, blockedBy, p99LowPerHop } from './constraints';
import {
  BUDGET,
  CAPACITY,
  CNI,
  CURRENT_MESH,
  describeChange,
} from './describeChange';
import {
  partsBeforeOperations,
  score,
  scoreAtCapacity,
  scoreFromPlatform,
  scoreWithCurrentMesh,
  sumBeforePlatform,
  topCandidate,
} from './rescore';
import { coherentTop } from './scoring';
import { absorbedComplexity } from './tables';
import type { Situation } from './situation';
import type { Flip, ScoreBreakdown } from './types';
import { WhatIf, newWhatIf } from './whatIf';

/**
 * The budget the what-if suggests to unseat a pick whose p99 per hop is at
 * least `low`: the largest whole tenth of a millisecond below it — the
 * figures are not precise beyond that — or 0 when there is none.
 */
export function budgetBelow(low: number | null): number {
  if (low === null) return 0;
  return Math.max(0, Math.ceil(low * 10 - 1e-9) - 1) / 10;
}

/**
 * What would change the answer: every single change of requirements or
 * context, tried on the fast scoring path, keeping those that flip the top
 * pick to another candidate (a change after which nothing fits is not
 * advice). The list keeps the first flip of each kind — team-level kinds
 * (requirements, capacity, budget) before platform-level ones (CNI, current
 * mesh) — then fills up in that order, at most one per kind and new top pick.
 *
 * One per evaluator: it owns the scratch space its questions reuse, so one
 * `ask` runs at a time. Each kind of question re-scores only what it can
 * change, and puts back the field of `v` it changed. The questions about
 * requirements are asked by CapabilityQuestions; the others here.
 */
export class WhatWouldChange {
  private readonly w: WhatIf;
  private readonly capabilities: CapabilityQuestions;

  constructor(private readonly ckb: CompiledKnowledgeBase) {
    this.w = newWhatIf(ckb);
    this.capabilities = new CapabilityQuestions(ckb.meshes.length);
  }

  /** The flips for a service in `s` whose top pick is `currentTop` (-1: none). */
  ask(
    s: Situation,
    currentTop: number,
    scores: readonly number[],
    breakdowns: readonly ScoreBreakdown[],
  ): Flip[] {
    const { w } = this;
    w.s = s;
    w.v = { ...s };
    w.currentTop = currentTop;
    w.scores = scores;
    w.breakdowns = breakdowns;
    w.flips.reset(currentTop);
    for (const m of this.ckb.meshes) {
      w.before[m.index] = partsBeforeOperations(breakdowns[m.index]);
      w.beforePlatform[m.index] = sumBeforePlatform(m, s, w.before[m.index]);
    }
    this.capabilities.askRemovals(w);
    askCapacities(w);
    askBudget(w);
    this.capabilities.askAdditions(w);
    askCni(w);
    askCurrentMesh(w);
    return w.flips.kept().map(a => describeChange(a, s, this.ckb));
  }
}

/** Only the operations part moves: it starts from the parts before it. */
function askCapacities(w: WhatIf) {
  const { s, ckb, points, scores, breakdowns, before } = w;
  for (const capacity of OPS_CAPACITIES) {
    if (capacity === s.capacity) continue;
    const absorbs = absorbedComplexity(capacity, s.deprecated);
    for (const m of ckb.meshes)
      points[m.index] =
        scores[m.index] < 0
          ? -1
          : scoreAtCapacity(
              m,
              s,
              breakdowns[m.index],
              before[m.index],
              absorbs,
            );
    w.flips.note(CAPACITY, coherentTop(points, s, ckb), capacity);
  }
}

function askBudget(w: WhatIf) {
  const { s, v, ckb, currentTop } = w;
  if (s.budgetMs !== Infinity) {
    v.budgetMs = Infinity;
    w.flips.note(BUDGET, topCandidate(v, ckb, w.points), Infinity);
  } else if (currentTop >= 0) {
    // A budget the current pick cannot meet even at the low end of its range.
    const budget = budgetBelow(p99LowPerHop(ckb.meshes[currentTop], s, ckb));
    if (budget > 0) {
      v.budgetMs = budget;
      w.flips.note(BUDGET, topCandidate(v, ckb, w.points), budget);
    }
  }
  v.budgetMs = s.budgetMs;
}

/** Running a mesh's required CNI: only the platform part moves, except for that mesh's agent. */
function askCni(w: WhatIf) {
  const { s, v, ckb, points, beforePlatform } = w;
  for (const m of ckb.meshes) {
    if (!m.requiresCni || s.cni === m.requiresCni) continue;
    v.cni = m.requiresCni;
    for (const c of ckb.meshes) {
      let p: number;
      if (blockedBy(c, v, ckb)) p = -1;
      // the CNI's own mesh stops paying for its agent: its costs move too
      else if (agentPaid(c, v) !== agentPaid(c, s)) p = score(c, v, ckb);
      else p = scoreFromPlatform(c, v, ckb, beforePlatform[c.index]);
      points[c.index] = p;
    }
    w.flips.note(CNI, coherentTop(points, v, ckb), m.requiresCni);
  }
  v.cni = s.cni;
}

/** Another installed mesh: only the platform part and the coherence points move, and it never blocks. */
function askCurrentMesh(w: WhatIf) {
  const { s, v, ckb, points, scores, beforePlatform, currentTop } = w;
  let unblocked = 0;
  for (const m of ckb.meshes)
    if (
      m.index !== currentTop &&
      (scores[m.index] >= 0 || !blockedBy(m, s, ckb))
    )
      unblocked |= 1 << m.index;
  for (const m of ckb.meshes) {
    if (m.id === s.currentMesh || w.flips.enough(CURRENT_MESH, unblocked))
      continue;
    v.currentMesh = m.id;
    for (const c of ckb.meshes)
      points[c.index] =
        scores[c.index] < 0
          ? -1
          : scoreWithCurrentMesh(c, v, ckb, beforePlatform[c.index]);
    w.flips.note(CURRENT_MESH, coherentTop(points, v, ckb), m.id);
  }
  v.currentMesh = s.currentMesh;
}
