import { createEvaluator } from './evaluate';
import { createFleetAccumulator, recommendForPlatform } from './fleet';
import { loadKnowledgeBase } from '../knowledgeBase';
import type { PlatformContextInput } from '../platform';
import { CAPABILITIES } from '../vocabulary';
import { requires, service } from '../__testUtils__/testEntities';

const kb = loadKnowledgeBase();
const onPlatform = (platform: PlatformContextInput) =>
  createEvaluator({ platform: { serviceCount: 40, ...platform } });
const evaluate = onPlatform({ cni: 'calico' });
const candidate = (f: ReturnType<typeof recommendForPlatform>, mesh: string) =>
  f.ranking.find(c => c.mesh === mesh)!;

describe('recommendForPlatform', () => {
  it('picks the mesh that satisfies every service and lists who the others leave out', () => {
    const results = [
      evaluate(service('a', requires('mtls, jwt-auth'))),
      evaluate(service('b', requires('mtls, jwt-auth, vm-workloads'))),
      evaluate(service('c', requires('mtls, post-quantum'))),
      evaluate(service('d')),
      evaluate(service('e', { 'mesh-advisor.io/exclude': 'true' })),
    ];
    const f = recommendForPlatform(kb, results);
    expect(f.servicesConsidered).toBe(4);
    // Only the Istio sidecar has everything b requires (jwt-auth and VMs).
    expect(f.recommendation!.mesh).toBe('istio-sidecar');
    expect(f.unsatisfied).toEqual([]);
    expect(candidate(f, 'linkerd').servicesSatisfied).toBe(2);
    expect(candidate(f, 'none').requirementsMet).toBe(0);
    expect(candidate(f, 'none').requirementsUnmet).toBe(7);
    // cilium cannot run on calico: every hard requirement counts as unmet
    expect(candidate(f, 'cilium').requirementsUnmet).toBe(7);
  });

  it('prefers the better-scoring, cheaper mesh when several meet everything', () => {
    const f = recommendForPlatform(kb, [
      evaluate(
        service('a', { ...requires('mtls'), 'mesh-advisor.io/replicas': '20' }),
      ),
    ]);
    expect(f.ranking[0].totalMemoryMiB).toBeLessThan(
      candidate(f, 'istio-sidecar').totalMemoryMiB,
    );
    expect(f.recommendation!.mesh).not.toBe('istio-sidecar');
    expect(f.unsatisfied).toEqual([]);
    expect(f.recommendation!.summary).toContain('of 1 service');
  });

  it('counts partly met and unverified hard requirements apart from the fully met', () => {
    // a candidate with both a partly supported and an unverified capability
    const capsAt = (mesh: string, level: string) =>
      CAPABILITIES.filter(
        c => kb.capabilities[c].support[mesh]?.level === level,
      );
    const mesh = (
      ['linkerd', 'istio-ambient', 'istio-sidecar', 'cilium'] as const
    ).find(m => capsAt(m, 'partial').length && capsAt(m, 'unknown').length)!;
    const [partial] = capsAt(mesh, 'partial');
    const [unknown] = capsAt(mesh, 'unknown');
    const [met] = capsAt(mesh, 'yes');
    const f = recommendForPlatform(kb, [
      onPlatform({ cni: 'cilium' })(
        service('a', requires(`${met}, ${partial}, ${unknown}`)),
      ),
    ]);
    const c = candidate(f, mesh);
    expect(c.servicesSatisfied).toBe(1);
    const alphaOrExperimental = ['alpha', 'experimental'];
    const immatureMet = alphaOrExperimental.includes(
      kb.capabilities[met].support[mesh]!.maturity?.level ?? 'stable',
    );
    expect([
      c.requirementsMet,
      c.requirementsPartial,
      c.requirementsUnknown,
      c.requirementsUnmet,
    ]).toEqual(immatureMet ? [0, 2, 1, 0] : [1, 1, 1, 0]);
  });

  it('counts a requirement met only by an alpha or experimental feature as partly met', () => {
    const retries = kb.capabilities.retries.support.linkerd!;
    const alphaKb = loadKnowledgeBase({
      override: {
        capabilities: {
          retries: {
            support: {
              linkerd: {
                ...retries,
                level: 'yes',
                maturity: { level: 'alpha', sources: retries.sources },
              },
            },
          },
        },
      },
    });
    const r = createEvaluator({
      knowledgeBase: alphaKb,
      platform: { cni: 'calico', serviceCount: 40 },
    })(service('a', requires('mtls, retries')));
    const c = candidate(recommendForPlatform(alphaKb, [r]), 'linkerd');
    expect([c.requirementsMet, c.requirementsPartial]).toEqual([1, 1]);
  });

  it('holds every mesh to multi-cluster on a multi-cluster platform, as the engine does', () => {
    const f = recommendForPlatform(kb, [
      onPlatform({ cni: 'calico', clusters: 3 })(
        service('a', requires('mtls')),
      ),
    ]);
    const counts = (mesh: string) => {
      const c = candidate(f, mesh);
      return [
        c.requirementsMet,
        c.requirementsPartial,
        c.requirementsUnknown,
        c.requirementsUnmet,
      ];
    };
    const level = (mesh: string) =>
      kb.capabilities['multi-cluster'].support[mesh]!.level;
    expect(level('linkerd')).toBe('yes');
    expect(counts('linkerd')).toEqual([2, 0, 0, 0]);
    expect(level('istio-ambient')).toBe('partial');
    expect(counts('istio-ambient')).toEqual([1, 1, 0, 0]);
    // no mesh spans nothing: it is held to what the service declares
    expect(counts('none')).toEqual([0, 0, 0, 1]);
    // cilium cannot run on calico: both count as unmet
    expect(counts('cilium')).toEqual([0, 0, 0, 2]);
  });

  it('does not charge the CNI agent Cilium already runs on a Cilium platform', () => {
    const r = onPlatform({ cni: 'cilium' })(
      service('a', { ...requires('mtls'), 'mesh-advisor.io/replicas': '30' }),
    );
    // the agent has a cost (~438 MiB per node) …
    expect(kb.meshes.cilium!.overhead!.memoryMiB.value).toBeGreaterThan(100);
    // … which the platform already pays
    const f = recommendForPlatform(kb, [r]);
    const cilium = candidate(f, 'cilium');
    expect(cilium.totalMemoryMiB).toBe(0);
    expect(cilium.alreadyPaid.join(' ')).toContain('cilium CNI');
    expect(candidate(f, 'istio-ambient').totalMemoryMiB).toBeGreaterThan(0);
  });

  it('does not charge an installed ambient mesh its ztunnels, only the waypoints it adds', () => {
    const ambient = onPlatform({ cni: 'calico', currentMesh: 'istio-ambient' });
    const f = recommendForPlatform(kb, [
      ambient(service('l4', requires('mtls'))),
      ambient(service('l7', requires('mtls, retries'))),
    ]);
    const c = candidate(f, 'istio-ambient');
    expect(c.change).toBe('keep');
    expect(c.totalMemoryMiB).toBe(
      kb.meshes['istio-ambient']!.overhead!.l7Proxy!.memoryMiB.value,
    );
    expect(c.alreadyPaid.join(' ')).toMatch(/per-node proxy .*control plane/);
    // on a platform without it, the ztunnel share is charged
    const fresh = recommendForPlatform(kb, [
      evaluate(service('l4', requires('mtls'))),
    ]);
    expect(candidate(fresh, 'istio-ambient').totalMemoryMiB).toBeGreaterThan(0);
    expect(candidate(fresh, 'istio-ambient').change).toBe('adopt');
  });

  it('keeps the installed mesh when it meets every need, and says why when services prefer another', () => {
    const sidecar = onPlatform({ cni: 'calico', currentMesh: 'istio-sidecar' });
    const results = ['a', 'b', 'c'].map(name =>
      sidecar(
        service(name, {
          ...requires('mtls, retries'),
          'mesh-advisor.io/ops-capacity': 'low',
        }),
      ),
    );
    const f = recommendForPlatform(kb, results);
    expect(['istio-sidecar', 'istio-ambient']).toContain(
      f.recommendation!.mesh,
    );
    expect(candidate(f, 'linkerd').change).toBe('migrate');
    expect(candidate(f, 'istio-ambient').change).toBe('mode-change');
    expect(f.recommendation!.factIds).toEqual(
      expect.arrayContaining(['mesh.istio-sidecar', 'coherence.secondMesh']),
    );
    const disagree = results.some(
      r => r.recommendation!.mesh !== f.recommendation!.mesh,
    );
    expect(f.explanation ?? 'they agree').toMatch(
      disagree
        ? /one mesh for all is Istio.*second control plane/
        : /^they agree$/,
    );
  });

  it('calls a move to the other mode of the installed mesh a mode change, and charges the per-node proxy it adds', () => {
    const sidecar = onPlatform({ cni: 'calico', currentMesh: 'istio-sidecar' });
    const f = recommendForPlatform(
      kb,
      ['export', 'report'].map(n =>
        sidecar(service(n, requires('mtls, sidecar-free'))),
      ),
    );
    expect(f.recommendation!.mesh).toBe('istio-ambient');
    expect(f.ranking[0].change).toBe('mode-change');
    expect(f.recommendation!.summary).toContain(
      'a data-plane mode change under the same control plane, not a new mesh, once its per-node proxy is installed on every node',
    );
    expect(f.recommendation!.factIds).toContain('coherence.modeChange');
    // ztunnel does not run yet: L4-only services are charged their share
    expect(f.ranking[0].totalMemoryMiB).toBeGreaterThan(0);
    expect(f.ranking[0].alreadyPaid).toEqual([
      'The installed Istio (sidecar mode) control plane serves this mode too.',
    ]);
  });

  it('explains in one sentence when one service blocks the popular pick', () => {
    const low = { 'mesh-advisor.io/ops-capacity': 'low' };
    const results = [
      ...['a', 'b', 'c'].map(n =>
        evaluate(service(n, { ...requires('mtls'), ...low })),
      ),
      evaluate(service('checkout', { ...requires('mtls, jwt-auth'), ...low })),
    ];
    const popular = results[0].recommendation!.mesh;
    expect(popular).toBe('linkerd');
    const f = recommendForPlatform(kb, results);
    expect(f.recommendation!.mesh).not.toBe('linkerd');
    expect(f.unsatisfied).toEqual([]);
    expect(f.explanation).toBe(
      `Linkerd is the first choice of 3 of 4 services (${
        f.recommendation!.name
      }: ${
        candidate(f, f.recommendation!.mesh).firstChoiceOf
      }); one mesh for all is ${
        f.recommendation!.name
      } because Linkerd would leave 1 service without a hard requirement (jwt-auth).`,
    );
    expect(f.recommendation!.factIds).toContain('capability.jwt-auth.linkerd');
    expect(candidate(f, 'linkerd').firstChoiceOf).toBe(3);
  });

  it('agrees with the services, without explanation, when they all pick the same mesh', () => {
    const f = recommendForPlatform(kb, [
      evaluate(service('a', requires('mtls, jwt-auth, vm-workloads'))),
      evaluate(service('b', requires('jwt-auth, vm-workloads'))),
    ]);
    expect(f.recommendation!.mesh).toBe('istio-sidecar');
    expect(f.explanation).toBeNull();
    expect(candidate(f, 'istio-sidecar').firstChoiceOf).toBe(2);
  });

  it('lists at most maxUnsatisfied unsatisfied services, counts them all, and explains as if it listed all', () => {
    const results = [
      ...['a', 'b', 'c', 'd', 'e'].map(n =>
        evaluate(service(n, requires('mtls, jwt-auth, vm-workloads'))),
      ),
      ...['x', 'y', 'z'].map(n =>
        evaluate(service(n, requires('mtls, sidecar-free'))),
      ),
    ];
    const all = recommendForPlatform(kb, results);
    expect(all.recommendation!.mesh).toBe('istio-sidecar');
    expect(all.unsatisfied.map(u => u.entityRef)).toEqual(
      ['x', 'y', 'z'].map(n => `component:default/${n}`),
    );
    expect(all.unsatisfiedTotal).toBe(3);
    expect(all.explanation).toContain('without a hard requirement');

    const acc = createFleetAccumulator(kb, { maxUnsatisfied: 2 });
    results.forEach(r => acc.add(r));
    expect(acc.result()).toEqual({
      ...all,
      unsatisfied: all.unsatisfied.slice(0, 2),
    });
  });

  it('recommends nothing for an empty platform', () => {
    const f = recommendForPlatform(kb, []);
    expect(f.recommendation).toBeNull();
    expect(f.explanation).toBeNull();
  });
});
