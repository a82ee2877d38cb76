import { CAPABILITIES, MESH_IDS } from '../vocabulary';
import {
  KnowledgeBaseError,
  loadKnowledgeBase,
  mergeKnowledgeBaseData,
  parseKnowledgeBase,
} from './load';
import { bundledKnowledgeBaseData } from './bundled.generated';

describe('the bundled knowledge base', () => {
  const kb = loadKnowledgeBase();

  it('validates and covers every candidate and capability', () => {
    expect(kb.version).toMatch(/^\d{4}\.\d{1,2}\.\d+/);
    for (const mesh of MESH_IDS)
      expect(kb.meshes[mesh]?.role).toBe('candidate');
    expect(kb.meshes['envoy-gateway']?.role).toBe('companion');
    expect(kb.meshes.consul?.role).toBe('context');
    for (const cap of CAPABILITIES) {
      for (const mesh of MESH_IDS)
        expect(kb.capabilities[cap].support[mesh]).toBeDefined();
    }
  });

  it('sources every fact, and only with known sources that are links', () => {
    const facts = Object.values(kb.capabilities).flatMap(c =>
      Object.values(c.support),
    );
    expect(facts.length).toBeGreaterThan(
      CAPABILITIES.length * MESH_IDS.length - 1,
    );
    for (const fact of facts) {
      expect(fact.sources.length).toBeGreaterThan(0);
      expect(fact.version).not.toBe('');
      for (const id of fact.sources)
        expect(kb.sources[id].url).toMatch(/^https?:\/\//);
    }
  });

  it('records the corrections the seed articles get wrong', () => {
    // Cilium's mutual auth is deprecated; Linkerd gained rate limiting and PQ key exchange;
    // ambient multi-cluster is not stable.
    expect(kb.capabilities.mtls.support.cilium!.level).toBe('partial');
    expect(kb.capabilities['rate-limiting'].support.linkerd!.level).not.toBe(
      'no',
    );
    expect(kb.capabilities['post-quantum'].support.linkerd!.level).toBe('yes');
    expect(
      kb.capabilities['multi-cluster'].support['istio-ambient']!.level,
    ).toBe('partial');
    expect(kb.disagreements.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps what nobody sourced as unknown', () => {
    expect(kb.capabilities['post-quantum'].support.cilium!.level).toBe(
      'unknown',
    );
  });

  it('records where sources disagree next to the fact it encodes', () => {
    // the conformance report lists mirror features; the docs have no mirror filter
    expect(kb.capabilities.mirroring.support.linkerd!.level).toBe('no');
    expect(
      kb.disagreements.some(d => d.fact === 'capability.mirroring.linkerd'),
    ).toBe(true);
  });
});

describe('overrides', () => {
  it('merge over the bundled knowledge base', () => {
    const kb = loadKnowledgeBase({
      override: {
        version: '2026.11.0-acme.1',
        capabilities: {
          mirroring: {
            support: {
              linkerd: {
                level: 'yes',
                note: 'verified in our staging',
                sources: ['linkerd-conformance-2-18'],
                version: '2.20',
              },
            },
          },
        },
      },
    });
    expect(kb.version).toBe('2026.11.0-acme.1');
    expect(kb.capabilities.mirroring.support.linkerd!.level).toBe('yes');
    // untouched facts stay
    expect(kb.capabilities.mtls.support.linkerd!.level).toBe('yes');
  });

  it('fail with a message naming the bad field', () => {
    const attempt = () =>
      loadKnowledgeBase({
        override: {
          meshes: { linkerd: { overhead: { p99Ms: { value: 'fast' } } } },
        },
        overrideOrigin: 'acme-kb.yaml',
      });
    expect(attempt).toThrow(KnowledgeBaseError);
    expect(attempt).toThrow(
      /^Invalid knowledge base \(acme-kb\.yaml\): meshes\.linkerd\.overhead\.p99Ms\.value: /,
    );
  });

  it('fail on facts citing unknown sources', () => {
    const data = mergeKnowledgeBaseData(bundledKnowledgeBaseData, {
      capabilities: { tcp: { support: { linkerd: { sources: ['nowhere'] } } } },
    });
    expect(() => parseKnowledgeBase(data, 'test')).toThrow(
      'Invalid knowledge base (test): capabilities.tcp.support.linkerd.sources.0: unknown source "nowhere"; add it under sources',
    );
  });

  it('accept a sourced maturity on a capability cell, and refuse an unsourced one', () => {
    const kb = loadKnowledgeBase({
      override: {
        capabilities: {
          'fault-injection': {
            support: {
              'istio-ambient': {
                maturity: { level: 'alpha', sources: ['istio-1-31'] },
              },
            },
          },
        },
      },
    });
    expect(
      kb.capabilities['fault-injection'].support['istio-ambient']!.maturity,
    ).toMatchObject({ level: 'alpha', sources: ['istio-1-31'] });
    const data = mergeKnowledgeBaseData(bundledKnowledgeBaseData, {
      capabilities: {
        tcp: {
          support: {
            linkerd: { maturity: { level: 'beta', sources: ['nowhere'] } },
          },
        },
      },
    });
    expect(() => parseKnowledgeBase(data, 'test')).toThrow(
      'capabilities.tcp.support.linkerd.maturity.sources.0: unknown source "nowhere"',
    );
    expect(() =>
      parseKnowledgeBase(
        mergeKnowledgeBaseData(bundledKnowledgeBaseData, {
          capabilities: {
            tcp: { support: { linkerd: { maturity: { level: 'ga' } } } },
          },
        }),
        'test',
      ),
    ).toThrow(/capabilities\.tcp\.support\.linkerd\.maturity/);
  });

  it('fail when a candidate mesh is removed', () => {
    const data = mergeKnowledgeBaseData(bundledKnowledgeBaseData, {
      meshes: { cilium: null },
    });
    let error: unknown;
    try {
      parseKnowledgeBase(data, 'test');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KnowledgeBaseError);
    expect((error as KnowledgeBaseError).fields).toContain('meshes.cilium');
  });
});
