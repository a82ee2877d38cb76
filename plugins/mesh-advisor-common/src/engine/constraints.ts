import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import { Situation } from './situation';

/** The Istio ambient waypoint is needed as soon as the service wants any L7 capability. */
export function needsL7Proxy(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): boolean {
  return m.hasL7Proxy && ((s.req | s.pref) & ckb.l7Mask) !== 0;
}

/** Added p99 per hop for this service on this mesh; null when no source gives it. */
export function p99PerHop(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number | null {
  if (m.p99Ms === null) return null;
  // The waypoint figure is for the whole L7 path, so it replaces the L4 one.
  return needsL7Proxy(m, s, ckb) ? m.l7P99Ms : m.p99Ms;
}

/** Bit flags of the hard constraints a candidate violates (0: none). */
export const BLOCKED_CAPABILITY = 1;
export const BLOCKED_LATENCY = 2;
export const BLOCKED_PLATFORM = 4;

/**
 * Hard constraints, as numbers: a required capability the mesh does not
 * have, a latency budget it exceeds (an unknown latency never blocks), or a
 * CNI it cannot run on. Partial and unknown support never block; they cost
 * score instead, and the explanation says so.
 */
export function blockedBy(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  let flags = 0;
  if (s.req & m.no) flags |= BLOCKED_CAPABILITY;
  if (s.budgetMs !== Infinity) {
    const p99 = p99PerHop(m, s, ckb);
    if (p99 !== null && p99 > s.budgetMs) flags |= BLOCKED_LATENCY;
  }
  if (m.requiresCni && s.cni !== m.requiresCni) flags |= BLOCKED_PLATFORM;
  return flags;
}
