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
const autocannon = require('autocannon');
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SERVICES = 10_000;
const BIG = Number(process.env.BENCH_BIG_SERVICES ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 7123);
const TOKEN = 'mesh-advisor-bench-token-0123456789abcdef';
/** a caller under an owner-only read decision (bench/server.js): team-7 owns 1 in 50 */
const TEAM_TOKEN = 'mesh-advisor-bench-team-7-0123456789abcdef';
const BIG_DATABASE_PREFIX = 'mesh_advisor_bench_big_';

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

const RUNS = 3;

/**
 * RUNS measurements of 10 s each (the first after 3 s of uncounted warm-up,
 * so the figures are those of a running backend, not of its first seconds
 * after start and sweep). The machine is shared: one run can be unlucky, so
 * each row reports the run with the median p99 and lists all three p99s.
 */
async function load(route, token = TOKEN) {
  const runs = [];
  for (let i = 0; i < RUNS; i++)
    runs.push(await loadOnce(route, i === 0, token));
  runs.sort((a, b) => a.latency.p99 - b.latency.p99);
  const median = runs[RUNS >> 1];
  return {
    ...median,
    p99s: runs.map(r => r.latency.p99),
    failed: runs.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };
}

function loadOnce(route, warmup, token) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${PORT}/api/mesh-advisor${route}`,
        connections: 50,
        duration: Number(process.env.BENCH_SECONDS ?? 10),
        ...(warmup ? { warmup: { connections: 50, duration: 3 } } : {}),
        headers: { authorization: `Bearer ${token}` },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
}

async function waitForSweep(started, services = SERVICES, after) {
  for (;;) {
    const res = await fetch(
      `http://127.0.0.1:${PORT}/api/mesh-advisor/summary`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
    ).catch(() => undefined);
    if (res?.ok) {
      const body = await res.json();
      if (
        body.lastSweep?.outcome === 'succeeded' &&
        body.total >= services &&
        (!after || Date.parse(body.lastSweep.startedAt) > after)
      ) {
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

/**
 * Starts bench/server.js with the config, its output going to a log file:
 * `ready` resolves once it listens, `died` rejects if it exits before `stop`.
 */
function startServer(name, configFile, services = SERVICES) {
  const log = path.join(os.tmpdir(), `mesh-advisor-bench-${name}.log`);
  const out = fs.openSync(log, 'w');
  const child = fork(
    path.join(__dirname, 'server.js'),
    ['--config', configFile],
    {
      env: { ...process.env, BENCH_SERVICES: String(services) },
      stdio: ['ignore', out, out, 'ipc'],
    },
  );
  fs.closeSync(out);
  const exited = new Promise(resolve => child.once('exit', resolve));
  // Rejects if the backend exits before it is stopped.
  const died = exited.then(code => {
    throw new Error(`the backend exited (${code}); its log: ${log}`);
  });
  died.catch(() => undefined);
  const ready = Promise.race([
    // (the TypeScript loader sends the parent messages of its own too)
    new Promise(resolve =>
      child.on('message', m => m === 'ready' && resolve()),
    ),
    died,
  ]);
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  /** Sends a command (bench/server.js) and resolves with its answer. */
  const ask = message =>
    new Promise(resolve => {
      const on = m => {
        if (m?.cmd === message.cmd) {
          child.off('message', on);
          resolve(m);
        }
      };
      child.on('message', on);
      child.send(message);
    });
  return { ready, died, stop, log, ask };
}

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

const LIST = '/evaluations?mesh=linkerd&sort=score&order=desc&limit=50';

const api = (route, init = {}) =>
  fetch(`http://127.0.0.1:${PORT}/api/mesh-advisor${route}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, ...init.headers },
  });

/** Triggers the sweep through the scheduler's endpoint and waits for it. */
async function sweepAgain(services) {
  const after = Date.now();
  const res = await api(
    '/.backstage/scheduler/v1/tasks/mesh-advisor-sweep/trigger',
    { method: 'POST' },
  );
  if (!res.ok) throw new Error(`trigger: ${res.status}`);
  return waitForSweep(after, services, after - 1);
}

function bigConfig(suffix, meshAdvisor) {
  const file = path.join(os.tmpdir(), `mesh-advisor-bench-big${suffix}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${PORT}`,
        listen: { port: PORT, host: '127.0.0.1' },
        // a database of its own (database per plugin, with this prefix)
        database: {
          client: 'pg',
          connection: process.env.PG_CONNECTION_STRING,
          prefix: BIG_DATABASE_PREFIX,
        },
        auth: {
          externalAccess: [
            { type: 'static', options: { token: TOKEN, subject: 'bench' } },
            {
              type: 'static',
              options: { token: TEAM_TOKEN, subject: 'team-7' },
            },
          ],
        },
      },
      meshAdvisor: {
        platform: { cni: 'cilium' },
        schedule: {
          initialDelay: { seconds: 0 },
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
        },
        ...meshAdvisor,
      },
    }),
  );
  return file;
}

async function lastSweepRow(db) {
  const { rows } = await db.query(
    'SELECT written, removed, services FROM mesh_advisor_sweeps ORDER BY id DESC LIMIT 1',
  );
  return rows[0];
}

/** The 100,000-service run on PostgreSQL (issue 17). */
async function bigRun() {
  const { Client } = require('pg');
  const admin = new Client({
    connectionString: process.env.PG_CONNECTION_STRING,
  });
  await admin.connect();
  const dbName = `${BIG_DATABASE_PREFIX}mesh-advisor`;
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}"`);
  await admin.end();
  const n = BIG.toLocaleString('en-US');
  console.log(
    `\n▶ PostgreSQL: ${n} services: sweep, re-sweep, one added, 20 changes, load …`,
  );
  const out = {};
  let server = startServer('big', bigConfig('', {}), BIG);
  let db;
  try {
    await server.ready;
    // peak so far: the backend started, the synthetic catalog built (same process)
    const atStart = await server.ask({ cmd: 'rss' });
    out.rssAtStart = atStart.bytes;
    out.catalogHeap = atStart.catalogHeap;
    out.rssBeforeStart = atStart.rssBeforeStart;
    out.memoryAtStart = atStart.memory;
    out.sweep = await Promise.race([
      waitForSweep(Date.now(), BIG),
      server.died,
    ]);
    const afterSweep = await server.ask({ cmd: 'rss' });
    out.rssAfterSweep = afterSweep.bytes;
    out.memoryAfterSweep = afterSweep.memory;
    const url = new URL(process.env.PG_CONNECTION_STRING);
    url.pathname = `/${dbName}`;
    db = new Client({ connectionString: url.toString() });
    await db.connect();
    out.first = await lastSweepRow(db);

    out.resweep = await sweepAgain(BIG);
    out.resweepRow = await lastSweepRow(db);
    out.rssAfterResweep = (await server.ask({ cmd: 'rss' })).bytes;

    await server.ask({ cmd: 'add' });
    out.added = await sweepAgain(BIG + 1);
    out.addedRow = await lastSweepRow(db);
    out.rssAfterAdded = (await server.ask({ cmd: 'rss' })).bytes;

    const fresh = [];
    for (let k = 1; k <= 20; k++) {
      const i = (k * 4999) % BIG;
      const name = `svc-${String(i).padStart(5, '0')}`;
      const { etag } = await server.ask({ cmd: 'change', i, n: k });
      const t0 = Date.now();
      for (;;) {
        const res = await api(`/entities/default/component/${name}/evaluation`);
        const body = res.ok ? await res.json() : {};
        if (body.catalogVersion === etag) break;
        if (Date.now() - t0 > 60_000)
          throw new Error(`${name} never re-evaluated`);
        await new Promise(r => setTimeout(r, 20));
      }
      fresh.push(Date.now() - t0);
    }
    fresh.sort((a, b) => a - b);
    out.fresh = { median: fresh[10], max: fresh[19], all: fresh };
    const { rows: claims } = await db.query(
      'SELECT count(*)::int AS changes, sum(evaluated)::int AS evaluated FROM mesh_advisor_changes',
    );
    out.claims = claims[0];
    out.rssAfterFresh = (await server.ask({ cmd: 'rss' })).bytes;

    out.listAll = await load(LIST);
    out.listTeam = await load(LIST, TEAM_TOKEN);
    const atEnd = await server.ask({ cmd: 'rss' });
    out.rssPeak = atEnd.bytes;
    out.memoryAtEnd = atEnd.memory;
  } finally {
    await db?.end();
    await server.stop();
    console.log(`  backend log: ${server.log}`);
  }

  console.log(
    '▶ PostgreSQL: again with meshAdvisor.cacheSeconds: 0 (same database) …',
  );
  server = startServer(
    'big-uncached',
    bigConfig('-uncached', { cacheSeconds: 0 }),
    BIG + 1,
  );
  try {
    await server.ready;
    await Promise.race([waitForSweep(Date.now(), BIG + 1), server.died]);
    out.listAllUncached = await load(LIST);
    out.listTeamUncached = await load(LIST, TEAM_TOKEN);
  } finally {
    await server.stop();
    console.log(`  backend log: ${server.log}`);
  }
  return out;
}

function reportBig(b) {
  const n = BIG.toLocaleString('en-US');
  const s = ms => `${(ms / 1000).toFixed(1)} s`;
  const mib = bytes => `${Math.round(bytes / 1024 / 1024)} MiB`;
  console.log(
    `\nMesh Advisor backend, ${n} services on PostgreSQL, Node ${process.version}\n`,
  );
  console.log(
    `full sweep            ${s(b.sweep.ms)} (${
      b.first.written
    } rows written); backend peak RSS ${mib(
      b.rssAtStart,
    )} at start (with the in-memory catalog), ${mib(
      b.rssAfterSweep,
    )} after the sweep, ${mib(b.rssPeak)} over the whole run`,
  );
  const mem = m =>
    `heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, external ${mib(
      m.external,
    )}, RSS ${mib(m.rss)}`;
  // The catalog is the bench's, in the backend's process: its share is
  // shown apart, so the backend's own growth can be read off.
  console.log(
    `  memory: before the backend started RSS ${mib(
      b.rssBeforeStart,
    )} (Node, the modules, the TypeScript loader and the bench's in-memory catalog, which holds ${mib(
      b.catalogHeap,
    )} of live heap); the backend's peak RSS over that ${mib(
      b.rssAfterSweep - b.rssBeforeStart,
    )} by the end of the sweep`,
  );
  console.log(
    `  at start ${mem(b.memoryAtStart)}; after the sweep ${mem(
      b.memoryAfterSweep,
    )}; after the cached load ${mem(b.memoryAtEnd)}`,
  );
  console.log(
    `  peak RSS so far after the re-sweep ${mib(
      b.rssAfterResweep,
    )}, after one added ${mib(b.rssAfterAdded)}, after the 20 changes ${mib(
      b.rssAfterFresh,
    )}, after the cached load ${mib(b.rssPeak)}`,
  );
  console.log(
    `re-sweep, no change   ${s(b.resweep.ms)}, ${
      b.resweepRow.written
    } rows written, ${b.resweepRow.removed} removed`,
  );
  console.log(
    `one service added     ${s(b.added.ms)}, ${
      b.addedRow.written
    } rows written (${((100 * b.addedRow.written) / (BIG + 1)).toFixed(3)} %)`,
  );
  console.log(
    `freshness, 20 changes median ${b.fresh.median} ms, max ${b.fresh.max} ms (announced → served by GET …/evaluation); ${b.claims.changes} changes claimed, ${b.claims.evaluated} services evaluated`,
  );
  console.log(
    '\nendpoint (page of 50, 50 clients)       | req/s  | p50 ms | p99 ms | p99 of 3 runs  | errors',
  );
  console.log(
    '-----------------------------------------|--------|--------|--------|----------------|-------',
  );
  for (const [label, res] of [
    ['GET /evaluations, allow-all', b.listAll],
    ['GET /evaluations, owner-only', b.listTeam],
    ['  … allow-all, cache off', b.listAllUncached],
    ['  … owner-only, cache off', b.listTeamUncached],
  ]) {
    console.log(
      `${label.padEnd(40)} | ${String(
        Math.round(res.requests.average),
      ).padStart(6)} | ${String(res.latency.p50).padStart(6)} | ${String(
        res.latency.p99,
      ).padStart(6)} | ${res.p99s.join(' / ').padEnd(14)} | ${res.failed}`,
    );
  }
  const ok =
    b.sweep.ms <= 60_000 &&
    b.rssAfterSweep <= 1024 ** 3 &&
    b.resweep.ms <= 15_000 &&
    Number(b.resweepRow.written) === 0 &&
    Number(b.addedRow.written) <= (BIG + 1) / 100 &&
    b.fresh.median <= 5000 &&
    b.fresh.max <= 5000 &&
    b.listAll.latency.p99 <= 50 &&
    b.listTeam.latency.p99 <= 50;
  console.log(
    `\ntargets: sweep ≤ 60 s, peak RSS ≤ 1 GiB, re-sweep ≤ 15 s writing 0 rows, one added ≤ 1 % rewritten, freshness ≤ 5 s, p99 ≤ 50 ms (cache on)\nPostgreSQL ${n}: ${
      ok ? 'PASS' : 'MISS'
    }`,
  );
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

function printRows(rows) {
  console.log(
    `\nMesh Advisor backend, ${SERVICES.toLocaleString(
      'en-US',
    )} services, Node ${process.version}\n`,
  );
  console.log(
    'database   | sweep (read+evaluate+persist) | endpoint          | req/s  | p50 ms | p99 ms | p99 of 3 runs  | errors',
  );
  console.log(
    '-----------|-------------------------------|-------------------|--------|--------|--------|----------------|-------',
  );
  for (const r of rows) {
    for (const [label, res] of [
      ['GET /evaluations', r.list],
      ['GET /summary', r.summary],
      ['  … cache off', r.uncachedList],
    ]) {
      console.log(
        `${r.name.padEnd(10)} | ${`${(r.sweep.ms / 1000).toFixed(2)} s`.padEnd(
          29,
        )} | ${label.padEnd(17)} | ${String(
          Math.round(res.requests.average),
        ).padStart(6)} | ${String(res.latency.p50).padStart(6)} | ${String(
          res.latency.p99,
        ).padStart(6)} | ${res.p99s.join(' / ').padEnd(14)} | ${res.failed}`,
      );
    }
  }
  console.log(
    '\n"… cache off": GET /evaluations with meshAdvisor.cacheSeconds: 0 (every request queries the database); shown, not part of the target',
  );
  console.log(
    'targets: sweep ≤ 10 s on both databases; p99 ≤ 50 ms for both endpoints (median of 3 runs)',
  );
  for (const r of rows) {
    const ok =
      r.sweep.ms <= 10_000 &&
      r.list.latency.p99 <= 50 &&
      r.summary.latency.p99 <= 50 &&
      r.list.failed + r.summary.failed === 0;
    console.log(`${r.name}: ${ok ? 'PASS' : 'MISS'}`);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
