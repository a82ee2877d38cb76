import fc from 'fast-check';
import { loadKnowledgeBase } from '../knowledgeBase/load';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import { ANNOTATIONS, CAPABILITIES, MESH_IDS, MeshId } from '../vocabulary';
import { createEvaluator } from './evaluate';
import {
  Declared,
  declaredAnnotations,
  service,
} from '../__testUtils__/testEntities';
import type { EvaluationResult } from './types';

/**
 * Issue 16's properties of the per-service advice: platform coherence,
 * neutral unknowns, and latency budgets held against the low end of a range.
 */
const kb = loadKnowledgeBase();
const family = (mesh: MeshId): MeshId[] =>
  Object.values(kb.coherence.families).find(f => f.includes(mesh)) ?? [mesh];

const caps = fc.subarray([...CAPABILITIES], { maxLength: 5 });
const declared = fc.record({
  requires: caps,
  prefers: caps,
  budget: fc.option(
    fc.constantFrom('0.1', '0.2', '0.25', '0.3', '0.45', '0.6', '0.9', '2'),
  ),
  replicas: fc.option(fc.nat(40).map(String)),
  capacity: fc.option(fc.constantFrom('low', 'medium', 'high')),
});
const platform = fc.record({
  cni: fc.constantFrom('cilium', 'calico', 'other'),
  currentMesh: fc.constantFrom(...MESH_IDS),
  clusters: fc.constantFrom(1, 2),
  serviceCount: fc.constantFrom(5, 40),
  releasePolicy: fc.constantFrom(
    'open-source-stable' as const,
    'vendor-supported-ok' as const,
  ),
});
const evaluators = new Map<string, ReturnType<typeof createEvaluator>>();
const evaluate = (
  p: object,
  d: Declared,
  knowledgeBase: KnowledgeBase = kb,
): EvaluationResult => {
  const key = JSON.stringify(p);
  let ev = knowledgeBase === kb ? evaluators.get(key) : undefined;
  if (!ev) {
    ev = createEvaluator({ knowledgeBase, platform: p });
    if (knowledgeBase === kb) evaluators.set(key, ev);
  }
  return ev(service('svc', declaredAnnotations(d)));
};

describe('platform coherence', () => {
  it('never advises a different mesh to a service the installed mesh serves, and says so when it must', () => {
    fc.assert(
      fc.property(platform, declared, (p, d) => {
        const r = evaluate(p, d);
        const top = r.recommendation;
        if (!top || p.currentMesh === 'none') return;
        const installed = r.ranking.find(c => c.mesh === p.currentMesh)!;
        const mine = family(p.currentMesh);
        const stays = [...mine, 'none'].includes(top.mesh);
        expect(installed.blocked || stays).toBe(true);
        // a second mesh only when every mode of the installed mesh has a hard
        // blocker, and then named, with less than high confidence
        const second = top.adoption === 'second-mesh';
        const familyBlocked = r.ranking
          .filter(c => mine.includes(c.mesh))
          .every(c => c.blocked);
        const named = r.ranking[0].reasons.some(
          x => x.factId === 'coherence.secondMesh',
        );
        expect(!second || (familyBlocked && named)).toBe(true);
        expect(!second || top.confidence !== 'high').toBe(true);
        expect(
          top.adoption !== 'mode-change' ||
            /a mode change within the installed mesh/.test(top.summary),
        ).toBe(true);
        // a held-back candidate is never ranked before an eligible one
        const firstHeld = r.ranking.findIndex(c => c.heldBack);
        expect(
          r.ranking
            .slice(firstHeld < 0 ? r.ranking.length : firstHeld)
            .every(c => c.heldBack || c.blocked),
        ).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('names each candidate’s relation to the installed mesh', () => {
    const r = evaluate(
      { cni: 'calico', currentMesh: 'istio-sidecar', serviceCount: 40 },
      {
        requires: ['mtls'],
        prefers: [],
        budget: null,
        replicas: null,
        capacity: null,
      },
    );
    const adoption = Object.fromEntries(
      r.ranking.map(c => [c.mesh, c.adoption]),
    );
    expect(adoption).toEqual({
      'istio-sidecar': 'installed',
      'istio-ambient': 'mode-change',
      linkerd: 'second-mesh',
      cilium: 'second-mesh',
      none: 'leave-mesh',
    });
  });
});

describe('honest figures', () => {
  it('never blocks on a budget a candidate’s p99 range reaches below', () => {
    fc.assert(
      fc.property(platform, declared, (p, d) => {
        const r = evaluate(p, d);
        const budget = r.requirements.latencyBudgetMs;
        for (const c of r.ranking) {
          const range = c.overhead.p99PerHopRange;
          const overBudget = c.blockers.some(b => b.kind === 'latency-budget');
          expect(overBudget).toBe(
            budget !== undefined && !!range && range.low > budget,
          );
          // a budget inside the range is a caveat, with the figure's sources;
          // below it a blocker only, above it nothing
          const inside =
            budget !== undefined &&
            !!range &&
            budget >= range.low &&
            budget < range.high;
          expect(c.reasons.some(x => /falls inside its/.test(x.text))).toBe(
            inside,
          );
        }
      }),
      { numRuns: 800 },
    );
  });

  it('never suggests a budget finer than a tenth of a millisecond', () => {
    fc.assert(
      fc.property(platform, declared, (p, d) => {
        const budgets = evaluate(p, d)
          .whatWouldChange.map(
            f => f.annotations?.[ANNOTATIONS.latencyBudgetMs],
          )
          .filter((v): v is string => !!v)
          .map(Number);
        for (const v of budgets)
          expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-9);
      }),
      { numRuns: 500 },
    );
  });

  it('scores an unknown figure no worse than the worst known one', () => {
    // Linkerd with its CPU and latency unknown, against the same Linkerd
    // given the worst CPU and p99 any meshed candidate is known to have.
    const unknown = structuredClone(kb);
    const worst = structuredClone(kb);
    const meshed = MESH_IDS.filter(m => m !== 'none').map(
      m => kb.meshes[m]!.overhead!,
    );
    const known = (values: (number | null | undefined)[]) =>
      Math.max(...values.filter((v): v is number => typeof v === 'number'));
    const worstCpu = known(
      meshed.flatMap(o => [
        o.cpuVcpuPer1kRps.value,
        o.l7Proxy && o.cpuVcpuPer1kRps.value !== null
          ? o.cpuVcpuPer1kRps.value + (o.l7Proxy.cpuVcpuPer1kRps.value ?? 0)
          : null,
      ]),
    );
    const worstP99 = known(
      meshed.flatMap(o => [o.p99Ms.value, o.l7Proxy?.p99Ms.value]),
    );
    const linkerd = (k: KnowledgeBase) => k.meshes.linkerd!.overhead!;
    linkerd(unknown).cpuVcpuPer1kRps.value = null;
    linkerd(unknown).p99Ms.value = null;
    linkerd(worst).cpuVcpuPer1kRps = {
      ...linkerd(worst).cpuVcpuPer1kRps,
      value: worstCpu,
    };
    linkerd(worst).p99Ms = {
      ...linkerd(worst).p99Ms,
      value: worstP99,
      low: worstP99,
      high: worstP99,
    };
    fc.assert(
      fc.property(platform, declared, (p, d) => {
        const part = (k: KnowledgeBase) =>
          evaluate(p, { ...d, budget: null }, k).ranking.find(
            c => c.mesh === 'linkerd',
          )!.breakdown.overhead;
        expect(part(unknown)).toBeGreaterThanOrEqual(part(worst));
      }),
      { numRuns: 150 },
    );
  });
});
