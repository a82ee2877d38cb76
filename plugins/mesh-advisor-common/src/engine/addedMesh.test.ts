import { Entity } from '@backstage/catalog-model';
import { bundledKnowledgeBaseData } from '../knowledgeBase/bundled.generated';
import { loadKnowledgeBase } from '../knowledgeBase/load';
import {
  ANNOTATIONS,
  CAPABILITIES,
  MESH_IDS,
  OPS_CAPACITIES,
} from '../vocabulary';
import { assertFitsSet } from './bits';
import { createEvaluator } from './evaluate';
import type { EvaluationResult, Flip } from './types';

// A sixth candidate, added the way docs/knowledge-base.md tells users to: a
// MESH_IDS entry, a mesh row and a fact in every capability.
jest.mock('../vocabulary', () => {
  const actual = jest.requireActual('../vocabulary');
  return { ...actual, MESH_IDS: [...actual.MESH_IDS, 'kuma'] };
});

const bundled = bundledKnowledgeBaseData as any;
const linkerd = bundled.meshes.linkerd;
const kb = loadKnowledgeBase({
  override: {
    meshes: {
      kuma: {
        ...linkerd,
        name: 'Kuma (test)',
        releaseModel: {
          ...linkerd.releaseModel,
          stableReleases: 'open-source',
        },
        operationalComplexity: { ...linkerd.operationalComplexity, level: 1 },
      },
    },
    capabilities: Object.fromEntries(
      CAPABILITIES.map(c => [
        c,
        { support: { kuma: bundled.capabilities[c].support.linkerd } },
      ]),
    ),
  },
});

function service(i: number, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${i}`,
      annotations: { 'backstage.io/kubernetes-id': `svc-${i}`, ...annotations },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team' },
  };
}

// Deterministic services across the capabilities, budgets and capacities.
function annotationsOf(i: number): Record<string, string> {
  const pick = (n: number, step: number) =>
    Array.from({ length: n }, (_, k) => CAPABILITIES[(i * step + k * 7) % 31]);
  const a: Record<string, string> = {};
  if (i % 5) a[ANNOTATIONS.requires] = [...new Set(pick(i % 4, 3))].join(',');
  // a capability both required and preferred is another question
  const required = a[ANNOTATIONS.requires]?.split(',') ?? [];
  const preferred = pick(i % 3, 5).filter(c => !required.includes(c));
  if (i % 3) a[ANNOTATIONS.prefers] = [...new Set(preferred)].join(',');
  if (i % 4 === 1) a[ANNOTATIONS.latencyBudgetMs] = ['0.3', '0.5', '1'][i % 3];
  a[ANNOTATIONS.opsCapacity] = OPS_CAPACITIES[i % 3];
  if (!a[ANNOTATIONS.requires]) delete a[ANNOTATIONS.requires];
  if (!a[ANNOTATIONS.prefers]) delete a[ANNOTATIONS.prefers];
  return a;
}

describe('a mesh added through the knowledge base', () => {
  const platforms = MESH_IDS.flatMap(currentMesh =>
    ['calico', 'cilium'].map(cni => ({
      cni,
      currentMesh,
      clusters: 1,
      serviceCount: 40,
      releasePolicy: 'open-source-stable' as const,
    })),
  );

  it('is ranked, and every flip reported holds when the change is made', () => {
    const toKuma = new Set<string>();
    for (const platform of platforms) {
      const evaluate = createEvaluator({ knowledgeBase: kb, platform });
      for (let i = 0; i < 60; i++) {
        const annotations = annotationsOf(i);
        const result = evaluate(service(i, annotations));
        expect(result.ranking.map(c => c.mesh).sort()).toEqual(
          [...MESH_IDS].sort(),
        );
        const asked = new Set<string>();
        for (const flip of result.whatWouldChange) {
          // one flip per kind and new top pick, never to the current pick
          const key = `${flip.kind}:${flip.newTop}`;
          expect(asked.has(key)).toBe(false);
          asked.add(key);
          expect(flip.newTop).not.toBe(result.recommendation?.mesh);
          expect(topAfter(flip, annotations, platform, i)).toBe(flip.newTop);
          if (flip.newTop === ('kuma' as string)) toKuma.add(flip.kind);
        }
        // With room in the list, none is missed: asked the plain way.
        const missed =
          result.whatWouldChange.length < 5
            ? plainFlips(annotations, platform, i, result).filter(
                key => !asked.has(key),
              )
            : [];
        expect(missed).toEqual([]);
      }
    }
    // the sixth mesh is reached by the kinds that index past 32 bits when
    // kinds and meshes share one integer
    expect([...toKuma].sort()).toEqual(
      expect.arrayContaining(['current-mesh', 'remove-requirement']),
    );
  });

  it('stops at what a set can hold', () => {
    expect(() => assertFitsSet(31, 'candidate meshes')).not.toThrow();
    expect(() => assertFitsSet(32, 'candidate meshes')).toThrow(/at most 31/);
  });
});

/**
 * The (kind, new top) flips of dropping each requirement or installing
 * each other mesh, each evaluated afresh.
 */
function plainFlips(
  annotations: Record<string, string>,
  platform: { currentMesh: string },
  i: number,
  result: EvaluationResult,
): string[] {
  const top = result.ranking[0]?.blocked ? null : result.ranking[0]?.mesh;
  const required = annotations[ANNOTATIONS.requires]?.split(',') ?? [];
  const flips = [
    ...required.map(c => ({
      kind: 'remove-requirement',
      annotations: {
        [ANNOTATIONS.requires]: required.filter(r => r !== c).join(',') || null,
      },
    })),
    ...MESH_IDS.filter(m => m !== platform.currentMesh).map(m => ({
      kind: 'current-mesh',
      platform: { currentMesh: m },
    })),
  ];
  return flips.flatMap(f => {
    const after = topAfter(f as Flip, annotations, platform, i);
    return after && after !== top ? [`${f.kind}:${after}`] : [];
  });
}

/** The top pick after making the flip's change, evaluated afresh (null: none). */
function topAfter(
  flip: Flip,
  annotations: Record<string, string>,
  platform: Record<string, unknown>,
  i: number,
): string | null {
  const changed = { ...annotations };
  for (const [k, v] of Object.entries(flip.annotations ?? {})) {
    if (v === null) delete changed[k];
    else changed[k] = v;
  }
  const evaluate = createEvaluator({
    knowledgeBase: kb,
    platform: { ...platform, ...flip.platform },
  });
  const result = evaluate(service(i, changed));
  const top = result.ranking[0];
  return top && !top.blocked ? top.mesh : null;
}
