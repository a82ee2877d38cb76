import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createEvaluator, recommendForPlatform } from '../engine';
import type { PlatformChange } from '../engine';
import { service } from '../__testUtils__/testEntities';
import { loadKnowledgeBase } from '../knowledgeBase';
import type { PlatformContextInput } from '../platform';
import { ANNOTATION_PREFIX, MESH_IDS, MeshId } from '../vocabulary';

/**
 * Platform-level scenarios (data/examples/fleet-scenarios.yaml): each small
 * platform's services evaluated by the real engine and recommended for by
 * the real fleet code, against the pick a platform engineer expects.
 */
type Scenario = {
  platform: PlatformContextInput;
  services: Record<string, Record<string, string>>;
  expect: {
    pick: MeshId;
    change: PlatformChange;
    turnsOn: string;
    explained: boolean;
    unsatisfied: string[];
    notCharged?: MeshId[];
  };
  why: string;
};

const file = path.resolve(
  __dirname,
  '../../../../data/examples/fleet-scenarios.yaml',
);
const scenarios: Record<string, Scenario> = parse(
  fs.readFileSync(file, 'utf8'),
);
const kb = loadKnowledgeBase();

function run(s: Scenario) {
  const names = Object.keys(s.services);
  const evaluate = createEvaluator({
    platform: { serviceCount: names.length, ...s.platform },
  });
  const results = names.map(name =>
    evaluate(
      service(
        name,
        Object.fromEntries(
          Object.entries(s.services[name] ?? {}).map(([k, v]) => [
            `${ANNOTATION_PREFIX}${k}`,
            String(v),
          ]),
        ),
      ),
    ),
  );
  return { results, fleet: recommendForPlatform(kb, results) };
}

describe('platform-level scenarios', () => {
  const cases = Object.entries(scenarios);

  it('has at least 10, covering an installed mesh of each kind, Cilium as the CNI with and without L7 needs, multi-cluster, a small platform and a popular pick blocked by one service', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    const platforms = cases.map(([, s]) => s.platform);
    for (const mesh of MESH_IDS.filter(m => m !== 'none'))
      expect(platforms.map(p => p.currentMesh)).toContain(mesh);
    const ciliumFresh = cases.filter(
      ([, s]) =>
        s.platform.cni === 'cilium' && s.platform.currentMesh === 'none',
    );
    expect(ciliumFresh.map(([, s]) => s.expect.pick)).toContain('cilium');
    expect(ciliumFresh.some(([, s]) => s.expect.pick !== 'cilium')).toBe(true);
    expect(platforms.some(p => (p.clusters ?? 1) > 1)).toBe(true);
    expect(
      platforms.some(
        p =>
          p.serviceCount !== undefined &&
          p.serviceCount < kb.guidance.smallPlatformThreshold.value!,
      ),
    ).toBe(true);
    expect(cases.some(([, s]) => s.expect.explained)).toBe(true);
  });

  it.each(cases)('%s', (_, s) => {
    expect(s.why.length).toBeGreaterThan(40);
    const { results, fleet } = run(s);
    expect(fleet.recommendation?.mesh).toBe(s.expect.pick);
    expect(fleet.recommendation!.factIds).toContain(s.expect.turnsOn);
    expect(fleet.ranking[0].change).toBe(s.expect.change);
    expect(fleet.unsatisfied.map(u => u.entityRef)).toEqual(
      s.expect.unsatisfied.map(n => `component:default/${n}`),
    );
    // the explanation is there exactly when some service ranks another mesh first
    const disagree = results.some(
      r => r.recommendation && r.recommendation.mesh !== s.expect.pick,
    );
    expect(disagree).toBe(s.expect.explained);
    expect(fleet.explanation !== null).toBe(disagree);
    for (const mesh of s.expect.notCharged ?? []) {
      const c = fleet.ranking.find(k => k.mesh === mesh)!;
      expect(c.alreadyPaid.length).toBeGreaterThan(0);
      // only what is new is charged: the waypoints of services that need L7
      const waypoints = results.filter(
        r => r.ranking.find(k => k.mesh === mesh)!.overhead.needsL7Proxy,
      ).length;
      const waypointMiB =
        kb.meshes[mesh]!.overhead!.l7Proxy?.memoryMiB.value ?? 0;
      expect(c.totalMemoryMiB).toBeCloseTo(waypoints * waypointMiB, 1);
    }
  });
});
