/* eslint-disable no-console */
// Serves two loopback Kubernetes API "clusters" for the example app (e2e and
// local runs): the test suite's server and upstream sample fixtures, with the
// example catalog's services as their workloads. Start it, then the backend
// with app-config.live.yaml:
//   node plugins/mesh-advisor-backend/dev/fixtureClusters.js &
//   yarn start --config app-config.yaml --config app-config.live.yaml
// east 127.0.0.1:7181 (Calico + Istio ambient's ztunnel), west 127.0.0.1:7182
// (Cilium with its Envoy); app-config.live.yaml also names `lab`, which
// listens nowhere: an unreachable cluster.
require('@backstage/cli/config/nodeTransform.cjs');
const {
  startKubeApiServer,
} = require('../src/__testUtils__/live/kubeApiServer');
const {
  daemonSets,
  ns,
  podsOf,
  upstream,
} = require('../src/__testUtils__/live/upstreamFixtures');

const TOKEN = 'mesh-advisor-example-token';
const waypoint = upstream('istio-ambient-waypoint.gateway.yaml')[0].metadata
  .name;
const bookinfo = upstream('unmeshed-bookinfo.yaml');
const linkerdClassic = upstream('linkerd-classic.deployment.yaml');

const east = {
  daemonSets: daemonSets('kube-proxy', 'calico-node', 'ztunnel'),
  namespaces: [
    ns('checkout'),
    ns('storefront'),
    ns('reviews', { 'istio.io/dataplane-mode': 'ambient' }),
    ns('cart'),
  ],
  pods: [
    ...podsOf(upstream('istio-sidecar.pod.yaml'), {
      namespace: 'checkout',
      kubernetesId: 'checkout-api',
      proxyTag: '1.26.4',
    }),
    ...podsOf(upstream('istio-native-sidecar.deployment.yaml'), {
      namespace: 'storefront',
      kubernetesId: 'storefront-bff',
      replicas: 3,
      proxyTag: '1.27.1',
    }),
    ...podsOf(upstream('istio-ambient-reviews.yaml'), {
      namespace: 'reviews',
      kubernetesId: 'reviews-service',
      extraLabels: { 'istio.io/use-waypoint': waypoint },
    }),
    ...podsOf(bookinfo, {
      namespace: 'cart',
      kubernetesId: 'cart-service',
      only: ['ratings-v1'],
      replicas: 2,
    }),
  ],
};
const west = {
  daemonSets: daemonSets('kube-proxy', 'cilium', 'cilium-envoy'),
  namespaces: [ns('payments'), ns('ledger'), ns('fraud')],
  pods: [
    ...podsOf(upstream('linkerd-native-sidecar.pod.yaml'), {
      namespace: 'payments',
      kubernetesId: 'payments-api',
      proxyTag: 'edge-25.8.1',
    }),
    ...podsOf(linkerdClassic, {
      namespace: 'ledger',
      kubernetesId: 'ledger',
      replicas: 2,
      proxyTag: 'stable-2.14.10',
    }),
    ...podsOf(bookinfo, {
      namespace: 'ledger',
      kubernetesId: 'ledger',
      only: ['details-v1'],
      replicas: 2,
    }),
    ...podsOf(linkerdClassic, {
      namespace: 'fraud',
      kubernetesId: 'fraud-detection',
      replicas: 2,
      proxyTag: 'stable-2.14.10',
    }),
  ],
};

(async () => {
  const e = await startKubeApiServer(east, TOKEN, 7181);
  const w = await startKubeApiServer(west, TOKEN, 7182);
  console.log(
    `fixture clusters: east ${e.url} (${east.pods.length} pods), west ${w.url} (${west.pods.length} pods)`,
  );
})().catch(err => {
  console.error(err);
  process.exit(1);
});
