import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import { CAPABILITIES, OPS_CAPACITIES } from '../vocabulary';
import {
  BLOCKED_LATENCY,
  agentPaid,
  blockedBy,
  p99LowPerHop,
} from './constraints';
import {
  absorbedComplexity,
  coherentTop,
  declaresNothing,
  eligibleMask,
  partsBeforeOperations,
  score,
  scoreAtCapacity,
  scoreFromPlatform,
  scoreWithCurrentMesh,
  scoreWithRequirementsChanged,
  sumBeforePlatform,
  topCandidate,
} from './scoring';
import { Situation } from './situation';
import {
  ADD,
  type Answer,
  BUDGET,
  CAPACITY,
  CNI,
  CURRENT_MESH,
  REMOVE,
  describe,
} from './flips';
import type { Flip, ScoreBreakdown } from './types';

const MAX_FLIPS = 5;

/*
 * Each kind of question re-scores only what it can change. `scores` holds
 * every candidate's score in the real situation `s` (-1: blocked), `before`
 * and `beforePlatform` the sums of its parts before operations and before
 * the platform part (see sumBeforeOperations); `v` is `s` with the one
 * change the question makes.
 */

/** A candidate's score after a change of requirements or preferences (-1: blocked). */
function rescore(
  m: CompiledMesh,
  v: Situation,
  s: Situation,
  ckb: CompiledKnowledgeBase,
  b: ScoreBreakdown,
): number {
  return blockedBy(m, v, ckb)
    ? -1
    : scoreWithRequirementsChanged(m, v, s, ckb, b);
}

// Scratch arrays, reused: one evaluation runs at a time.
let sums = { before: new Float64Array(0), beforePlatform: new Float64Array(0) };
function partialSums(meshes: number) {
  if (sums.before.length !== meshes)
    sums = {
      before: new Float64Array(meshes),
      beforePlatform: new Float64Array(meshes),
    };
  return sums;
}

// Every candidate's points for one question, by mesh index (-1: blocked).
let asked = new Float64Array(0);
function askedScratch(meshes: number) {
  if (asked.length !== meshes) asked = new Float64Array(meshes);
  return asked;
}

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

const UNASKED = -2;
// The memo of additions: by mesh, the added capability's state (partial,
// unverified, immature, partial and immature) and the waypoint need.
let addedMemo: number[] = [];
function addedScratch(meshes: number): number[] {
  if (addedMemo.length !== meshes * 8) addedMemo = new Array(meshes * 8);
  return addedMemo.fill(UNASKED);
}

/**
 * Adding or dropping requirement `bit`: a candidate that fully supports it
 * keeps its score — nothing it is scored on moves, unless the change brings
 * in or removes a waypoint or starts or ends "declares nothing" — and one
 * that lacks a capability added is blocked.
 *
 * `added` (for additions of a capability not preferred) remembers the score
 * a candidate gets from one more partly supported or unverified
 * requirement: every such capability changes its score alike — the score
 * counts them, not which they are — given the same waypoint need.
 */
function topAfterCapabilityChange(
  v: Situation,
  s: Situation,
  bit: number,
  scores: readonly number[],
  breakdowns: readonly ScoreBreakdown[],
  ckb: CompiledKnowledgeBase,
  added?: number[],
): number {
  const sameNeed = declaresNothing(v) === declaresNothing(s);
  // A waypoint comes or goes for candidates that have one when the change
  // gives the service its first L7 capability or takes its last.
  const l7 = ckb.l7Mask;
  const wantsL7 = ((v.req | v.pref) & l7) !== 0;
  const waypointMoves = wantsL7 !== (((s.req | s.pref) & l7) !== 0);
  // What the platform requires of every mesh moves nothing for a mesh, and
  // is unlike any other capability (the memo's premise).
  const memo = bit & s.platformReq ? undefined : added;
  const points = askedScratch(ckb.meshes.length);
  for (const m of ckb.meshes) {
    let p: number;
    if (
      m.yes & ~m.immature & bit &&
      sameNeed &&
      !(waypointMoves && m.hasL7Proxy)
    ) {
      p = scores[m.index];
    } else if (memo && m.no & bit) {
      p = -1;
    } else if (memo && !(m.yes & ~m.immature & bit)) {
      const state = m.unknown & bit ? 1 : addedState(m, bit);
      const key = m.index * 8 + state * 2 + (wantsL7 && m.hasL7Proxy ? 1 : 0);
      p = memo[key];
      if (p === UNASKED)
        p = memo[key] = rescore(m, v, s, ckb, breakdowns[m.index]);
    } else {
      p = rescore(m, v, s, ckb, breakdowns[m.index]);
    }
    points[m.index] = p;
  }
  return coherentTop(points, v, ckb);
}

