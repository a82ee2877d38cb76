import {
  CompiledKnowledgeBase,
  capabilityList,
} from '../knowledgeBase/compile';
import { ANNOTATIONS, CAPABILITIES } from '../vocabulary';
import type { Situation } from './situation';
import type { Flip } from './types';

/** The kinds of question, in the order WhatWouldChange asks them. */
export const KINDS: readonly Flip['kind'][] = [
  'remove-requirement',
  'ops-capacity',
  'latency-budget',
  'add-requirement',
  'cni',
  'current-mesh',
];
export const [REMOVE, CAPACITY, BUDGET, ADD, CNI, CURRENT_MESH] = KINDS.keys();

/** A question that flipped the pick: its kind, the new top, and the capability index, capacity, budget, CNI or mesh it changed. */
export type Answer = { kind: number; top: number; change: number | string };

/** The flip in words, with the annotations or platform fields to set. */
export function describeChange(
  a: Answer,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): Flip {
  const newTop = ckb.meshes[a.top].id;
  const requires = (req: number) => ({
    [ANNOTATIONS.requires]: req ? capabilityList(req) : null,
  });
  const kind = KINDS[a.kind];
  switch (a.kind) {
    case REMOVE: {
      const i = a.change as number;
      return {
        kind,
        change: `Drop the ${CAPABILITIES[i]} requirement`,
        annotations: requires(s.req & ~(1 << i)),
        newTop,
      };
    }
    case ADD: {
      const i = a.change as number;
      return {
        kind,
        change: `Require ${CAPABILITIES[i]}`,
        annotations: requires(s.req | (1 << i)),
        newTop,
      };
    }
    case CAPACITY:
      return {
        kind,
        change: `Declare ${a.change} ops capacity`,
        annotations: { [ANNOTATIONS.opsCapacity]: a.change as string },
        newTop,
      };
    case BUDGET:
      return a.change === Infinity
        ? {
            kind,
            change: 'Drop the latency budget',
            annotations: { [ANNOTATIONS.latencyBudgetMs]: null },
            newTop,
          }
        : {
            kind,
            change: `Set a latency budget of ${a.change} ms per hop`,
            annotations: { [ANNOTATIONS.latencyBudgetMs]: String(a.change) },
            newTop,
          };
    case CNI:
      return {
        kind,
        change: `Run ${a.change} as the cluster CNI`,
        platform: { cni: a.change as string },
        newTop,
      };
    default:
      return {
        kind,
        change:
          a.change === 'none'
            ? 'If the platform ran no mesh today'
            : `If the platform already ran ${a.change}`,
        platform: { currentMesh: a.change as Flip['newTop'] },
        newTop,
      };
  }
}
