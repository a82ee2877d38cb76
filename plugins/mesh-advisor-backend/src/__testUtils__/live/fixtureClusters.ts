import type { ClusterObjects } from './kubeApiServer';
import { daemonSets, ns, podsOf, upstream } from './upstreamFixtures';

// The waypoint's name comes from the upstream Gateway, as `istioctl waypoint
// apply` would label the workloads that use it.
const reviewsWaypoint = upstream('istio-ambient-waypoint.gateway.yaml')[0]
  .metadata!.name!;

/**
 * `east`: Calico with Istio ambient (ztunnel) — Istio sidecars (native and
 * classic), ambient pods with and without a waypoint, unmeshed bookinfo.
 */
export function eastCluster(): ClusterObjects {
  const bookinfo = upstream('unmeshed-bookinfo.yaml');
  return {
    daemonSets: daemonSets('kube-proxy', 'calico-node', 'ztunnel'),
    namespaces: [
      ns('default'),
      ns('kube-system'),
      ns('istio-system'),
      ns('hello'),
      ns('checkout'),
      ns('ambient', { 'istio.io/dataplane-mode': 'ambient' }),
      ns('bookinfo'),
    ],
    pods: [
      ...podsOf(upstream('istio-native-sidecar.deployment.yaml'), {
        namespace: 'hello',
        kubernetesId: 'hello-web',
        replicas: 2,
        proxyTag: '1.27.1',
      }),
      ...podsOf(upstream('istio-sidecar.pod.yaml'), {
        namespace: 'checkout',
        kubernetesId: 'checkout',
        proxyTag: '1.26.4',
      }),
      ...podsOf(upstream('istio-ambient-details.yaml'), {
        namespace: 'ambient',
        kubernetesId: 'details',
      }),
      ...podsOf(upstream('istio-ambient-reviews.yaml'), {
        namespace: 'ambient',
        kubernetesId: 'reviews',
        extraLabels: { 'istio.io/use-waypoint': reviewsWaypoint },
      }),
      ...podsOf(bookinfo, {
        namespace: 'bookinfo',
        kubernetesId: 'ratings',
        only: ['ratings-v1'],
        replicas: 2,
      }),
      ...podsOf(bookinfo, {
        namespace: 'bookinfo',
        kubernetesId: 'productpage',
        only: ['productpage-v1'],
      }),
    ],
  };
}

/**
 * `west`: Cilium with its Envoy, no mutual auth — Linkerd classic and native
 * sidecars, and `payments` half on Linkerd, half unmeshed (a rollout midway).
 */
export function westCluster(): ClusterObjects {
  const linkerdClassic = upstream('linkerd-classic.deployment.yaml');
  return {
    daemonSets: daemonSets('kube-proxy', 'cilium', 'cilium-envoy'),
    namespaces: [
      ns('default'),
      ns('kube-system'),
      ns('emojivoto'),
      ns('web'),
      ns('payments'),
    ],
    pods: [
      ...podsOf(upstream('linkerd-native-sidecar.pod.yaml'), {
        namespace: 'emojivoto',
        kubernetesId: 'vote-bot',
        proxyTag: 'edge-25.8.1',
      }),
      ...podsOf(linkerdClassic, {
        namespace: 'web',
        kubernetesId: 'nginx-edge',
        replicas: 2,
        proxyTag: 'stable-2.14.10',
      }),
      ...podsOf(linkerdClassic, {
        namespace: 'payments',
        kubernetesId: 'payments',
        replicas: 2,
        proxyTag: 'stable-2.14.10',
      }),
      ...podsOf(upstream('unmeshed-bookinfo.yaml'), {
        namespace: 'payments',
        kubernetesId: 'payments',
        only: ['details-v1'],
        replicas: 2,
      }),
    ],
  };
}

/** `auth`: Cilium with mutual authentication (SPIRE): its plain pods count as Cilium-meshed. */
export function authCluster(): ClusterObjects {
  return {
    daemonSets: daemonSets('cilium', 'cilium-envoy', 'spire-agent'),
    namespaces: [ns('default'), ns('ledger')],
    pods: podsOf(upstream('unmeshed-bookinfo.yaml'), {
      namespace: 'ledger',
      kubernetesId: 'ledger',
      only: ['ratings-v1'],
      replicas: 3,
    }),
  };
}
