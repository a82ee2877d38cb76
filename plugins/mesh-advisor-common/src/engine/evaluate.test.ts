import { evaluateEntity } from './evaluate';
import { requires, service } from '../__testUtils__/testEntities';
import { candidate, evaluate } from '../__testUtils__/evaluateService';
import { ENGINE_VERSION } from './version';
import { loadKnowledgeBase } from '../knowledgeBase/load';

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
