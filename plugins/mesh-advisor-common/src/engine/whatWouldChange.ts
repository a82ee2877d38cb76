import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import { CAPABILITIES, OPS_CAPACITIES } from '../vocabulary';
import {
  BLOCKED_LATENCY,
  agentPaid,
  blockedBy,
  p99LowPerHop,
} from './constraints';
import {
  ADD,
  BUDGET,
  CAPACITY,
  CNI,
  CURRENT_MESH,
  REMOVE,
  describeChange,
} from './describeChange';
import { FlipList } from './flipList';
import { bitIndex, lowestBit, withoutLowestBit } from './bits';
import {
  partsBeforeOperations,
  score,
  scoreAtCapacity,
  scoreFromPlatform,
  scoreWithCurrentMesh,
  scoreWithRequirementsChanged,
  sumBeforePlatform,
  topCandidate,
} from './rescore';
import { coherentTop, declaresNothing, eligibleMask } from './scoring';
import { absorbedComplexity } from './tables';
import type { Situation } from './situation';
import type { Flip, ScoreBreakdown } from './types';

const UNASKED = -2;

/**
 * The budget the what-if suggests to unseat a pick whose p99 per hop is at
 * least `low`: the largest whole tenth of a millisecond below it — the
 * figures are not precise beyond that — or 0 when there is none.
 */
export function budgetBelow(low: number | null): number {
  if (low === null) return 0;
  return Math.max(0, Math.ceil(low * 10 - 1e-9) - 1) / 10;
}

