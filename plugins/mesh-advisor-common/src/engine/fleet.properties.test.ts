import fc from 'fast-check';
import { loadKnowledgeBase } from '../knowledgeBase';
import { ANNOTATIONS, CAPABILITIES, MESH_IDS } from '../vocabulary';
import { createEvaluator } from './evaluate';
import { recommendForPlatform } from './fleet';
import { migrationTolerance } from './fleetRanking';
import type { PlatformContextInput } from '../platform';
import { service } from '../__testUtils__/testEntities';
import type { EvaluationResult } from './types';

const kb = loadKnowledgeBase();
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
});
