import { createEvaluator, recommendForPlatform } from '../engine';
import { loadKnowledgeBase } from '../knowledgeBase';
import { MESH_IDS } from '../vocabulary';
import { requires, service } from '../__testUtils__/testEntities';
import { buildSummary } from './summaryCounts';

const kb = loadKnowledgeBase();
const evaluate = createEvaluator({
  platform: { cni: 'calico', serviceCount: 40 },
});

describe('buildSummary', () => {
  it('counts the services per recommended mesh and per status', () => {
    const results = [
      evaluate(service('a', requires('mtls'))),
      evaluate(service('b', requires('mtls'))),
      evaluate(service('c', { 'mesh-advisor.io/exclude': 'true' })),
    ];
    const summary = buildSummary(results, recommendForPlatform(kb, results));
    expect(summary.total).toBe(3);
    expect(summary.byStatus).toEqual({ evaluated: 2, excluded: 1, invalid: 0 });
    // a and b declare the same needs, so they get the same pick
    expect(summary.byMesh[results[0].recommendation!.mesh]).toBe(2);
    // every mesh is listed, counted or not
    expect(Object.keys(summary.byMesh).sort()).toEqual([...MESH_IDS].sort());
    expect(Object.values(summary.byMesh).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("lists at most 500 unsatisfied services and keeps the fleet's total", () => {
    const results = [evaluate(service('a'))];
    const fleet = recommendForPlatform(kb, results);
    const unsatisfied = Array.from({ length: 501 }, (_, i) => ({
      entityRef: `component:default/s${i}`,
      missing: ['mtls'],
    }));
    const { platform } = buildSummary(results, {
      ...fleet,
      unsatisfied,
      unsatisfiedTotal: 501,
    });
    expect(platform.unsatisfied).toHaveLength(500);
    expect(platform.unsatisfiedTotal).toBe(501);
  });
});
