import fc from 'fast-check';
import { parseAnnotations } from '../annotations';
import { compileKnowledgeBase } from '../knowledgeBase/compile';
import { loadKnowledgeBase } from '../knowledgeBase/load';
import { resolvePlatform } from '../platform';
import {
  ANNOTATIONS,
  CAPABILITIES,
  MESH_IDS,
  OPS_CAPACITIES,
} from '../vocabulary';
import { blockedBy, p99LowPerHop } from './constraints';
import { topCandidate } from './rescore';
import { scoreBreakdown, totalScore } from './scoring';
import { WhatWouldChange, budgetBelow } from './whatWouldChange';
import { Situation, buildSituation, platformSituation } from './situation';

const ckb = compileKnowledgeBase(loadKnowledgeBase());
const whatIf = new WhatWouldChange(ckb);

/**
 * The questions asked the plain way: every single change, one full
 * re-scoring of every candidate each — what the fast paths (reused scores,
 * partial sums, twin capabilities, the memo of additions) must agree with.
 * Returns (kind, new top) in the order found, before the list is trimmed.
 */
function referenceAnswers(s: Situation, currentTop: number): string[] {
  const found: string[] = [];
  const ask = (kind: string, change: Partial<Situation>) => {
    const top = topCandidate({ ...s, ...change }, ckb);
    const answer = `${kind}:${ckb.meshes[top]?.id}`;
    if (top !== currentTop && top >= 0 && !found.includes(answer))
      found.push(answer);
  };
  const enough = (kind: string) =>
    found.length >= 5 && found.some(f => f.startsWith(`${kind}:`));
  CAPABILITIES.forEach((_, i) => {
    if (s.req & (1 << i)) ask('remove-requirement', { req: s.req & ~(1 << i) });
  });
  for (const capacity of OPS_CAPACITIES)
    if (capacity !== s.capacity)
      ask('ops-capacity', { capacity, capacityDeclared: true });
  if (s.budgetMs !== Infinity) ask('latency-budget', { budgetMs: Infinity });
  else if (currentTop >= 0) {
    const budget = budgetBelow(p99LowPerHop(ckb.meshes[currentTop], s, ckb));
    if (budget > 0) ask('latency-budget', { budgetMs: budget });
  }
  const pick = ckb.meshes[currentTop];
  // a mode of the installed mesh is unblocked, so a second mesh waits
  const anchored =
    s.currentMesh !== 'none' &&
    ckb.meshes.some(
      m =>
        m.family & (1 << ckb.indexOf[s.currentMesh]) && !blockedBy(m, s, ckb),
    );
  CAPABILITIES.forEach((_, i) => {
    const bit = 1 << i;
    if (s.req & bit || enough('add-requirement')) return;
    if (
      pick &&
      pick.yes & ~pick.immature & bit &&
      !(pick.hasL7Proxy && ckb.l7Mask & bit) &&
      (s.req | s.pref) !== 0 &&
      !(pick.id === 'none' && anchored)
    )
      return;
    ask('add-requirement', { req: s.req | bit, pref: s.pref & ~bit });
  });
  for (const m of ckb.meshes)
    if (m.requiresCni && s.cni !== m.requiresCni)
      ask('cni', { cni: m.requiresCni });
  for (const mesh of MESH_IDS)
    if (mesh !== s.currentMesh && !enough('current-mesh'))
      ask('current-mesh', { currentMesh: mesh });
  return found;
}

// Services with only L4 needs too: the first L7 capability brings a waypoint.
const caps = fc.oneof(
  fc.subarray([...CAPABILITIES], { maxLength: 6 }),
  fc.subarray(
    CAPABILITIES.filter((_, i) => !(ckb.l7Mask & (1 << i))),
    { maxLength: 4 },
  ),
);
const declared = fc.record({
  requires: caps,
  prefers: caps,
  budget: fc.option(
    fc.constantFrom('0.1', '0.2', '0.25', '0.3', '0.4', '0.6', '0.7', '1', '5'),
  ),
  replicas: fc.option(fc.nat(60).map(String)),
  capacity: fc.option(fc.constantFrom(...OPS_CAPACITIES)),
});
const platform = fc.record({
  cni: fc.constantFrom('cilium', 'calico', 'other'),
  currentMesh: fc.constantFrom(...MESH_IDS),
  serviceCount: fc.constantFrom(5, 40, 5000),
  clusters: fc.constantFrom(1, 3),
  releasePolicy: fc.constantFrom(
    'open-source-stable' as const,
    'vendor-supported-ok' as const,
  ),
});

describe('what would change it', () => {
  it('finds the same flips as asking every question the plain way', () => {
    fc.assert(
      fc.property(declared, platform, fc.boolean(), (d, p, deprecated) => {
        const annotations: Record<string, string> = {};
        if (d.requires.length)
          annotations[ANNOTATIONS.requires] = d.requires.join(',');
        if (d.prefers.length)
          annotations[ANNOTATIONS.prefers] = d.prefers.join(',');
        if (d.budget) annotations[ANNOTATIONS.latencyBudgetMs] = d.budget;
        if (d.replicas) annotations[ANNOTATIONS.replicas] = d.replicas;
        if (d.capacity) annotations[ANNOTATIONS.opsCapacity] = d.capacity;
        const { requirements } = parseAnnotations(annotations);
        const s = buildSituation(
          requirements,
          platformSituation(resolvePlatform(p), ckb),
          ckb,
          1,
          deprecated ? 'deprecated' : 'production',
        );
        const breakdowns = ckb.meshes.map(m => scoreBreakdown(m, s, ckb));
        const scores = ckb.meshes.map(m =>
          blockedBy(m, s, ckb) ? -1 : totalScore(breakdowns[m.index], s),
        );
        const top = topCandidate(s, ckb);

        const flips = whatIf.ask(s, top, scores, breakdowns);
        const reference = referenceAnswers(s, top);
        const found = flips.map(f => `${f.kind}:${f.newTop}`);
        // Every flip reported is one the plain way finds, in the same order;
        // none is missed when there is room for it.
        expect(found).toEqual(reference.filter(r => found.includes(r)));
        expect(found.length).toBe(Math.min(reference.length, 5));
        // Each kind found is represented, as far as the list's room allows.
        const kinds = new Set(reference.map(r => r.split(':')[0]));
        expect(new Set(flips.map(f => f.kind)).size).toBe(
          Math.min(kinds.size, 5),
        );
      }),
      {
        numRuns: 20000,
        // found by this test: a waypoint must not be forgotten by the memo of additions
        examples: [
          [
            {
              requires: [],
              prefers: ['sidecar-free'],
              budget: null,
              replicas: null,
              capacity: 'high',
            },
            {
              cni: 'cilium',
              currentMesh: 'istio-sidecar',
              serviceCount: 5,
              clusters: 1,
              releasePolicy: 'vendor-supported-ok',
            },
            false,
          ],
        ],
      },
    );
  });
});
