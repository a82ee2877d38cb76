import {
  CompiledKnowledgeBase,
  capabilitiesOf,
} from '../knowledgeBase/compile';
import {
  ANNOTATIONS,
  CAPABILITIES,
  MESH_IDS,
  OPS_CAPACITIES,
} from '../vocabulary';
import { p99PerHop } from './constraints';
import { topCandidate } from './scoring';
import { Situation } from './situation';
import type { Flip } from './types';

const MAX_FLIPS = 5;

/**
 * What would change the answer: every single change of requirements or
 * context, tried on the fast scoring path, keeping those that flip the top
 * pick to another candidate (a change after which nothing fits is not
 * advice). The list keeps the first flip of each kind — team-level kinds
 * (requirements, capacity, budget) before platform-level ones (CNI, current
 * mesh) — then fills up in that order, at most one per kind and new top pick.
 */
export function whatWouldChange(
  s: Situation,
  ckb: CompiledKnowledgeBase,
  currentTop: number,
): Flip[] {
  const flips: Flip[] = [];
  const seen = new Set<string>();
  // One scratch copy of the situation, changed and restored around each question.
  const v: Situation = { ...s };
  const consider = (
    kind: Flip['kind'],
    describe: () => Omit<Flip, 'newTop' | 'kind'>,
  ) => {
    const top = topCandidate(v, ckb);
    // restore what the question changed
    v.req = s.req;
    v.pref = s.pref;
    v.capacity = s.capacity;
    v.capacityDeclared = s.capacityDeclared;
    v.budgetMs = s.budgetMs;
    v.cni = s.cni;
    v.currentMesh = s.currentMesh;
    if (top === currentTop || top < 0) return;
    const key = `${kind}:${top}`;
    if (seen.has(key)) return;
    seen.add(key);
    flips.push({ kind, ...describe(), newTop: ckb.meshes[top].id });
  };
  const annotate = (req: number) => ({
    [ANNOTATIONS.requires]: req ? capabilitiesOf(req).join(', ') : null,
  });

  for (const cap of capabilitiesOf(s.req)) {
    const req = s.req & ~(1 << CAPABILITIES.indexOf(cap));
    v.req = req;
    consider('remove-requirement', () => ({
      change: `Drop the ${cap} requirement`,
      annotations: annotate(req),
    }));
  }
  for (const capacity of OPS_CAPACITIES) {
    if (capacity === s.capacity) continue;
    v.capacity = capacity;
    v.capacityDeclared = true;
    consider('ops-capacity', () => ({
      change: `Declare ${capacity} ops capacity`,
      annotations: { [ANNOTATIONS.opsCapacity]: capacity },
    }));
  }
  if (s.budgetMs !== Infinity) {
    v.budgetMs = Infinity;
    consider('latency-budget', () => ({
      change: 'Drop the latency budget',
      annotations: { [ANNOTATIONS.latencyBudgetMs]: null },
    }));
  } else if (currentTop >= 0) {
    // The tightest budget the current pick no longer meets.
    const p99 = p99PerHop(ckb.meshes[currentTop], s, ckb);
    const budget = p99 === null ? 0 : Math.floor(p99 * 90) / 100;
    if (budget > 0) {
      v.budgetMs = budget;
      consider('latency-budget', () => ({
        change: `Set a latency budget of ${budget} ms per hop`,
        annotations: { [ANNOTATIONS.latencyBudgetMs]: String(budget) },
      }));
    }
  }
  const top = currentTop >= 0 ? ckb.meshes[currentTop] : undefined;
  // Past the list's length, a kind only needs its first flip: stop asking then.
  const enough = (kind: Flip['kind']) =>
    flips.length >= MAX_FLIPS && flips.some(f => f.kind === kind);
  for (let i = 0; i < CAPABILITIES.length && !enough('add-requirement'); i++) {
    const bit = 1 << i;
    if (s.req & bit) continue;
    // Requiring what the current pick fully has cannot unseat it: its score
    // stays, the others can only lose — unless it changes the pick's own
    // costs (a waypoint) or ends the "declares nothing" penalty.
    if (
      top &&
      top.yes & bit &&
      !(top.hasL7Proxy && ckb.l7Mask & bit) &&
      (s.req | s.pref) !== 0
    )
      continue;
    const req = s.req | bit;
    v.req = req;
    v.pref = s.pref & ~bit;
    consider('add-requirement', () => ({
      change: `Require ${CAPABILITIES[i]}`,
      annotations: annotate(req),
    }));
  }
  for (const m of ckb.meshes) {
    if (m.requiresCni && s.cni !== m.requiresCni) {
      v.cni = m.requiresCni;
      consider('cni', () => ({
        change: `Run ${m.requiresCni} as the cluster CNI`,
        platform: { cni: m.requiresCni },
      }));
    }
  }
  for (const mesh of MESH_IDS) {
    if (mesh === s.currentMesh || enough('current-mesh')) continue;
    v.currentMesh = mesh;
    consider('current-mesh', () => ({
      change:
        mesh === 'none'
          ? 'If the platform ran no mesh today'
          : `If the platform already ran ${mesh}`,
      platform: { currentMesh: mesh },
    }));
  }
  const firstOfKind = flips.filter(
    (f, i) => flips.findIndex(g => g.kind === f.kind) === i,
  );
  const rest = flips.filter(f => !firstOfKind.includes(f));
  const picked = new Set([...firstOfKind, ...rest].slice(0, MAX_FLIPS));
  return flips.filter(f => picked.has(f));
}