/** The top pick (see coherentTop) when each candidate gets `points(m)` (-1: blocked) in `v`. */
function bestOf(
  ckb: CompiledKnowledgeBase,
  v: Situation,
  points: (m: CompiledMesh) => number,
): number {
  const all = askedScratch(ckb.meshes.length);
  for (const m of ckb.meshes) all[m.index] = points(m);
  return coherentTop(all, v, ckb);
}

/**
 * What would change the answer: every single change of requirements or
 * context, tried on the fast scoring path, keeping those that flip the top
 * pick to another candidate (a change after which nothing fits is not
 * advice). The list keeps the first flip of each kind — team-level kinds
 * (requirements, capacity, budget) before platform-level ones (CNI, current
 * mesh) — then fills up in that order, at most one per kind and new top pick.
 * `scores` and `breakdowns` are the candidates' scores (-1: blocked) and
 * breakdowns in `s`, by mesh index.
 */
export function whatWouldChange(
  s: Situation,
  ckb: CompiledKnowledgeBase,
  currentTop: number,
  scores: readonly number[],
  breakdowns: readonly ScoreBreakdown[],
): Flip[] {
  // Answers first, as (kind, new top, what was changed); sentences only for
  // the ones kept.
  const answers: Answer[] = [];
  let seen = 0; // one bit per kind and new top pick
  let kindsAnswered = 0; // one bit per kind
  // One scratch copy of the situation, changed and restored around each question.
  const v: Situation = { ...s };
  const { before, beforePlatform } = partialSums(ckb.meshes.length);
  for (const m of ckb.meshes) {
    before[m.index] = partsBeforeOperations(breakdowns[m.index]);
    beforePlatform[m.index] = sumBeforePlatform(m, s, before[m.index]);
  }
  /** Restores `v` and notes the answer when it is a new one of its kind. */
  const answer = (kind: number, top: number, change: number | string) => {
    v.req = s.req;
    v.pref = s.pref;
    v.budgetMs = s.budgetMs;
    v.cni = s.cni;
    v.currentMesh = s.currentMesh;
    if (top === currentTop || top < 0) return;
    const key = 1 << (kind * ckb.meshes.length + top);
    if (seen & key) return;
    seen |= key;
    kindsAnswered |= 1 << kind;
    answers.push({ kind, top, change });
  };

  // Twin capabilities (see CompiledKnowledgeBase.twinOf) give the same
  // answer to the same question: ask about the first of them only.
  let removalsAsked = 0;
  let additionsAsked = 0;
  let promotionsAsked = 0; // a preference made a requirement
  const added = addedScratch(ckb.meshes.length);
  for (let rest = s.req; rest !== 0; rest &= rest - 1) {
    const bit = rest & -rest;
    const i = 31 - Math.clz32(bit);
    const twin = 1 << ckb.twinOf[i];
    if (removalsAsked & twin) continue;
    removalsAsked |= twin;
    v.req = s.req & ~bit;
    answer(
      REMOVE,
      topAfterCapabilityChange(v, s, bit, scores, breakdowns, ckb),
      i,
    );
  }
  for (const capacity of OPS_CAPACITIES) {
    if (capacity === s.capacity) continue;
    const absorbs = absorbedComplexity(capacity, s.deprecated);
    answer(
      CAPACITY,
      bestOf(ckb, s, m =>
        scores[m.index] < 0
          ? -1
          : scoreAtCapacity(
              m,
              s,
              breakdowns[m.index],
              before[m.index],
              absorbs,
            ),
      ),
      capacity,
    );
  }
  if (s.budgetMs !== Infinity) {
    v.budgetMs = Infinity;
    answer(BUDGET, topCandidate(v, ckb), Infinity);
  } else if (currentTop >= 0) {
    // A budget the current pick cannot meet even at the low end of its range.
    const budget = budgetBelow(p99LowPerHop(ckb.meshes[currentTop], s, ckb));
    if (budget > 0) {
      v.budgetMs = budget;
      answer(BUDGET, topCandidate(v, ckb), budget);
    }
  }
  const pick = currentTop >= 0 ? ckb.meshes[currentTop] : undefined;
  // Stop asking a kind once it cannot add to the list: past the list's
  // length it only needs its first answer, and once every candidate it can
  // make the top pick has been answered, the rest are repeats.
  const enough = (kind: number, reachable: number) =>
    (answers.length >= MAX_FLIPS && (kindsAnswered & (1 << kind)) !== 0) ||
    ((seen >>> (kind * ckb.meshes.length)) & reachable) === reachable;
  // A mode of the installed mesh is unblocked: a second mesh waits behind
  // it and no mesh (see coherentTop).
  const anchored = eligibleMask(scores, s, ckb) !== -1;
  // An added requirement never lifts a blocker — unless the waypoint it
  // brings in has its own latency figure — and a current mesh never blocks.
  let unblocked = 0;
  let addable = 0;
  for (const m of ckb.meshes) {
    if (m.index === currentTop) continue;
    const flags = scores[m.index] < 0 ? blockedBy(m, s, ckb) : 0;
    if (flags === 0) unblocked |= 1 << m.index;
    if (flags === 0 || (flags === BLOCKED_LATENCY && m.hasL7Proxy))
      addable |= 1 << m.index;
  }
  for (let i = 0; i < CAPABILITIES.length && !enough(ADD, addable); i++) {
    const bit = 1 << i;
    if (s.req & bit) continue;
    // Requiring what the current pick fully has cannot unseat it: its score
    // stays, the others can only lose — unless it changes the pick's own
    // costs (a waypoint), ends the "declares nothing" penalty, or blocks the
    // installed mesh that holds a second mesh back behind no mesh.
    if (
      pick &&
      pick.yes & ~pick.immature & bit &&
      !(pick.hasL7Proxy && ckb.l7Mask & bit) &&
      (s.req | s.pref) !== 0 &&
      !(pick.index === ckb.noneIndex && anchored)
    )
      continue;
    const twin = 1 << ckb.twinOf[i];
    if (s.pref & bit) {
      if (promotionsAsked & twin) continue;
      promotionsAsked |= twin;
    } else {
      if (additionsAsked & twin) continue;
      additionsAsked |= twin;
    }
    v.req = s.req | bit;
    v.pref = s.pref & ~bit;
    answer(
      ADD,
      topAfterCapabilityChange(
        v,
        s,
        bit,
        scores,
        breakdowns,
        ckb,
        s.pref & bit ? undefined : added,
      ),
      i,
    );
  }
  for (const m of ckb.meshes) {
    if (m.requiresCni && s.cni !== m.requiresCni) {
      v.cni = m.requiresCni;
      answer(
        CNI,
        bestOf(ckb, v, c => {
          if (blockedBy(c, v, ckb)) return -1;
          // the CNI's own mesh stops paying for its agent: its costs move too
          return agentPaid(c, v) !== agentPaid(c, s)
            ? score(c, v, ckb)
            : scoreFromPlatform(c, v, ckb, beforePlatform[c.index]);
        }),
        m.requiresCni,
      );
    }
  }
  for (const m of ckb.meshes) {
    if (m.id === s.currentMesh || enough(CURRENT_MESH, unblocked)) continue;
    v.currentMesh = m.id;
    answer(
      CURRENT_MESH,
      bestOf(ckb, v, c =>
        scores[c.index] < 0
          ? -1
          : scoreWithCurrentMesh(c, v, ckb, beforePlatform[c.index]),
      ),
      m.id,
    );
  }

  return kept(answers).map(a => describe(a, s, ckb));
}

/**
 * The answers the list keeps, in the order asked: the first of each kind,
 * then the others in order, up to MAX_FLIPS (as bit sets over the answers:
 * there are at most 6 kinds × 4 new top picks of them).
 */
function kept(answers: Answer[]): Answer[] {
  if (answers.length <= MAX_FLIPS) return answers;
  let firsts = 0;
  let kinds = 0;
  answers.forEach((a, i) => {
    if (kinds & (1 << a.kind)) return;
    kinds |= 1 << a.kind;
    firsts |= 1 << i;
  });
  // the first of each kind, then the others
  let keep = 0;
  let room = MAX_FLIPS;
  for (const wanted of [firsts, ~firsts]) {
    for (let i = 0; i < answers.length && room > 0; i++) {
      if (wanted & (1 << i)) {
        keep |= 1 << i;
        room--;
      }
    }
  }
  return answers.filter((_, i) => keep & (1 << i));
}
