import fc from 'fast-check';
import { loadKnowledgeBase } from '../knowledgeBase';
import { ANNOTATIONS, CAPABILITIES, MESH_IDS } from '../vocabulary';
import { createEvaluator } from './evaluate';
import { recommendForPlatform } from './fleet';
import { migrationTolerance } from './fleetRanking';
import { emptyTally, tallyResult } from './fleetTally';
import { compileKnowledgeBase } from '../knowledgeBase/compile';
import type { PlatformContextInput } from '../platform';
import { service } from '../__testUtils__/testEntities';
import type { EvaluationResult } from './types';

const kb = loadKnowledgeBase();
const ckb = compileKnowledgeBase(kb);
const platforms = fc.record({
  cni: fc.constantFrom('cilium', 'calico'),
  currentMesh: fc.constantFrom(...MESH_IDS),
  serviceCount: fc.integer({ min: 1, max: 80 }),
});
// A few capabilities at a time, as services declare them.
const caps = fc.subarray([...CAPABILITIES], { maxLength: 4 });
const declared = fc.record(
  {
    [ANNOTATIONS.requires]: caps.map(c => c.join(', ')),
    [ANNOTATIONS.prefers]: caps.map(c => c.join(', ')),
    [ANNOTATIONS.latencyBudgetMs]: fc.constantFrom('0.3', '0.6', '1', '5'),
    [ANNOTATIONS.replicas]: fc.integer({ min: 1, max: 50 }).map(String),
    [ANNOTATIONS.opsCapacity]: fc.constantFrom('low', 'medium', 'high'),
  },
  { requiredKeys: [] },
);
const catalogs = fc.record({
  platform: platforms,
  services: fc.array(declared, { minLength: 1, maxLength: 8 }),
});

type Catalog = {
  platform: PlatformContextInput;
  services: Record<string, string>[];
};

function evaluateAll(c: Catalog): EvaluationResult[] {
  const evaluate = createEvaluator({ platform: c.platform });
  return c.services.map((a, i) => evaluate(service(`s${i}`, a)));
}

describe('fleet properties', () => {
  it('picks X when every service ranks X first and X satisfies them all, or explains why not', () => {
    let unanimous = 0;
    fc.assert(
      fc.property(catalogs, c => {
        const results = evaluateAll(c);
        const firsts = new Set(results.map(r => r.recommendation?.mesh));
        const [x] = [...firsts];
        if (firsts.size !== 1 || x === undefined) return;
        unanimous++;
        const f = recommendForPlatform(kb, results);
        if (f.recommendation!.mesh === x) return;
        expect(f.explanation).toContain(
          x === 'none' ? 'no mesh' : kb.meshes[x]!.name,
        );
        expect(f.explanation).toContain('one mesh for all is');
      }),
      { numRuns: 300 },
    );
    // the property was exercised, not skipped
    expect(unanimous).toBeGreaterThan(30);
  });

  it('explains whenever some service ranks another mesh first, and only then', () => {
    fc.assert(
      fc.property(catalogs, c => {
        const results = evaluateAll(c);
        const f = recommendForPlatform(kb, results);
        const pick = f.recommendation!.mesh;
        const disagree = results.some(
          r => r.recommendation && r.recommendation.mesh !== pick,
        );
        expect(f.explanation !== null).toBe(disagree);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the installed mesh (or its other mode) while it leaves at most a tenth of the services more unsatisfied than the best', () => {
    fc.assert(
      fc.property(catalogs, c => {
        fc.pre(c.platform.currentMesh !== 'none');
        const f = recommendForPlatform(kb, evaluateAll(c));
        const most = Math.max(...f.ranking.map(k => k.servicesSatisfied));
        const installed = f.ranking.filter(
          k => k.change === 'keep' || k.change === 'mode-change',
        );
        const served = Math.max(...installed.map(k => k.servicesSatisfied));
        const stays = served >= most - migrationTolerance(c.services.length);
        expect(['keep', 'mode-change'].includes(f.ranking[0].change)).toBe(
          stays,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('never counts a hard requirement twice: met + partial + unknown + unmet is what was declared', () => {
    fc.assert(
      fc.property(catalogs, c => {
        const results = evaluateAll(c);
        const declaredTotal = results.reduce(
          (n, r) =>
            n +
            r.requirements.requires.length +
            (r.requirements.latencyBudgetMs !== undefined ? 1 : 0),
          0,
        );
        for (const k of recommendForPlatform(kb, results).ranking)
          expect(
            k.requirementsMet +
              k.requirementsPartial +
              k.requirementsUnknown +
              k.requirementsUnmet,
          ).toBe(declaredTotal);
      }),
      { numRuns: 100 },
    );
  });

  it('counts, per pair of candidates, what the plain way finds in the full lists of services each leaves', () => {
    const tally = (results: EvaluationResult[], maxUnsatisfied: number) => {
      const tallies = MESH_IDS.map(mesh => emptyTally(kb, mesh));
      const paid = MESH_IDS.map(() => false);
      for (const r of results)
        tallyResult(tallies, r, { ckb, paid, maxUnsatisfied });
      return tallies;
    };
    fc.assert(
      fc.property(catalogs, c => {
        const results = evaluateAll(c).filter(r => r.status !== 'excluded');
        const all = tally(results, Infinity);
        const bounded = tally(results, 1);
        const blockersOf = (ref: string, mesh: string) =>
          results
            .find(r => r.entityRef === ref)!
            .ranking.find(k => k.mesh === mesh)!.blockers;
        all.forEach((loser, l) =>
          all.forEach((winner, w) => {
            // the plain way: the services loser leaves, less those winner leaves too
            const alsoLeft = new Set(winner.unsatisfied.map(u => u.entityRef));
            const left = loser.unsatisfied.filter(
              u => !alsoLeft.has(u.entityRef),
            );
            const missing = new Map<string, number>();
            for (const m of left.flatMap(u => u.missing))
              missing.set(m, (missing.get(m) ?? 0) + 1);
            const facts = left.flatMap(u =>
              blockersOf(u.entityRef, loser.mesh).map(b => b.factId),
            );
            for (const counted of [loser, bounded[l]].map(
              t => t.leftWhereMet[w],
            )) {
              expect(counted.count).toBe(left.length);
              expect(counted.missing).toEqual(missing);
              expect([...counted.facts]).toEqual([...new Set(facts)]);
            }
          }),
        );
        all.forEach((t, i) => {
          expect(t.unsatisfiedTotal).toBe(t.unsatisfied.length);
          expect(bounded[i].unsatisfiedTotal).toBe(t.unsatisfied.length);
          expect(bounded[i].unsatisfied).toEqual(t.unsatisfied.slice(0, 1));
        });
      }),
      { numRuns: 100 },
    );
  });
});
