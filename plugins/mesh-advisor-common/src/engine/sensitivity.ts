import { CompiledKnowledgeBase, capabilitiesOf } from '../knowledgeBase/compile';
import { ANNOTATIONS, CAPABILITIES, MESH_IDS, OPS_CAPACITIES } from '../vocabulary';
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
export function whatWouldChange(s: Situation, ckb: CompiledKnowledgeBase, currentTop: number): Flip[] {
  const flips: Flip[] = [];
  const seen = new Set<string>();
  const consider = (variant: Situation, flip: Omit<Flip, 'newTop'>) => {
    const top = topCandidate(variant, ckb);
    if (top === currentTop || top < 0) return;
    const key = `${flip.kind}:${top}`;
    if (seen.has(key)) return;
    seen.add(key);
    flips.push({ ...flip, newTop: ckb.meshes[top].id });
  };
  const requires = capabilitiesOf(s.req);
  const annotate = (req: number) => ({
    [ANNOTATIONS.requires]: req ? capabilitiesOf(req).join(', ') : null,
  });

  for (const cap of requires) {
    const bit = 1 << CAPABILITIES.indexOf(cap);
    consider({ ...s, req: s.req & ~bit }, { kind: 'remove-requirement', change: `Drop the ${cap} requirement`, annotations: annotate(s.req & ~bit) });
  }
  for (const capacity of OPS_CAPACITIES) {
    if (capacity === s.capacity) continue;
    consider({ ...s, capacity, capacityDeclared: true }, { kind: 'ops-capacity', change: `Declare ${capacity} ops capacity`, annotations: { [ANNOTATIONS.opsCapacity]: capacity } });
  }
  if (s.budgetMs !== Infinity) {
    consider({ ...s, budgetMs: Infinity }, { kind: 'latency-budget', change: 'Drop the latency budget', annotations: { [ANNOTATIONS.latencyBudgetMs]: null } });
  } else if (currentTop >= 0) {
    // The tightest budget the current pick no longer meets.
    const p99 = p99PerHop(ckb.meshes[currentTop], s, ckb);
    if (p99 !== null && p99 > 0) {
      const budget = Math.floor(p99 * 90) / 100;
      if (budget > 0) {
        consider({ ...s, budgetMs: budget }, { kind: 'latency-budget', change: `Set a latency budget of ${budget} ms per hop`, annotations: { [ANNOTATIONS.latencyBudgetMs]: String(budget) } });
      }
    }
  }
  for (let i = 0; i < CAPABILITIES.length; i++) {
    const bit = 1 << i;
    if (s.req & bit) continue;
    const req = s.req | bit;
    consider({ ...s, req, pref: s.pref & ~bit }, { kind: 'add-requirement', change: `Require ${CAPABILITIES[i]}`, annotations: annotate(req) });
  }
  for (const m of ckb.meshes) {
    if (m.requiresCni && s.cni !== m.requiresCni) {
      consider({ ...s, cni: m.requiresCni }, { kind: 'cni', change: `Run ${m.requiresCni} as the cluster CNI`, platform: { cni: m.requiresCni } });
    }
  }
  for (const mesh of MESH_IDS) {
    if (mesh === s.currentMesh) continue;
    consider({ ...s, currentMesh: mesh }, { kind: 'current-mesh', change: mesh === 'none' ? 'If the platform ran no mesh today' : `If the platform already ran ${mesh}`, platform: { currentMesh: mesh } });
  }
  const firstOfKind = flips.filter((f, i) => flips.findIndex(g => g.kind === f.kind) === i);
  const rest = flips.filter(f => !firstOfKind.includes(f));
  const picked = new Set([...firstOfKind, ...rest].slice(0, MAX_FLIPS));
  return flips.filter(f => picked.has(f));
}
