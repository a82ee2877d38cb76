/* eslint-disable no-console */
// yarn bench:live — one live pass over 3 clusters holding 30,000 pods in all
// (PODS_PER_CLUSTER, default 10,000), as the plugin runs it: three paginated
// cluster-wide lists per cluster (pages of 500), detection of every pod, then
// the join with 3,000 catalog services (kubernetes-id) and their drift states,
// in pages of 1,000 as the plugin reads the catalog (its own judgeServices).
// The Kubernetes API servers are the test suite's loopback server, in a child
// process; this process is the reader, and its memory is what is reported.
require('@backstage/cli/config/nodeTransform.cjs');
const { fork } = require('node:child_process');
const path = require('node:path');
const { LiveClusterReader } = require('../src/live/clusterReader');
const { judgeServices } = require('../src/live/liveStates');
const { PAGE_SIZE } = require('../src/service/catalogReader');
const { derivePlatform } = require('../src/live/platformContext');
const { createEvaluator } = require('@mesh-advisor/plugin-mesh-advisor-common');

const RUNS = Number(process.env.RUNS ?? 3);
const logger = {
  warn: m => console.warn(m),
  info() {},
  error() {},
  debug() {},
  child() {
    return logger;
  },
};

function once(child, pred) {
  return new Promise(resolve => {
    const on = m => {
      if (pred(m)) {
        child.off('message', on);
        resolve(m);
      }
    };
    child.on('message', on);
  });
}

(async () => {
  console.log('Starting 3 loopback Kubernetes API servers (child process) …');
  const child = fork(path.join(__dirname, 'liveServers.js'), {
    stdio: 'inherit',
  });
  const { clusters, servicesPerCluster } = await once(child, m => m.clusters);
  const supplier = {
    getClusters: async () =>
      clusters.map(c => ({
        name: c.name,
        url: c.url,
        authMetadata: { serviceAccountToken: c.token },
      })),
  };
  const entities = clusters.flatMap(c =>
    Array.from({ length: servicesPerCluster }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${c.name}-${i}`,
        namespace: 'default',
        annotations: {
          'backstage.io/kubernetes-id': `svc-${c.name}-${i}`,
          'mesh-advisor.io/requires': i % 3 ? 'mtls' : 'mtls, wasm',
        },
      },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    })),
  );
  // Two stored evaluations stand in for the 3,000 (the join reads their ranking).
  const evaluate = createEvaluator({ platform: { cni: 'calico' } });
  const evals = [evaluate(entities[1]), evaluate(entities[0])];

  const results = [];
  for (let run = 0; run < RUNS; run++) {
    global.gc?.();
    const reader = new LiveClusterReader({ supplier, logger, pageSize: 500 });
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    const t0 = process.hrtime.bigint();
    const pass = await reader.read();
    const t1 = process.hrtime.bigint();
    const drift = {};
    const at = new Date();
    for (let p = 0; p < entities.length; p += PAGE_SIZE) {
      const page = entities.slice(p, p + PAGE_SIZE);
      // the page's stored advice, as the plugin reads it per page
      const inputs = new Map(
        page.map((e, k) => [
          `component:default/${e.metadata.name}`,
          { evaluation: evals[(p + k) % 3 ? 0 : 1], decision: null },
        ]),
      );
      for (const a of judgeServices(page, { ...pass, at }, inputs, new Map())) {
        drift[a.drift] = (drift[a.drift] ?? 0) + 1;
      }
    }
    const platform = derivePlatform(pass.states, {});
    const t2 = process.hrtime.bigint();
    clearInterval(sampler);
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    results.push({
      readMs: Number(t1 - t0) / 1e6,
      joinMs: Number(t2 - t1) / 1e6,
      requests: pass.requests,
      pods: pass.states.reduce((n, s) => n + s.pods, 0),
      peakRssMiB: peakRss / 2 ** 20,
      peakHeapMiB: peakHeap / 2 ** 20,
      heapGrowthMiB: (peakHeap - base.heapUsed) / 2 ** 20,
      drift,
      platform,
    });
  }
  child.send('counts');
  const { requests } = await once(child, m => m.requests);
  child.kill();

  const r = results[results.length - 1];
  console.log(
    `\nLive pass: 3 clusters, ${r.pods} pods, ${entities.length} services, pages of 500 (${RUNS} runs)`,
  );
  console.log(
    'run  read+detect  join+drift  total    requests  peak RSS  peak heap (growth)',
  );
  results.forEach((x, i) =>
    console.log(
      `${String(i + 1).padEnd(4)} ${x.readMs
        .toFixed(0)
        .padStart(8)} ms ${x.joinMs.toFixed(0).padStart(8)} ms ${(
        x.readMs + x.joinMs
      )
        .toFixed(0)
        .padStart(6)} ms ${String(x.requests).padStart(8)} ${x.peakRssMiB
        .toFixed(0)
        .padStart(6)} MiB ${x.peakHeapMiB
        .toFixed(0)
        .padStart(6)} MiB (+${x.heapGrowthMiB.toFixed(0)})`,
    ),
  );
  console.log(
    `requests served per cluster over all runs: ${JSON.stringify(requests)}`,
  );
  console.log(`drift states: ${JSON.stringify(r.drift)}`);
  console.log(
    `derived platform: cni ${r.platform.cni}, current mesh ${
      r.platform.currentMesh
    }, shares ${JSON.stringify(
      Object.fromEntries(
        Object.entries(r.platform.meshShares).map(([k, v]) => [
          k,
          `${Math.round(v * 100)}%`,
        ]),
      ),
    )}`,
  );
})().catch(e => {
  console.error(e);
  process.exit(1);
});
