import type { CompiledMesh } from '../knowledgeBase/compile';
import { CAPABILITIES } from '../vocabulary';
import { BLOCKED_LATENCY, blockedBy } from './constraints';
import { ADD, REMOVE } from './describeChange';
import { bitIndex, lowestBit, withoutLowestBit } from './bits';
import { scoreWithRequirementsChanged } from './rescore';
import { coherentTop, declaresNothing, eligibleMask } from './scoring';
import type { WhatIf } from './whatIf';

const UNASKED = -2;

/** An added capability the mesh has, by maturity: partial 0, yes but immature 2, partial and immature 3. */
function addedState(m: CompiledMesh, bit: number) {
  if (!(m.immature & bit)) return 0;
  return m.partial & bit ? 3 : 2;
}

/**
 * The what-if questions that change the hard requirements: dropping each
 * one, and requiring each capability not yet required. One per evaluator,
 * like the WhatWouldChange that asks them: it owns the memo of additions.
 */
export class CapabilityQuestions {
  /**
   * The memo of additions: by candidate, added capability's state and
   * waypoint need, the score one more such requirement gives it (see
   * topAfterCapabilityChange).
   */
  private readonly added: number[];

  constructor(meshes: number) {
    this.added = new Array(meshes * 8);
  }

  /** Dropping each hard requirement. */
  askRemovals(w: WhatIf) {
    const { s, v, ckb } = w;
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
      w.flips.note(REMOVE, this.topAfterCapabilityChange(w, bit, false), i);
    }
    v.req = s.req;
  }

  /** Requiring each capability not yet required (a preference promoted, or a new one). */
  askAdditions(w: WhatIf) {
    const { s, v, ckb } = w;
    const addable = addableMask(w);
    // A mode of the installed mesh is unblocked: a second mesh waits behind
    // it and no mesh (see coherentTop).
    const anchored = eligibleMask(w.scores, s, ckb) !== -1;
    this.added.fill(UNASKED);
    let additionsAsked = 0;
    let promotionsAsked = 0; // a preference made a requirement
    for (
      let i = 0;
      i < CAPABILITIES.length && !w.flips.enough(ADD, addable);
      i++
    ) {
      const bit = 1 << i;
      if (s.req & bit || cannotUnseat(w, bit, anchored)) continue;
      const twin = 1 << ckb.twinOf[i];
      const promoted = (s.pref & bit) !== 0;
      if ((promoted ? promotionsAsked : additionsAsked) & twin) continue;
      if (promoted) promotionsAsked |= twin;
      else additionsAsked |= twin;
      v.req = s.req | bit;
      v.pref = s.pref & ~bit;
      w.flips.note(ADD, this.topAfterCapabilityChange(w, bit, !promoted), i);
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
  private topAfterCapabilityChange(
    w: WhatIf,
    bit: number,
    memo: boolean,
  ): number {
    const { s, v, ckb, points, scores } = w;
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
        if (p === UNASKED) p = this.added[key] = rescore(w, m);
      } else {
        p = rescore(w, m);
      }
      points[m.index] = p;
    }
    return coherentTop(points, v, ckb);
  }
}

/**
 * The candidates an added requirement can make the top pick: an added
 * requirement never lifts a blocker — unless the waypoint it brings in has
 * its own latency figure.
 */
function addableMask({ s, ckb, scores, currentTop }: WhatIf): number {
  let addable = 0;
  for (const m of ckb.meshes) {
    if (m.index === currentTop) continue;
    const flags = scores[m.index] < 0 ? blockedBy(m, s, ckb) : 0;
    if (flags === 0 || (flags === BLOCKED_LATENCY && m.hasL7Proxy))
      addable |= 1 << m.index;
  }
  return addable;
}

/**
 * Requiring what the current pick fully has cannot unseat it: its score
 * stays, the others can only lose — unless it changes the pick's own costs
 * (a waypoint), ends the "declares nothing" penalty, or blocks the
 * installed mesh that holds a second mesh back behind no mesh (`anchored`:
 * a mode of the installed mesh is unblocked).
 */
function cannotUnseat(
  { s, ckb, currentTop }: WhatIf,
  bit: number,
  anchored: boolean,
): boolean {
  if (currentTop < 0) return false;
  const pick = ckb.meshes[currentTop];
  return (
    (pick.yes & ~pick.immature & bit) !== 0 &&
    !(pick.hasL7Proxy && ckb.l7Mask & bit) &&
    (s.req | s.pref) !== 0 &&
    !(pick.index === ckb.noneIndex && anchored)
  );
}

/** A candidate's score in `v` after a change of requirements or preferences (-1: blocked). */
function rescore(w: WhatIf, m: CompiledMesh): number {
  const { s, v, ckb } = w;
  return blockedBy(m, v, ckb)
    ? -1
    : scoreWithRequirementsChanged(m, v, s, ckb, w.breakdowns[m.index]);
}
