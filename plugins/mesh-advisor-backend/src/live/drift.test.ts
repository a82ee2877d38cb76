import { createEvaluator } from '@mesh-advisor/plugin-mesh-advisor-common';
import { computeDrift, decisionAtRisk, dominantMesh } from './drift';
import { service } from '../__testUtils__/live/entities';

// The real engine and bundled knowledge base decide which meshes are blocked.
const evaluate = createEvaluator({ platform: { cni: 'calico', clusters: 1 } });
const needsMtls = evaluate(
  service('pay', { 'mesh-advisor.io/requires': 'mtls' }),
);
const needsWasm = evaluate(
  service('edge', { 'mesh-advisor.io/requires': 'mtls, wasm' }),
);
const needsNothing = evaluate(service('batch'));

const read = { anyClusterRead: true };

describe('computeDrift', () => {
  it('the fixtures mean what the tests assume', () => {
    const blocked = (r: typeof needsMtls) =>
      r.ranking.filter(c => c.blocked).map(c => c.mesh);
    expect(blocked(needsMtls)).toContain('none');
    expect(blocked(needsWasm)).toContain('linkerd');
    // (Cilium is blocked on a Calico platform whatever the service needs)
    expect(blocked(needsNothing)).not.toContain('none');
    expect(blocked(needsNothing)).not.toContain('linkerd');
  });

  it('unknown without pods, saying whether any cluster was read', () => {
    expect(
      computeDrift({
        podsByMesh: {},
        evaluation: needsMtls,
        decided: null,
        ...read,
      }),
    ).toMatchObject({ state: 'unknown', mesh: null });
    expect(
      computeDrift({
        podsByMesh: {},
        evaluation: needsMtls,
        decided: null,
        anyClusterRead: false,
      }).reason,
    ).toMatch(/could be read/);
  });

  it('unmeshed-but-required: requires mtls, runs no mesh', () => {
    const d = computeDrift({
      podsByMesh: { none: 3 },
      evaluation: needsMtls,
      decided: null,
      ...read,
    });
    expect(d.state).toBe('unmeshed-but-required');
    expect(d.mesh).toBe('none');
  });

  it('no requirement and no mesh is not unmeshed-but-required', () => {
    expect(
      computeDrift({
        podsByMesh: { none: 3 },
        evaluation: needsNothing,
        decided: null,
        ...read,
      }).state,
    ).toBe('undecided');
  });

  it('blocked-mesh: runs Linkerd though it requires wasm, even when that was decided', () => {
    const d = computeDrift({
      podsByMesh: { linkerd: 4 },
      evaluation: needsWasm,
      decided: 'linkerd',
      ...read,
    });
    expect(d.state).toBe('blocked-mesh');
    expect(d.reason).toMatch(/4 of 4 pods run linkerd/);
  });

  it('drift: decided Linkerd, runs Istio sidecars', () => {
    const d = computeDrift({
      podsByMesh: { 'istio-sidecar': 2 },
      evaluation: needsMtls,
      decided: 'linkerd',
      ...read,
    });
    expect(d).toMatchObject({ state: 'drift', mesh: 'istio-sidecar' });
  });

  it('drift: decided no mesh, runs one', () => {
    expect(
      computeDrift({
        podsByMesh: { linkerd: 1, none: 3 },
        evaluation: needsNothing,
        decided: 'none',
        ...read,
      }).state,
    ).toBe('drift');
  });

  it('drift: decided Linkerd, pods split across Linkerd and Istio', () => {
    expect(
      computeDrift({
        podsByMesh: { linkerd: 2, 'istio-sidecar': 2 },
        evaluation: needsMtls,
        decided: 'linkerd',
        ...read,
      }).state,
    ).toBe('drift');
  });

  it('partially-meshed: half the pods on the decided mesh', () => {
    const d = computeDrift({
      podsByMesh: { linkerd: 1, none: 3 },
      evaluation: needsMtls,
      decided: 'linkerd',
      ...read,
    });
    expect(d).toMatchObject({
      state: 'partially-meshed',
      reason: '1 of 4 pods meshed (25%)',
    });
  });

  it('as-decided: every pod on the decided mesh', () => {
    expect(
      computeDrift({
        podsByMesh: { 'istio-ambient': 5 },
        evaluation: needsMtls,
        decided: 'istio-ambient',
        ...read,
      }).state,
    ).toBe('as-decided');
    expect(
      computeDrift({
        podsByMesh: { none: 5 },
        evaluation: needsNothing,
        decided: 'none',
        ...read,
      }).state,
    ).toBe('as-decided');
  });

  it('undecided: consistent, unblocked, nothing accepted', () => {
    expect(
      computeDrift({
        podsByMesh: { linkerd: 5 },
        evaluation: needsMtls,
        decided: null,
        ...read,
      }).state,
    ).toBe('undecided');
  });

  it('without a stored evaluation nothing counts as blocked', () => {
    expect(
      computeDrift({
        podsByMesh: { none: 2 },
        evaluation: null,
        decided: null,
        ...read,
      }).state,
    ).toBe('undecided');
  });
});

describe('dominantMesh and decisionAtRisk', () => {
  it('prefers a mesh over none on a tie', () => {
    expect(dominantMesh({ none: 2, linkerd: 2 })).toBe('linkerd');
    expect(dominantMesh({})).toBeNull();
  });

  it('a decision is at risk when the advice blocks its mesh', () => {
    expect(decisionAtRisk(needsWasm, 'linkerd')).toMatch(
      /wasm|WebAssembly|Wasm/i,
    );
    expect(decisionAtRisk(needsMtls, 'linkerd')).toBeNull();
    expect(decisionAtRisk(needsWasm, null)).toBeNull();
  });
});
