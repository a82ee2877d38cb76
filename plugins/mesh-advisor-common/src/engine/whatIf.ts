import type { CompiledKnowledgeBase } from '../knowledgeBase/compile';
import { FlipList } from './flipList';
import type { Situation } from './situation';
import type { ScoreBreakdown } from './types';

/**
 * One service's what-if questions in progress (see WhatWouldChange): the
 * real situation and its candidates' scores, and the scratch space each
 * question reuses. A question changes one field of `v` and puts it back.
 */
export type WhatIf = {
  readonly ckb: CompiledKnowledgeBase;
  /** the real situation */
  s: Situation;
  /** `s` with the one change the question being asked makes */
  v: Situation;
  /** the candidates' scores in `s` (-1: blocked) and their breakdowns */
  scores: readonly number[];
  breakdowns: readonly ScoreBreakdown[];
  /** the top pick in `s` (-1: none) */
  currentTop: number;
  /** each candidate's parts before operations and before the platform part, in `s` */
  readonly before: Float64Array;
  readonly beforePlatform: Float64Array;
  /** every candidate's points for one question (-1: blocked) */
  readonly points: Float64Array;
  readonly flips: FlipList;
};

/** Scratch space for the questions about a knowledge base's candidates. */
export function newWhatIf(ckb: CompiledKnowledgeBase): WhatIf {
  const n = ckb.meshes.length;
  return {
    ckb,
    s: undefined as unknown as Situation,
    v: undefined as unknown as Situation,
    scores: [],
    breakdowns: [],
    currentTop: -1,
    before: new Float64Array(n),
    beforePlatform: new Float64Array(n),
    points: new Float64Array(n),
    flips: new FlipList(),
  };
}
