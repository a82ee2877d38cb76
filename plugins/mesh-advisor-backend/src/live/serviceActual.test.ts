import { createEvaluator } from '@mesh-advisor/plugin-mesh-advisor-common';
import { buildSnapshot, clusterState } from './clusterSnapshot';
import { derivePlatform } from './platformContext';
import { serviceActual } from './serviceActual';
import { service } from '../__testUtils__/live/entities';
import { daemonSet, namespace, pod } from '../__testUtils__/live/pods';
import { workloadSelector } from './workloadSelector';

const at = new Date('2026-11-30T12:00:00Z');
const id = (v: string) => ({ 'backstage.io/kubernetes-id': v });
const linkerd = [
  { name: 'app', image: 'a:1' },
  { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:edge-25.8.1' },
];

const east = buildSnapshot(
  'east',
  {
    namespaces: [
      namespace('shop', { 'istio.io/dataplane-mode': 'ambient' }),
      namespace('pay'),
    ],
    daemonSets: [
      daemonSet('kube-system', 'calico-node'),
      daemonSet('istio-system', 'ztunnel'),
    ],
    pods: [
      pod('cart-1', { labels: id('cart') }),
      pod('cart-2', { labels: id('cart') }),
      pod('pay-1', {
        namespace: 'pay',
        labels: id('pay'),
        containers: linkerd,
      }),
      pod('pay-2', { namespace: 'pay', labels: id('pay') }),
      pod('pay-old', {
        namespace: 'pay',
        labels: id('pay'),
        phase: 'Succeeded',
      }),
    ],
  },
  at,
);
const west = buildSnapshot(
  'west',
  {
    namespaces: [namespace('pay')],
    daemonSets: [daemonSet('kube-system', 'cilium')],
    pods: [
      pod('pay-3', {
        namespace: 'pay',
        labels: id('pay'),
        containers: linkerd,
      }),
    ],
  },
  at,
);
const evaluate = createEvaluator({ platform: { cni: 'calico' } });

describe('serviceActual', () => {
  it('joins a service across clusters: share, versions, evidence of both sides', () => {
    const entity = service('pay', {
      ...id('pay'),
      'mesh-advisor.io/requires': 'mtls',
    });
    const a = serviceActual({
      entityRef: 'component:default/pay',
      selector: workloadSelector(entity),
      clusters: [
        { snapshot: east, fresh: true },
        { snapshot: west, fresh: false },
      ],
      evaluation: evaluate(entity),
      decided: 'linkerd',
      observedAt: at,
    });
    // the Succeeded pod is not counted
    expect(a).toMatchObject({
      pods: 3,
      meshedPods: 2,
      mesh: 'linkerd',
      drift: 'partially-meshed',
      stale: true,
      decided: 'linkerd',
    });
    expect(a.meshedShare).toBeCloseTo(2 / 3);
    expect(a.versions).toEqual(['linkerd edge-25.8.1']);
    expect(a.clusters).toEqual(['east', 'west']);
    expect(new Set(a.evidence.map(e => e.mesh))).toEqual(
      new Set(['linkerd', 'none']),
    );
  });

  it('reports namespace labels and ambient pods', () => {
    const entity = service('cart', id('cart'));
    const a = serviceActual({
      entityRef: 'c',
      selector: workloadSelector(entity),
      clusters: [{ snapshot: east, fresh: true }],
      evaluation: null,
      decided: null,
      observedAt: at,
    });
    expect(a).toMatchObject({
      mesh: 'istio-ambient',
      pods: 2,
      meshedShare: 1,
      stale: false,
      drift: 'undecided',
    });
    expect(a.namespaceLabels).toEqual([
      'shop: istio.io/dataplane-mode=ambient',
    ]);
  });

  it('says a service without pods may live in a cluster never read, and marks it stale', () => {
    const entity = service('gone', id('gone'));
    const a = serviceActual({
      entityRef: 'c',
      selector: workloadSelector(entity),
      clusters: [
        { snapshot: east, fresh: true },
        { snapshot: undefined, fresh: false },
      ],
      evaluation: null,
      decided: null,
      observedAt: at,
    });
    expect(a).toMatchObject({ drift: 'unknown', stale: true });
    expect(a.driftReason).toBe(
      'no pods found for this service in the clusters read; 1 of 2 clusters could not be read',
    );
  });

  it('is unknown for an entity with no Kubernetes annotation', () => {
    const a = serviceActual({
      entityRef: 'c',
      selector: null,
      clusters: [{ snapshot: east, fresh: true }],
      evaluation: null,
      decided: null,
      observedAt: at,
    });
    expect(a.drift).toBe('unknown');
    expect(a.driftReason).toMatch(/kubernetes-id/);
  });
});

describe('derivePlatform', () => {
  const states = [
    clusterState(east, 'east', null),
    clusterState(west, 'west', 'unreachable'),
    clusterState(undefined, 'never', 'unreachable'),
  ];

  it('derives the CNI and current mesh from the clusters, with shares', () => {
    const p = derivePlatform(states, {});
    expect(p).toMatchObject({
      cni: 'calico',
      cniSource: 'clusters',
      currentMesh: 'istio-ambient',
      currentMeshSource: 'clusters',
      clusters: 3,
    });
    expect(p.meshShares['istio-ambient']).toBeCloseTo(2 / 5);
    expect(p.meshShares.linkerd).toBeCloseTo(2 / 5);
  });

  it('app-config overrides what the clusters say', () => {
    expect(
      derivePlatform(states, { cni: 'cilium', currentMesh: 'linkerd' }),
    ).toMatchObject({
      cni: 'cilium',
      cniSource: 'config',
      currentMesh: 'linkerd',
      currentMeshSource: 'config',
    });
  });

  it('falls back to defaults when no cluster was ever read', () => {
    expect(
      derivePlatform([clusterState(undefined, 'x', 'unreachable')], {}),
    ).toMatchObject({
      cni: 'other',
      cniSource: 'default',
      currentMesh: 'none',
      currentMeshSource: 'default',
    });
  });

  it('marks an unreachable cluster stale and keeps its last figures', () => {
    expect(states[1]).toMatchObject({
      reachable: false,
      stale: true,
      pods: 1,
      cni: 'cilium',
    });
  });
});
