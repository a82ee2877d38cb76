import { daemonSet } from '../../__testUtils__/live/pods';
import { clusterFacts } from './clusterFacts';
import { imageVersion } from './imageVersion';

describe('clusterFacts', () => {
  it.each([
    ['cilium', 'cilium'],
    ['calico-node', 'calico'],
    ['aws-node', 'aws-vpc-cni'],
    ['azure-cns', 'azure-cni'],
    ['kube-flannel-ds', 'flannel'],
    ['weave-net', 'other'],
  ])('recognises the CNI from DaemonSet %s', (name, cni) => {
    const facts = clusterFacts([
      daemonSet('kube-system', 'kube-proxy'),
      daemonSet('kube-system', name),
    ]);
    expect(facts.cni).toBe(cni);
    expect(facts.cniEvidence).toBe(`kube-system/${name}`);
  });

  it('reports Cilium when it is chained over aws-node', () => {
    expect(
      clusterFacts([
        daemonSet('kube-system', 'aws-node'),
        daemonSet('kube-system', 'cilium'),
      ]).cni,
    ).toBe('cilium');
  });

  it('reports no CNI when no known DaemonSet runs', () => {
    expect(clusterFacts([daemonSet('kube-system', 'kube-proxy')])).toEqual({
      cni: null,
      cniEvidence: null,
      ztunnel: false,
      ciliumEnvoy: false,
      ciliumMutualAuth: false,
    });
  });

  it('finds ztunnel, Cilium Envoy and Cilium mutual auth', () => {
    const facts = clusterFacts([
      daemonSet('istio-system', 'ztunnel'),
      daemonSet('kube-system', 'cilium'),
      daemonSet('kube-system', 'cilium-envoy'),
      daemonSet('cilium-spire', 'spire-agent'),
    ]);
    expect(facts).toMatchObject({
      ztunnel: true,
      ciliumEnvoy: true,
      ciliumMutualAuth: true,
    });
  });

  it('does not take a SPIRE agent of another install for Cilium mutual auth', () => {
    expect(
      clusterFacts([daemonSet('spire', 'spire-agent')]).ciliumMutualAuth,
    ).toBe(false);
  });
});

describe('imageVersion', () => {
  it.each([
    ['docker.io/istio/proxyv2:1.27.1', '1.27.1'],
    ['cr.l5d.io/linkerd/proxy:v2.3.0', '2.3.0'],
    ['cr.l5d.io/linkerd/proxy:edge-25.8.1', 'edge-25.8.1'],
    ['localhost:5000/istio/proxyv2', null],
    ['localhost:5000/istio/proxyv2:1.26.0', '1.26.0'],
    ['x/proxy:1.2@sha256:abc', '1.2'],
    ['x/proxy@sha256:abc', null],
    [undefined, null],
  ])('%s → %s', (image, version) => {
    expect(imageVersion(image)).toBe(version);
  });
});
