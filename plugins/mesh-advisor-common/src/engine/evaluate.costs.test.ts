import { evaluateEntity } from './evaluate';
import { requires, service } from '../__testUtils__/testEntities';
import {
  basePlatform,
  candidate,
  evaluate,
} from '../__testUtils__/evaluateService';
import { loadKnowledgeBase } from '../knowledgeBase/load';

describe('evaluateEntity: blockers, costs and penalties', () => {
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
      platform: { ...basePlatform, cni: 'calico', currentMesh: 'linkerd' },
    });
    kb.capabilities.tcp.support.linkerd!.maturity = {
      level: 'alpha',
      sources: ['istio-1-31'],
      note: 'made up for the test',
    };
    const alpha = evaluateEntity(service('svc', requires('mtls, tcp')), {
      knowledgeBase: kb,
      platform: { ...basePlatform, cni: 'calico', currentMesh: 'linkerd' },
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
});
