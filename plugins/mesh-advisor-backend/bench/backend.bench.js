/* eslint-disable no-console */
// yarn bench:backend — seeds 10,000 services and reports
//  1. the full sweep time (read the catalog page by page, evaluate, persist)
//     on SQLite and on PostgreSQL (when PG_CONNECTION_STRING is set; the root
//     script `yarn bench:backend` starts a throwaway server for it);
//  2. GET /evaluations (a filtered page of 50) and GET /summary latency p50/p99
//     under 50 concurrent clients (autocannon) against a real running backend
//     (createBackend from @backstage/backend-defaults) on each database.
// The catalog is an in-memory catalog service holding the 10,000 services, so
// the figures measure Mesh Advisor, not catalog ingestion.
require('@backstage/cli/config/nodeTransform.cjs');
const { createBackend } = require('@backstage/backend-defaults');
const { createServiceFactory } = require('@backstage/backend-plugin-api');
const {
  InMemoryCatalogClient,
} = require('@backstage/catalog-client/testUtils');
const { catalogServiceRef } = require('@backstage/plugin-catalog-node');
const autocannon = require('autocannon');
const { CAPABILITIES } = require('@mesh-advisor/plugin-mesh-advisor-common');
const { meshAdvisorPlugin } = require('../src/plugin');

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SERVICES = 10_000;
const PORT = Number(process.env.BENCH_PORT ?? 7123);
const TOKEN = 'mesh-advisor-bench-token-0123456789abcdef';

function syntheticCatalog(n) {
  let seed = 7;
  const r = () =>
    (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const entities = [];
  for (let i = 0; i < n; i++) {
    const requires = [
      ...new Set(
        Array.from(
          { length: Math.floor(r() * 4) },
          () => CAPABILITIES[Math.floor(r() * CAPABILITIES.length)],
        ),
      ),
    ];
    const annotations = {
      'backstage.io/kubernetes-id': `svc-${i}`,
      'mesh-advisor.io/replicas': String(1 + Math.floor(r() * 20)),
    };
    if (requires.length)
      annotations['mesh-advisor.io/requires'] = requires.join(', ');
    if (r() < 0.3)
      annotations['mesh-advisor.io/ops-capacity'] = ['low', 'medium', 'high'][
        Math.floor(r() * 3)
      ];
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${String(i).padStart(5, '0')}`,
        namespace: 'default',
        annotations,
        description: `Synthetic service ${i}`,
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/team-${i % 50}`,
        system: `system:default/system-${i % 200}`,
        dependsOn:
          i % 5
            ? [`component:default/svc-${String(i - 1).padStart(5, '0')}`]
            : [],
      },
    });
  }
  return entities;
}

const databases = [
  ['SQLite', { client: 'better-sqlite3', connection: ':memory:' }],
  ...(process.env.PG_CONNECTION_STRING
    ? [
        [
          'PostgreSQL',
          {
            client: 'pg',
            connection: process.env.PG_CONNECTION_STRING,
            pluginDivisionMode: 'schema',
          },
        ],
      ]
    : []),
];

function load(route) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${PORT}/api/mesh-advisor${route}`,
        connections: 50,
        duration: 10,
        headers: { authorization: `Bearer ${TOKEN}` },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
}

async function waitForSweep(started) {
  for (;;) {
    const res = await fetch(
      `http://127.0.0.1:${PORT}/api/mesh-advisor/summary`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
    ).catch(() => undefined);
    if (res?.ok) {
      const body = await res.json();
      if (body.lastSweep?.outcome === 'succeeded' && body.total >= SERVICES) {
        return {
          ms:
            Date.parse(body.lastSweep.finishedAt) -
            Date.parse(body.lastSweep.startedAt),
          wall: Date.now() - started,
        };
      }
      if (body.lastSweep?.outcome === 'failed')
        throw new Error(`sweep failed: ${body.lastSweep.message}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

async function benchOn(name, database, entities) {
  const backend = createBackend();
  backend.add(meshAdvisorPlugin);
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => new InMemoryCatalogClient({ entities }),
    }),
  );
  const started = Date.now();
  await backend.start();
  try {
    const sweep = await waitForSweep(started);
    const list = await load(
      '/evaluations?mesh=linkerd&sort=score&order=desc&limit=50',
    );
    const summary = await load('/summary');
    return { name, sweep, list, summary };
  } finally {
    await backend.stop();
  }
}

async function main() {
  const entities = syntheticCatalog(SERVICES);
  const rows = [];
  for (const [name, database] of databases) {
    // The bench's own config (not app-config.yaml), passed as --config.
    const file = path.join(os.tmpdir(), `mesh-advisor-bench-${name}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        backend: {
          baseUrl: `http://127.0.0.1:${PORT}`,
          listen: { port: PORT, host: '127.0.0.1' },
          database,
          auth: {
            externalAccess: [
              { type: 'static', options: { token: TOKEN, subject: 'bench' } },
            ],
          },
        },
        meshAdvisor: {
          platform: { cni: 'cilium' },
          schedule: { initialDelay: { seconds: 0 }, frequency: { hours: 1 } },
        },
      }),
    );
    process.argv = [process.argv[0], process.argv[1], '--config', file];
    console.log(
      `\n▶ ${name}: seeding ${SERVICES.toLocaleString(
        'en-US',
      )} services, sweeping, then 50 concurrent clients × 10 s per endpoint …`,
    );
    rows.push(await benchOn(name, database, entities));
  }
  console.log(
    `\nMesh Advisor backend, ${SERVICES.toLocaleString(
      'en-US',
    )} services, Node ${process.version}\n`,
  );
  console.log(
    'database   | sweep (read+evaluate+persist) | endpoint          | req/s  | p50 ms | p99 ms | errors',
  );
  console.log(
    '-----------|-------------------------------|-------------------|--------|--------|--------|-------',
  );
  for (const r of rows) {
    for (const [label, res] of [
      ['GET /evaluations', r.list],
      ['GET /summary', r.summary],
    ]) {
      const non2xx = res.non2xx + res.errors;
      console.log(
        `${r.name.padEnd(10)} | ${`${(r.sweep.ms / 1000).toFixed(2)} s`.padEnd(
          29,
        )} | ${label.padEnd(17)} | ${String(
          Math.round(res.requests.average),
        ).padStart(6)} | ${String(res.latency.p50).padStart(6)} | ${String(
          res.latency.p99,
        ).padStart(6)} | ${non2xx}`,
      );
    }
  }
  console.log(
    '\ntargets: sweep ≤ 10 s on both databases; p99 ≤ 50 ms for both endpoints',
  );
  for (const r of rows) {
    const ok =
      r.sweep.ms <= 10_000 &&
      r.list.latency.p99 <= 50 &&
      r.summary.latency.p99 <= 50 &&
      r.list.non2xx + r.summary.non2xx === 0;
    console.log(`${r.name}: ${ok ? 'PASS' : 'MISS'}`);
  }
  if (databases.length === 1)
    console.log(
      '(PostgreSQL skipped: run `yarn bench:backend` from the repo root, which starts one)',
    );
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
