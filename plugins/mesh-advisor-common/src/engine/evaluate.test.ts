import { evaluateEntity } from './evaluate';
import { requires, service } from '../__testUtils__/testEntities';
import { ENGINE_VERSION } from './version';
import { loadKnowledgeBase } from '../knowledgeBase/load';

const platform = {
  cni: 'cilium',
  currentMesh: 'none' as const,
  clusters: 1,
  serviceCount: 40,
};
const evaluate = (
  annotations: Record<string, string>,
  options: { platform?: object; callChainDepth?: number } = {},
  spec = {},
) =>
  evaluateEntity(service('svc', annotations, spec), {
    platform: { ...platform, ...options.platform },
    callChainDepth: options.callChainDepth,
  });
const candidate = (r: ReturnType<typeof evaluate>, mesh: string) =>
  r.ranking.find(c => c.mesh === mesh)!;

describe('evaluateEntity', () => {
  it('recommends no mesh, with high confidence, when nothing is declared', () => {
    const r = evaluate({});
    expect(r.status).toBe('evaluated');
    expect(r.recommendation).toMatchObject({
      mesh: 'none',
      confidence: 'high',
      score: 100,
    });
    expect(r.recommendation!.summary).toMatch(
      /^No mesh: nothing this service requires needs one/,
    );
    // every mesh is told why it lost: it would be pure cost
    expect(candidate(r, 'linkerd').reasons.map(x => x.text)).toContain(
      'The service declares no requirement or preference a mesh would serve, so the mesh would be pure cost.',
    );
    expect(r.ranking).toHaveLength(5);
  });

  it('blocks candidates that lack a required capability, naming the fact and its source', () => {
    const r = evaluate(requires('mtls, jwt-auth'));
    const linkerd = candidate(r, 'linkerd');
    expect(linkerd.blocked).toBe(true);
    expect(linkerd.score).toBe(0);
    expect(linkerd.blockers).toEqual([
      expect.objectContaining({
        kind: 'capability',
        capability: 'jwt-auth',
        factId: 'capability.jwt-auth.linkerd',
      }),
    ]);
    expect(linkerd.blockers[0].sources[0].url).toMatch(/^https:\/\//);
    expect(candidate(r, 'none').blockers.map(b => b.capability)).toEqual([
      'mtls',
      'jwt-auth',
    ]);
    expect(r.recommendation!.mesh).not.toBe('linkerd');
    // blocked candidates rank last
    expect(r.ranking.slice(-2).every(c => c.blocked)).toBe(true);
  });

  it('blocks candidates whose added p99 per hop exceeds the latency budget', () => {
    const r = evaluate({
      ...requires('mtls'),
      'mesh-advisor.io/latency-budget-ms': '0.3',
    });
    const sidecar = candidate(r, 'istio-sidecar');
    expect(sidecar.blockers).toEqual([
      expect.objectContaining({
        kind: 'latency-budget',
        factId: 'mesh.istio-sidecar.overhead.p99Ms',
      }),
    ]);
    expect(sidecar.blockers[0].message).toMatch(/over the 0\.3 ms budget/);
    expect(r.recommendation!.mesh).toBe('istio-ambient');
  });

  it('counts the waypoint when ambient must serve L7 features', () => {
    const l4 = candidate(evaluate(requires('mtls')), 'istio-ambient');
    const l7 = candidate(evaluate(requires('mtls, retries')), 'istio-ambient');
    expect(l4.overhead.needsL7Proxy).toBe(false);
    expect(l7.overhead.needsL7Proxy).toBe(true);
    expect(l7.overhead.p99PerHopMs!).toBeGreaterThan(l4.overhead.p99PerHopMs!);
    expect(l7.overhead.memoryMiB!).toBeGreaterThan(l4.overhead.memoryMiB!);
    expect(l7.reasons.map(x => x.factId)).toContain(
      'mesh.istio-ambient.overhead.l7Proxy',
    );
  });

  it('blocks Cilium when the cluster CNI is not Cilium, and says what would change it', () => {
    const spec = { ...requires('l7-network-policy, sidecar-free') };
    const onCilium = evaluate(spec);
    expect(onCilium.recommendation!.mesh).toBe('cilium');
    const onCalico = evaluate(spec, { platform: { cni: 'calico' } });
    expect(candidate(onCalico, 'cilium').blockers).toEqual([
      expect.objectContaining({
        kind: 'platform',
        factId: 'mesh.cilium.requiresCni',
      }),
    ]);
    expect(onCalico.recommendation!.mesh).not.toBe('cilium');
    expect(onCalico.whatWouldChange).toContainEqual(
      expect.objectContaining({
        kind: 'cni',
        newTop: 'cilium',
        platform: { cni: 'cilium' },
      }),
    );
  });

  it('scales the overhead estimate with replicas, RPS and call-chain depth', () => {
    const r = evaluate(
      {
        ...requires('mtls'),
        'mesh-advisor.io/replicas': '10',
        'mesh-advisor.io/rps': '2000',
      },
      { callChainDepth: 4 },
    );
    const sidecar = candidate(r, 'istio-sidecar');
    const memory =
      loadKnowledgeBase().meshes['istio-sidecar']!.overhead!.memoryMiB.value!;
    expect(sidecar.overhead.memoryMiB).toBeCloseTo(memory * 10);
    expect(sidecar.overhead.replicas).toBe(10);
    expect(sidecar.overhead.cpuVcpu).toBeCloseTo(0.4);
    // percentiles do not add: three hops at their median, one at its tail
    expect(sidecar.overhead.p99ChainMs).toBeCloseTo(
      sidecar.overhead.p50PerHopMs! * 3 + sidecar.overhead.p99PerHopMs!,
    );
    expect(sidecar.overhead.p99ChainMs!).toBeLessThan(
      sidecar.overhead.p99PerHopMs! * 4,
    );
    expect(
      sidecar.reasons.find(
        x => x.factId === 'mesh.istio-sidecar.overhead.p99Ms',
      )!.text,
    ).toMatch(/along its 4-hop call chain/);
  });

  it('weighs operations against the declared capacity', () => {
    const low = candidate(
      evaluate({
        ...requires('mtls, wasm'),
        'mesh-advisor.io/ops-capacity': 'low',
      }),
      'istio-sidecar',
    );
    const high = candidate(
      evaluate({
        ...requires('mtls, wasm'),
        'mesh-advisor.io/ops-capacity': 'high',
      }),
      'istio-sidecar',
    );
    expect(low.operations).toMatchObject({ capacity: 'low', fit: 'overload' });
    expect(high.operations).toMatchObject({
      capacity: 'high',
      fit: 'comfortable',
    });
    expect(high.score).toBeGreaterThan(low.score);
  });

  it('names what would change the answer, and each change really flips it', () => {
    const r = evaluate(requires('mtls'));
    expect(r.whatWouldChange.length).toBeGreaterThan(0);
    for (const flip of r.whatWouldChange) {
      const annotations = { ...requires('mtls') } as Record<string, string>;
      for (const [k, v] of Object.entries(flip.annotations ?? {})) {
        if (v === null) delete annotations[k];
        else annotations[k] = v;
      }
      const flipped = evaluate(annotations, { platform: flip.platform });
      expect(flipped.ranking[0].blocked).toBe(false);
      expect(flipped.ranking[0].mesh).toBe(flip.newTop);
      expect(flip.newTop).not.toBe(r.recommendation!.mesh);
    }
  });

  it('suggests Envoy Gateway beside the mesh for edge-facing services', () => {
    const r = evaluate({
      ...requires('mtls, retries'),
      'mesh-advisor.io/exposure': 'edge',
    });
    expect(r.companion).toMatchObject({ id: 'envoy-gateway' });
    expect(evaluate(requires('mtls')).companion).toBeNull();
  });

  it('returns invalid with the issues and no recommendation when annotations are malformed', () => {
    const r = evaluate({
      ...requires('mtls, fault-injektion'),
      'mesh-advisor.io/replicas': '-2',
    });
    expect(r.status).toBe('invalid');
    expect(r.recommendation).toBeNull();
    expect(r.issues.map(i => i.annotation)).toEqual([
      'mesh-advisor.io/requires',
      'mesh-advisor.io/replicas',
    ]);
    // the ranking still uses the valid part
    expect(candidate(r, 'none').blocked).toBe(true);
  });

  it('skips excluded and non-service entities', () => {
    expect(evaluate({ 'mesh-advisor.io/exclude': 'true' }).status).toBe(
      'excluded',
    );
    const website = evaluateEntity(service('site', {}, { type: 'website' }));
    expect(website).toMatchObject({
      status: 'not-applicable',
      ranking: [],
      recommendation: null,
    });
    const api = evaluateEntity({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'x' },
      spec: { type: 'openapi' },
    });
    expect(api.status).toBe('not-applicable');
  });

  it('lowers confidence for experimental services and for services without a Kubernetes id', () => {
    const prod = evaluate(requires('mtls, jwt-auth, vm-workloads'));
    const experimental = evaluate(
      requires('mtls, jwt-auth, vm-workloads'),
      {},
      { lifecycle: 'experimental' },
    );
    expect(prod.recommendation!.confidence).toBe('high');
    expect(experimental.recommendation!.confidence).toBe('medium');
    expect(experimental.notes[0]).toMatch(/^Experimental lifecycle/);
  });

  it('penalises every mesh on a small platform', () => {
    const big = evaluate(requires('mtls'));
    const small = evaluate(requires('mtls'), { platform: { serviceCount: 5 } });
    expect(candidate(small, 'linkerd').score).toBe(
      candidate(big, 'linkerd').score - 10,
    );
    expect(candidate(small, 'linkerd').reasons.map(x => x.factId)).toContain(
      'guidance.smallPlatformThreshold',
    );
  });

  it('costs points and confidence for a requirement met only by an alpha feature, and says so', () => {
    // a knowledge base is compiled once, so the alpha one is a copy of its own
    const kb = structuredClone(loadKnowledgeBase());
    const stable = evaluateEntity(service('svc', requires('mtls, tcp')), {
      knowledgeBase: loadKnowledgeBase(),
      platform: { ...platform, cni: 'calico', currentMesh: 'linkerd' },
    });
    kb.capabilities.tcp.support.linkerd!.maturity = {
      level: 'alpha',
      sources: ['istio-1-31'],
      note: 'made up for the test',
    };
    const alpha = evaluateEntity(service('svc', requires('mtls, tcp')), {
      knowledgeBase: kb,
      platform: { ...platform, cni: 'calico', currentMesh: 'linkerd' },
    });
    const before = candidate(stable, 'linkerd');
    const after = candidate(alpha, 'linkerd');
    expect(after.immature).toEqual(['tcp']);
    expect(after.score).toBeLessThan(before.score);
    expect(
      after.reasons.find(r => r.factId === 'capability.tcp.linkerd')!.text,
    ).toMatch(/^tcp rests on a feature upstream calls alpha \(made up/);
    expect(alpha.recommendation!.mesh).toBe('linkerd');
    expect(['low', 'medium']).toContain(alpha.recommendation!.confidence);
    expect(alpha.recommendation!.confidence).not.toBe(
      stable.recommendation!.confidence,
    );
  });

  it('holds every mesh, not no mesh, to multi-cluster on a platform of several clusters', () => {
    const one = evaluate(requires('mtls'));
    const three = evaluate(requires('mtls'), { platform: { clusters: 3 } });
    const ambient = candidate(three, 'istio-ambient');
    expect(ambient.partial).toEqual(['multi-cluster']);
    expect(ambient.score).toBeLessThan(candidate(one, 'istio-ambient').score);
    expect(candidate(three, 'none').blockers.map(b => b.capability)).toEqual([
      'mtls',
    ]);
    expect(ambient.reasons.map(r => r.factId)).toContain(
      'capability.multi-cluster.istio-ambient',
    );
  });

  it('costs a subscription-only stable release under an open-source-stable policy', () => {
    const ok = candidate(evaluate(requires('mtls')), 'linkerd');
    const oss = candidate(
      evaluate(requires('mtls'), {
        platform: { releasePolicy: 'open-source-stable' },
      }),
      'linkerd',
    );
    expect(oss.breakdown.releasePolicyPenalty).toBe(
      loadKnowledgeBase().coherence.releasePolicy.points,
    );
    expect(oss.score).toBe(ok.score - oss.breakdown.releasePolicyPenalty);
    expect(
      oss.reasons.find(r => r.factId === 'mesh.linkerd.releaseModel')!.effect,
    ).toBe('against');
    expect(
      ok.reasons.find(r => r.factId === 'mesh.linkerd.releaseModel')!.effect,
    ).toBe('neutral');
  });

  it('charges Cilium nothing for the agent that runs as the CNI already', () => {
    const spec = requires('l7-network-policy');
    const onCilium = candidate(evaluate(spec), 'cilium');
    expect(onCilium.overhead.memoryMiB).toBe(0);
    expect(onCilium.overhead.note).toMatch(/already runs as the cluster CNI/);
  });

  it('stamps the engine and knowledge-base versions', () => {
    const r = evaluate({});
    expect(r.engineVersion).toBe(ENGINE_VERSION);
    expect(r.knowledgeBaseVersion).toBe(loadKnowledgeBase().version);
  });

  it('never throws on garbage entities', () => {
    for (const entity of [
      null,
      {},
      { kind: 5 },
      { kind: 'Component', metadata: null, spec: 'x' },
      {
        kind: 'Component',
        metadata: {
          name: 'a',
          annotations: { 'mesh-advisor.io/requires': 42 },
        },
        spec: { type: 'service' },
      },
    ]) {
      expect(() => evaluateEntity(entity as any)).not.toThrow();
    }
  });
});