/** An added capability the mesh has, by maturity: partial 0, yes but immature 2, partial and immature 3. */
function addedState(m: CompiledMesh, bit: number) {
  if (!(m.immature & bit)) return 0;
  return m.partial & bit ? 3 : 2;
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
 * change, and puts back the field of `v` it changed.
 */
export class WhatWouldChange {
  // The real situation and its candidates' scores (-1: blocked) and breakdowns.
  private s!: Situation;
  private scores!: readonly number[];
  private breakdowns!: readonly ScoreBreakdown[];
  private currentTop = -1;
  /** `s` with the one change the question being asked makes */
  private v!: Situation;
  /** each candidate's parts before operations and before the platform part, in `s` */
  private readonly before: Float64Array;
  private readonly beforePlatform: Float64Array;
  /** every candidate's points for one question (-1: blocked) */
  private readonly points: Float64Array;
  /** the memo of additions (see askAdditions) */
  private readonly added: number[];
  private readonly flips = new FlipList();

  constructor(private readonly ckb: CompiledKnowledgeBase) {
    const n = ckb.meshes.length;
    this.before = new Float64Array(n);
    this.beforePlatform = new Float64Array(n);
    this.points = new Float64Array(n);
    this.added = new Array(n * 8);
  }

  /** The flips for a service in `s` whose top pick is `currentTop` (-1: none). */
  ask(
    s: Situation,
    currentTop: number,
    scores: readonly number[],
    breakdowns: readonly ScoreBreakdown[],
  ): Flip[] {
    this.s = s;
    this.v = { ...s };
    this.currentTop = currentTop;
    this.scores = scores;
    this.breakdowns = breakdowns;
    this.flips.reset(currentTop);
    for (const m of this.ckb.meshes) {
      this.before[m.index] = partsBeforeOperations(breakdowns[m.index]);
      this.beforePlatform[m.index] = sumBeforePlatform(
        m,
        s,
        this.before[m.index],
      );
    }
    this.askRemovals();
    this.askCapacities();
    this.askBudget();
    this.askAdditions();
    this.askCni();
    this.askCurrentMesh();
    return this.flips.kept().map(a => describeChange(a, s, this.ckb));
  }

  private askRemovals() {
    const { s, v, ckb } = this;
    // Twin capabilities (see CompiledKnowledgeBase.twinOf) give the same
    // answer to the same question: ask about the first of them only.
    let asked = 0;
    for (let rest = s.req; rest !== 0; rest = withoutLowestBit(rest)) {
      const bit = lowestBit(rest);
      const i = bitIndex(bit);
      const twin = 1 << ckb.twinOf[i];
      if (asked & twin) continue;
      asked |= twin;
      v.req = s.req & ~bit;
      this.flips.note(REMOVE, this.topAfterCapabilityChange(bit, false), i);
    }
    v.req = s.req;
  }

  /** Only the operations part moves: it starts from the parts before it. */
  private askCapacities() {
    const { s, ckb, points, scores, breakdowns, before } = this;
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
      this.flips.note(CAPACITY, coherentTop(points, s, ckb), capacity);
    }
  }

  private askBudget() {
    const { s, v, ckb, currentTop } = this;
    if (s.budgetMs !== Infinity) {
      v.budgetMs = Infinity;
      this.flips.note(BUDGET, topCandidate(v, ckb, this.points), Infinity);
    } else if (currentTop >= 0) {
      // A budget the current pick cannot meet even at the low end of its range.
      const budget = budgetBelow(p99LowPerHop(ckb.meshes[currentTop], s, ckb));
      if (budget > 0) {
        v.budgetMs = budget;
        this.flips.note(BUDGET, topCandidate(v, ckb, this.points), budget);
      }
    }
    v.budgetMs = s.budgetMs;
  }

  /**
   * Requiring each capability not yet required (a preference promoted, or
   * a new one). The memo of additions remembers the score a candidate gets
   * from one more partly supported or unverified requirement (see
   * topAfterCapabilityChange).
   */
  private askAdditions() {
    const { s, v, ckb, scores, currentTop } = this;
    const pick = currentTop >= 0 ? ckb.meshes[currentTop] : undefined;
    // A mode of the installed mesh is unblocked: a second mesh waits behind
    // it and no mesh (see coherentTop).
    const anchored = eligibleMask(scores, s, ckb) !== -1;
    // An added requirement never lifts a blocker — unless the waypoint it
    // brings in has its own latency figure.
    let addable = 0;
    for (const m of ckb.meshes) {
      if (m.index === currentTop) continue;
      const flags = scores[m.index] < 0 ? blockedBy(m, s, ckb) : 0;
      if (flags === 0 || (flags === BLOCKED_LATENCY && m.hasL7Proxy))
        addable |= 1 << m.index;
    }
    this.added.fill(UNASKED);
    let additionsAsked = 0;
    let promotionsAsked = 0; // a preference made a requirement
    for (
      let i = 0;
      i < CAPABILITIES.length && !this.flips.enough(ADD, addable);
      i++
    ) {
      const bit = 1 << i;
      if (s.req & bit) continue;
      // Requiring what the current pick fully has cannot unseat it: its
      // score stays, the others can only lose — unless it changes the pick's
      // own costs (a waypoint), ends the "declares nothing" penalty, or
      // blocks the installed mesh that holds a second mesh back behind no mesh.
      if (
        pick &&
        pick.yes & ~pick.immature & bit &&
        !(pick.hasL7Proxy && ckb.l7Mask & bit) &&
        (s.req | s.pref) !== 0 &&
        !(pick.index === ckb.noneIndex && anchored)
      )
        continue;
      const twin = 1 << ckb.twinOf[i];
      const promoted = (s.pref & bit) !== 0;
      if ((promoted ? promotionsAsked : additionsAsked) & twin) continue;
      if (promoted) promotionsAsked |= twin;
      else additionsAsked |= twin;
      v.req = s.req | bit;
      v.pref = s.pref & ~bit;
      this.flips.note(ADD, this.topAfterCapabilityChange(bit, !promoted), i);
    }
    v.req = s.req;
    v.pref = s.pref;
  }

  /**
   * Adding or dropping requirement `bit` (in `v`): a candidate that fully
   * supports it keeps its score — nothing it is scored on moves, unless the
   * change brings in or removes a waypoint or starts or ends "declares
   * nothing" — and one that lacks a capability added is blocked.
   *
   * With `memo` (additions of a capability not preferred), every partly
   * supported or unverified capability changes a candidate's score alike —
   * the score counts them, not which they are — given the same waypoint
   * need, so the score is worked out once per such state.
   */
  private topAfterCapabilityChange(bit: number, memo: boolean): number {
    const { s, v, ckb, points, scores } = this;
    const sameNeed = declaresNothing(v) === declaresNothing(s);
    // A waypoint comes or goes for candidates that have one when the change
    // gives the service its first L7 capability or takes its last.
    const l7 = ckb.l7Mask;
    const wantsL7 = ((v.req | v.pref) & l7) !== 0;
    const waypointMoves = wantsL7 !== (((s.req | s.pref) & l7) !== 0);
    // What the platform requires of every mesh moves nothing for a mesh, and
    // is unlike any other capability (the memo's premise).
    const useMemo = memo && !(bit & s.platformReq);
    for (const m of ckb.meshes) {
      let p: number;
      if (
        m.yes & ~m.immature & bit &&
        sameNeed &&
        !(waypointMoves && m.hasL7Proxy)
      ) {
        p = scores[m.index];
      } else if (useMemo && m.no & bit) {
        p = -1;
      } else if (useMemo && !(m.yes & ~m.immature & bit)) {
        const state = m.unknown & bit ? 1 : addedState(m, bit);
        const key = m.index * 8 + state * 2 + (wantsL7 && m.hasL7Proxy ? 1 : 0);
        p = this.added[key];
        if (p === UNASKED) p = this.added[key] = this.rescore(m);
      } else {
        p = this.rescore(m);
      }
      points[m.index] = p;
    }
    return coherentTop(points, v, ckb);
  }

  /** A candidate's score in `v` after a change of requirements or preferences (-1: blocked). */
  private rescore(m: CompiledMesh): number {
    const { s, v, ckb } = this;
    return blockedBy(m, v, ckb)
      ? -1
      : scoreWithRequirementsChanged(m, v, s, ckb, this.breakdowns[m.index]);
  }

  /** Running a mesh's required CNI: only the platform part moves, except for that mesh's agent. */
  private askCni() {
    const { s, v, ckb, points, beforePlatform } = this;
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
      this.flips.note(CNI, coherentTop(points, v, ckb), m.requiresCni);
    }
    v.cni = s.cni;
  }

  /** Another installed mesh: only the platform part and the coherence points move, and it never blocks. */
  private askCurrentMesh() {
    const { s, v, ckb, points, scores, beforePlatform, currentTop } = this;
    let unblocked = 0;
    for (const m of ckb.meshes)
      if (
        m.index !== currentTop &&
        (scores[m.index] >= 0 || !blockedBy(m, s, ckb))
      )
        unblocked |= 1 << m.index;
    for (const m of ckb.meshes) {
      if (m.id === s.currentMesh || this.flips.enough(CURRENT_MESH, unblocked))
        continue;
      v.currentMesh = m.id;
      for (const c of ckb.meshes)
        points[c.index] =
          scores[c.index] < 0
            ? -1
            : scoreWithCurrentMesh(c, v, ckb, beforePlatform[c.index]);
      this.flips.note(CURRENT_MESH, coherentTop(points, v, ckb), m.id);
    }
    v.currentMesh = s.currentMesh;
  }
}
