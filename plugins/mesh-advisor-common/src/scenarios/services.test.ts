import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createEvaluator } from '../engine';
import { service } from '../__testUtils__/testEntities';
import type { PlatformContextInput } from '../platform';

/**
 * Service scenarios (data/examples/service-scenarios.yaml): realistic
 * services on realistic platforms, each with the pick a platform engineer
 * expects and the fact it turns on.
 */
type Scenario = {
  platform: string;
  annotations?: Record<string, string>;
  expect: {
    top: string | null;
    adoption?: string;
    turnsOn: string;
    borderline?: boolean;
  };
  why: string;
};
const file: {
  platforms: Record<string, PlatformContextInput>;
  scenarios: Record<string, Scenario>;
} = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../data/examples/service-scenarios.yaml'),
    'utf8',
  ),
);
const evaluators = Object.fromEntries(
  Object.entries(file.platforms).map(([name, platform]) => [
    name,
    createEvaluator({ platform }),
  ]),
);
const evaluate = (sc: Scenario) =>
  evaluators[sc.platform](
    service(
      'svc',
      Object.fromEntries(
        Object.entries(sc.annotations ?? {}).map(([k, v]) => [
          `mesh-advisor.io/${k}`,
          v,
        ]),
      ),
    ),
  );
const scenarios = Object.entries(file.scenarios);

describe('service scenarios', () => {
  it('are at least 60, on platforms that cover what issue 16 asks for', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(60);
    const on = (p: (x: PlatformContextInput) => boolean) =>
      scenarios.filter(([, s]) => p(file.platforms[s.platform]));
    // an existing mesh of each kind, and none
    for (const mesh of [
      'istio-sidecar',
      'istio-ambient',
      'linkerd',
      'cilium',
      'none',
    ])
      expect(
        on(p => (p.currentMesh ?? 'none') === mesh).length,
      ).toBeGreaterThan(3);
    // Cilium as the CNI without a mesh, multi-cluster, a release policy
    expect(
      on(p => p.cni === 'cilium' && (p.currentMesh ?? 'none') === 'none')
        .length,
    ).toBeGreaterThan(3);
    expect(on(p => (p.clusters ?? 1) > 1).length).toBeGreaterThan(3);
    expect(
      on(p => p.releasePolicy === 'open-source-stable').length,
    ).toBeGreaterThan(2);
    // mode changes within Istio, second meshes, budgets
    const adoptions = scenarios.map(([, s]) => s.expect.adoption);
    expect(adoptions.filter(a => a === 'mode-change').length).toBeGreaterThan(
      3,
    );
    expect(adoptions.filter(a => a === 'second-mesh').length).toBeGreaterThan(
      3,
    );
    expect(
      scenarios.filter(([, s]) => s.annotations?.['latency-budget-ms']).length,
    ).toBeGreaterThan(4);
  });

  it.each(scenarios)('%s', (_, sc) => {
    const r = evaluate(sc);
    expect(r.status).toBe('evaluated');
    expect(r.recommendation?.mesh ?? null).toBe(sc.expect.top);
    expect(r.recommendation?.adoption).toBe(sc.expect.adoption);
    const cited = r.ranking.flatMap(c => [
      ...c.reasons.map(x => x.factId),
      ...c.blockers.map(b => b.factId),
    ]);
    expect(cited).toContain(sc.expect.turnsOn);
    // a second mesh is named as such in the pick's reasons
    expect(
      r.recommendation?.adoption !== 'second-mesh' ||
        r.ranking[0].reasons.some(x => x.factId === 'coherence.secondMesh'),
    ).toBe(true);
  });
});
