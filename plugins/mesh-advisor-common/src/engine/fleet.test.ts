import { createEvaluator } from './evaluate';
import { recommendForPlatform } from './fleet';
import { loadKnowledgeBase } from '../knowledgeBase';
import { requires, service } from './testEntities';

const evaluate = createEvaluator({
  platform: { cni: 'calico', serviceCount: 40 },
});
const kb = loadKnowledgeBase();

describe('recommendForPlatform', () => {
  it('picks the mesh that meets the most hard requirements and lists who it leaves out', () => {
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
    const linkerd = f.ranking.find(c => c.mesh === 'linkerd')!;
    expect(linkerd.servicesSatisfied).toBe(2);
    const none = f.ranking.find(c => c.mesh === 'none')!;
    expect(none.requirementsMet).toBe(0);
  });

  it('prefers the cheaper mesh when both meet everything', () => {
    const f = recommendForPlatform(kb, [
      evaluate(
        service('a', { ...requires('mtls'), 'mesh-advisor.io/replicas': '20' }),
      ),
    ]);
    const sidecar = f.ranking.find(c => c.mesh === 'istio-sidecar')!;
    expect(f.ranking[0].totalMemoryMiB).toBeLessThan(sidecar.totalMemoryMiB);
    expect(f.recommendation!.mesh).not.toBe('istio-sidecar');
    expect(f.unsatisfied).toEqual([]);
  });

  it('recommends nothing for an empty platform', () => {
    expect(recommendForPlatform(kb, []).recommendation).toBeNull();
  });
});
