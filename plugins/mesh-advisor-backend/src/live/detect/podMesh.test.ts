import { daemonSet, namespace, pod } from '../../__testUtils__/live/pods';
import { clusterFacts } from './clusterFacts';
import { detectPodMesh } from './podMesh';

const plain = clusterFacts([daemonSet('kube-system', 'calico-node')]);
const ambient = clusterFacts([
  daemonSet('kube-system', 'calico-node'),
  daemonSet('istio-system', 'ztunnel'),
]);
const proxy = (name: string, image: string) => ({ name, image });
const native = (name: string, image: string) => ({
  name,
  image,
  restartPolicy: 'Always',
});

describe('detectPodMesh', () => {
  it('finds a classic Istio sidecar and its version from the proxyv2 image', () => {
    const p = pod('a', {
      containers: [
        proxy('app', 'acme/a:1'),
        proxy('istio-proxy', 'docker.io/istio/proxyv2:1.27.1'),
      ],
    });
    const r = detectPodMesh('c1', p, undefined, plain);
    expect(r.mesh).toBe('istio-sidecar');
    expect(r.version).toBe('1.27.1');
    expect(r.evidence[0].rule).toBe('istio-sidecar-container');
  });

  it('finds an Istio native sidecar (init container with restartPolicy Always)', () => {
    const p = pod('a', {
      initContainers: [
        proxy('istio-init', 'x/proxyv2:1.28.0'),
        native('istio-proxy', 'x/proxyv2:1.28.0'),
      ],
    });
    const r = detectPodMesh('c1', p, undefined, plain);
    expect(r).toMatchObject({ mesh: 'istio-sidecar', version: '1.28.0' });
    expect(r.evidence[0].rule).toBe('istio-native-sidecar');
  });

  it('does not count an istio-proxy init container that exits (no restartPolicy) as a sidecar', () => {
    const p = pod('a', {
      initContainers: [proxy('istio-proxy', 'x/proxyv2:1.28.0')],
    });
    expect(detectPodMesh('c1', p, undefined, plain).mesh).toBe('none');
  });

  it('finds a classic Linkerd proxy, version from the image tag', () => {
    const p = pod('a', {
      containers: [
        proxy('app', 'a:1'),
        proxy('linkerd-proxy', 'cr.l5d.io/linkerd/proxy:edge-25.8.1'),
      ],
    });
    const r = detectPodMesh('c1', p, undefined, plain);
    expect(r).toMatchObject({ mesh: 'linkerd', version: 'edge-25.8.1' });
    expect(r.evidence[0].rule).toBe('linkerd-proxy-container');
  });

  it('finds a Linkerd native sidecar; an untagged image falls back to the proxy-version annotation', () => {
    const p = pod('a', {
      annotations: { 'linkerd.io/proxy-version': 'stable-2.14.10' },
      initContainers: [
        native('linkerd-proxy', 'cr.l5d.io/linkerd/proxy@sha256:abc'),
      ],
    });
    const r = detectPodMesh('c1', p, undefined, plain);
    expect(r).toMatchObject({ mesh: 'linkerd', version: 'stable-2.14.10' });
    expect(r.evidence[0].rule).toBe('linkerd-native-sidecar');
  });

  it('puts a pod in ambient by its own label when ztunnel runs', () => {
    const p = pod('a', { labels: { 'istio.io/dataplane-mode': 'ambient' } });
    const r = detectPodMesh('c1', p, namespace('shop'), ambient);
    expect(r.mesh).toBe('istio-ambient');
    expect(r.evidence.map(e => e.rule)).toEqual(['istio-ambient-pod-label']);
  });

  it('puts a pod in ambient by its namespace label, with the namespace waypoint', () => {
    const ns = namespace('shop', {
      'istio.io/dataplane-mode': 'ambient',
      'istio.io/use-waypoint': 'waypoint',
    });
    const r = detectPodMesh('c1', pod('a'), ns, ambient);
    expect(r).toMatchObject({ mesh: 'istio-ambient', waypoint: 'waypoint' });
    expect(r.evidence.map(e => e.rule)).toEqual([
      'istio-ambient-namespace-label',
      'istio-waypoint',
    ]);
  });

  it('a pod label use-waypoint overrides the namespace one, and none opts out of it', () => {
    const ns = namespace('shop', {
      'istio.io/dataplane-mode': 'ambient',
      'istio.io/use-waypoint': 'waypoint',
    });
    expect(
      detectPodMesh(
        'c1',
        pod('a', { labels: { 'istio.io/use-waypoint': 'reviews-wp' } }),
        ns,
        ambient,
      ).waypoint,
    ).toBe('reviews-wp');
    expect(
      detectPodMesh(
        'c1',
        pod('b', { labels: { 'istio.io/use-waypoint': 'none' } }),
        ns,
        ambient,
      ).waypoint,
    ).toBeNull();
  });

  it('a pod labelled dataplane-mode=none opts out of its ambient namespace', () => {
    const ns = namespace('shop', { 'istio.io/dataplane-mode': 'ambient' });
    const r = detectPodMesh(
      'c1',
      pod('a', { labels: { 'istio.io/dataplane-mode': 'none' } }),
      ns,
      ambient,
    );
    expect(r.mesh).toBe('none');
    expect(r.evidence.map(e => e.rule)).toEqual([
      'istio-ambient-opted-out',
      'no-mesh',
    ]);
  });

  it('an ambient label without ztunnel in the cluster has no effect', () => {
    const ns = namespace('shop', { 'istio.io/dataplane-mode': 'ambient' });
    const r = detectPodMesh('c1', pod('a'), ns, plain);
    expect(r.mesh).toBe('none');
    expect(r.evidence.map(e => e.rule)).toContain('istio-ambient-no-ztunnel');
  });

  it('a sidecar wins over an ambient namespace (ztunnel skips sidecar pods)', () => {
    const ns = namespace('shop', { 'istio.io/dataplane-mode': 'ambient' });
    const p = pod('a', {
      containers: [proxy('istio-proxy', 'x/proxyv2:1.27.1')],
    });
    expect(detectPodMesh('c1', p, ns, ambient).mesh).toBe('istio-sidecar');
  });

  it('counts pods on Cilium with mutual auth as Cilium-meshed, but not with its Envoy alone', () => {
    const withAuth = clusterFacts([
      daemonSet('kube-system', 'cilium'),
      daemonSet('cilium-spire', 'spire-agent'),
    ]);
    const envoyOnly = clusterFacts([
      daemonSet('kube-system', 'cilium'),
      daemonSet('kube-system', 'cilium-envoy'),
    ]);
    expect(detectPodMesh('c1', pod('a'), undefined, withAuth)).toMatchObject({
      mesh: 'cilium',
    });
    const r = detectPodMesh('c1', pod('a'), undefined, envoyOnly);
    expect(r.mesh).toBe('none');
    expect(r.evidence.map(e => e.rule)).toEqual(['cilium-envoy', 'no-mesh']);
    expect(
      detectPodMesh('c1', pod('h', { hostNetwork: true }), undefined, withAuth)
        .mesh,
    ).toBe('none');
  });

  it('a Linkerd pod on a Cilium cluster with mutual auth is Linkerd', () => {
    const withAuth = clusterFacts([
      daemonSet('kube-system', 'cilium'),
      daemonSet('cilium-spire', 'spire-agent'),
    ]);
    const p = pod('a', {
      containers: [
        proxy('linkerd-proxy', 'cr.l5d.io/linkerd/proxy:stable-2.14.10'),
      ],
    });
    expect(detectPodMesh('c1', p, undefined, withAuth).mesh).toBe('linkerd');
  });
});
