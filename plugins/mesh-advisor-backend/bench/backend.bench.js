/* eslint-disable no-console */
// yarn bench:backend — seeds 10,000 services and reports
//  1. the full sweep time (read the catalog page by page, evaluate, persist)
//     on SQLite and on PostgreSQL (when PG_CONNECTION_STRING is set; the root
//     script `yarn bench:backend` starts a throwaway server for it);
//  2. GET /evaluations (a filtered page of 50) and GET /summary latency p50/p99
//     under 50 concurrent clients (autocannon) against a real running backend
//     on each database, with the default configuration: each replica reuses
//     the pages, counts and summary it read for 2 s (meshAdvisor.cacheSeconds)
//     — and, since the load repeats one URL, mostly from that copy;
//  3. the same GET /evaluations against a backend with cacheSeconds: 0, so
//     every request runs the page query: the cost of a page nobody asked for
//     in the last 2 s.
//
// What runs where (all on this machine, sharing its cores):
//  - this process: the load generator (autocannon, 50 connections, 3 s of
//    un-counted warm-up then three runs of 10 s per endpoint) and the report; it
//    polls /summary until the sweep is done and does nothing else meanwhile;
//  - a child process (bench/server.js): the backend, built with createBackend
//    from @backstage/backend-defaults with the real plugin, Backstage's auth
//    (a static external-access token), request logging (to a log file in the
//    temp directory) and error handling. It has an event loop of its own, as
//    a deployed backend does; in one process the load generator's own work
//    would delay the server's responses and count as server latency;
//  - the database: SQLite in memory in the child, or the PostgreSQL server.
// The catalog is an in-memory catalog service holding the services, so
// the figures measure Mesh Advisor, not catalog ingestion.
//
// Then, with PostgreSQL, 100,000 services (issue 17), in a database of their
// own: the full sweep and the backend's peak RSS; a second sweep with nothing
// changed (time, rows written); one service added (rows written); freshness
// over 20 changes (announced on the events service as the catalog module does
// once the catalog has processed the entity, until GET …/evaluation serves
// that catalog version); GET /evaluations p99 for an allow-all caller and for
// one under an owner-only conditional read decision, with the cache on and
// (a second backend on the same database) off.
//
// This file runs the phases; the rest is beside it: benchSettings.js (sizes,
// port, tokens), benchServer.js (the backend in a child process, waiting for
// its sweeps), benchLoad.js (the autocannon load phase), bigBench.js (the
// 100,000-service run and its freshness measurement), benchReport.js (the
// tables and targets printed).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SERVICES, BIG, PORT, TOKEN, LIST } = require('./benchSettings');
const { load } = require('./benchLoad');
const { startServer, waitForSweep } = require('./benchServer');
const { bigRun } = require('./bigBench');
const { printRows, reportBig } = require('./benchReport');

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

async function benchOn(name, configFile, endpoints) {
  const server = startServer(name, configFile);
  const started = Date.now();
  try {
    await server.ready;
    const sweep = await Promise.race([waitForSweep(started), server.died]);
    const results = { name, sweep };
    for (const [key, route] of endpoints) results[key] = await load(route);
    return results;
  } finally {
    await server.stop();
    console.log(`  backend log: ${server.log}`);
  }
}

async function main() {
  const rows = [];
  const onlyBig = process.env.BENCH_ONLY_BIG === '1';
  for (const [name, database] of onlyBig ? [] : databases) {
    // The bench's own config (not app-config.yaml), passed as --config.
    const configFile = (suffix, meshAdvisor) => {
      const file = path.join(
        os.tmpdir(),
        `mesh-advisor-bench-${name}${suffix}.json`,
      );
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
            schedule: {
              initialDelay: { seconds: 0 },
              frequency: { hours: 1 },
            },
            ...meshAdvisor,
          },
        }),
      );
      return file;
    };
    console.log(
      `\n▶ ${name}: seeding ${SERVICES.toLocaleString(
        'en-US',
      )} services, sweeping, then 50 concurrent clients × 10 s per endpoint …`,
    );
    const row = await benchOn(name, configFile('', {}), [
      ['list', LIST],
      ['summary', '/summary'],
    ]);
    console.log(`▶ ${name}: again with meshAdvisor.cacheSeconds: 0 …`);
    const uncached = await benchOn(
      `${name}-uncached`,
      configFile('-uncached', { cacheSeconds: 0 }),
      [['list', LIST]],
    );
    rows.push({ ...row, uncachedList: uncached.list });
  }
  if (rows.length) printRows(rows);
  if (databases.length === 1)
    console.log(
      '(PostgreSQL skipped: run `yarn bench:backend` from the repo root, which starts one)',
    );
  else if (BIG > 0) reportBig(await bigRun());
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
