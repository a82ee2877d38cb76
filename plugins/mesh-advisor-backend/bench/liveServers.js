/* eslint-disable no-console */
// Child process of live.bench.js: three loopback Kubernetes API servers
// (the test suite's server) holding PODS_PER_CLUSTER pods each, built from the
// upstream samples' pod shapes (Istio sidecar, ambient, Linkerd, unmeshed).
// Runs apart from the reader so its memory and event loop are not measured.
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

const PODS = Number(process.env.PODS_PER_CLUSTER ?? 10_000);
const PODS_PER_SERVICE = 10;

function template(file, opts) {
  return podsOf(upstream(file), { replicas: 1, ...opts })[0];
}

// Each cluster mixes shapes the way a real fleet does; service i owns pods
// i*10 … i*10+9 of its cluster (kubernetes-id svc-<cluster>-<i>).
const MIXES = {
  east: [
    ['istio-native-sidecar.deployment.yaml', { proxyTag: '1.27.1' }],
    ['istio-sidecar.pod.yaml', { proxyTag: '1.26.4' }],
    ['istio-ambient-details.yaml', {}],
    ['unmeshed-bookinfo.yaml', { only: ['ratings-v1'] }],
  ],
  west: [
    ['linkerd-native-sidecar.pod.yaml', { proxyTag: 'edge-25.8.1' }],
    ['linkerd-classic.deployment.yaml', { proxyTag: 'stable-2.14.10' }],
    ['unmeshed-bookinfo.yaml', { only: ['productpage-v1'] }],
  ],
  central: [['unmeshed-bookinfo.yaml', { only: ['details-v1'] }]],
};
const DAEMONSETS = {
  east: ['kube-proxy', 'calico-node', 'ztunnel'],
  west: ['kube-proxy', 'cilium', 'cilium-envoy'],
  central: ['cilium', 'cilium-envoy', 'spire-agent'],
};

function cluster(name) {
  const shapes = MIXES[name].map(([file, opts]) =>
    template(file, { namespace: 'x', ...opts }),
  );
  const pods = [];
  for (let i = 0; i < PODS; i++) {
    const svc = Math.floor(i / PODS_PER_SERVICE);
    const shape = shapes[svc % shapes.length];
    const namespace = `team-${svc % 50}`;
    pods.push({
      ...shape,
      metadata: {
        ...shape.metadata,
        name: `svc-${name}-${svc}-${i % PODS_PER_SERVICE}`,
        namespace,
        uid: `${name}-${i}`,
        labels: {
          ...shape.metadata.labels,
          'backstage.io/kubernetes-id': `svc-${name}-${svc}`,
        },
      },
    });
  }
  const namespaces = Array.from({ length: 50 }, (_, i) =>
    ns(
      `team-${i}`,
      name === 'east' && i % 2 ? { 'istio.io/dataplane-mode': 'ambient' } : {},
    ),
  );
  return { pods, namespaces, daemonSets: daemonSets(...DAEMONSETS[name]) };
}

(async () => {
  const servers = {};
  for (const name of Object.keys(MIXES)) {
    const objects = cluster(name);
    const bytes = Buffer.byteLength(JSON.stringify(objects.pods));
    servers[name] = await startKubeApiServer(objects);
    console.log(
      `  ${name}: ${objects.pods.length} pods (${(bytes / 1e6).toFixed(
        0,
      )} MB as JSON)`,
    );
  }
  process.send({
    clusters: Object.entries(servers).map(([name, s]) => ({
      name,
      url: s.url,
      token: s.token,
    })),
    servicesPerCluster: Math.ceil(PODS / PODS_PER_SERVICE),
  });
  process.on('message', m => {
    if (m === 'counts') {
      process.send({
        requests: Object.fromEntries(
          Object.entries(servers).map(([n, s]) => [n, s.requests.length]),
        ),
      });
    }
  });
})();
