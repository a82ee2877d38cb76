import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import type { Situation } from './situation';

/** The Istio ambient waypoint is needed as soon as the service wants any L7 capability. */
export function needsL7Proxy(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): boolean {
  return m.hasL7Proxy && ((s.req | s.pref) & ckb.l7Mask) !== 0;
}

/**
 * What the service requires of this candidate: its own requirements, and
 * for a mesh what the platform requires of every mesh (multi-cluster on a
 * platform of several clusters). No mesh need not span anything.
 */
export function requiredOf(m: CompiledMesh, s: Situation): number {
  return m.placement === 'none' ? s.req : s.req | s.platformReq;
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

/** The low end of the p99-per-hop range: what a latency budget is held against. */
export function p99LowPerHop(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number | null {
  if (m.p99Ms === null) return null;
  return needsL7Proxy(m, s, ckb) ? m.l7P99Low : m.p99Low;
}

/** The mesh is the cluster's CNI, so its per-node agent runs already: it is not charged again. */
export const agentPaid = (m: CompiledMesh, s: Situation) =>
  m.requiresCni !== undefined && s.cni === m.requiresCni;

/** Bit flags of the hard constraints a candidate violates (0: none). */
export const BLOCKED_CAPABILITY = 1;
export const BLOCKED_LATENCY = 2;
export const BLOCKED_PLATFORM = 4;

/**
 * Hard constraints, as numbers: a required capability the mesh does not
 * have, a latency budget below the low end of its added p99 per hop (an
 * estimate's range reaching below the budget is a caveat, and an unknown
 * latency never blocks), or a CNI it cannot run on. Partial and unknown
 * support never block; they cost score instead, and the explanation says so.
 */
export function blockedBy(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number {
  let flags = 0;
  if (requiredOf(m, s) & m.no) flags |= BLOCKED_CAPABILITY;
  if (s.budgetMs !== Infinity) {
    const low = p99LowPerHop(m, s, ckb);
    if (low !== null && low > s.budgetMs) flags |= BLOCKED_LATENCY;
  }
  if (m.requiresCni && s.cni !== m.requiresCni) flags |= BLOCKED_PLATFORM;
  return flags;
}
