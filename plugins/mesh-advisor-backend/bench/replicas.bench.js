/* eslint-disable no-console */
// yarn bench:backend, after backend.bench.js — two replicas on one PostgreSQL
// (issue 17): two backends (bench/server.js, each in a child process of its
// own: createBackend with the real plugin and the real scheduler) share one
// PostgreSQL database and the same synthetic catalog. Each of N changes is
// made in both replicas' catalogs and announced on both replicas' events
// services, as the catalog module of each would if the change reached both
// (the worst case: every replica receives every event). Then the sweep runs
// every FREQUENCY_S seconds for INTERVALS intervals.
//
// Who did what is counted in the database, not in the plugin: each replica
// connects with an application_name of its own, and triggers log what each
// connection did (bench/replicaLog.js).
//
// Targets: every change evaluated exactly once across both replicas (N in
// total, 0 duplicates); the sweep task has scope 'global' on both and runs
// once per interval between them (never overlapping, starts at least 0.9 of
// an interval apart, INTERVALS ± 1 sweeps in the window).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { countBy, installTriggers } = require('./replicaLog');
const { forkServer } = require('./benchServer');

const N = Number(process.env.BENCH_REPLICA_CHANGES ?? 200);
const SERVICES = Number(process.env.BENCH_REPLICA_SERVICES ?? 2_000);
const FREQUENCY_S = 10;
const INTERVALS = 6;
const TOKEN = 'mesh-advisor-bench-token-0123456789abcdef';
const PREFIX = 'mesh_advisor_bench_replicas_';
const DATABASE = `${PREFIX}mesh-advisor`;
const REPLICAS = [
  ['a', 7131],
  ['b', 7132],
];

const sleep = ms => new Promise(r => setTimeout(r, ms));
const pgUrl = database => {
  const url = new URL(process.env.PG_CONNECTION_STRING);
  if (database) url.pathname = `/${database}`;
  return url.toString();
};

/** The replica's own config (passed as --config): same database, its own port and application_name. */
function configFile(name, port) {
  const url = new URL(process.env.PG_CONNECTION_STRING);
  const file = path.join(
    os.tmpdir(),
    `mesh-advisor-bench-replica-${name}.json`,
  );
  fs.writeFileSync(
    file,
    JSON.stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port, host: '127.0.0.1' },
        database: {
          client: 'pg',
          connection: {
            host: url.hostname,
            port: Number(url.port || 5432),
            user: decodeURIComponent(url.username),
            password: decodeURIComponent(url.password),
            application_name: `replica-${name}`,
          },
          prefix: PREFIX,
        },
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
          frequency: { seconds: FREQUENCY_S },
          timeout: { minutes: 5 },
        },
      },
    }),
  );
  return file;
}

/** Forks bench/server.js (benchServer.js); `ready` once it listens, `ask` sends it a command and resolves with the answer. */
function startReplica(name, port) {
  const server = forkServer({
    log: path.join(os.tmpdir(), `mesh-advisor-bench-replica-${name}.log`),
    configFile: configFile(name, port),
    services: SERVICES,
    label: `replica ${name}`,
  });
  const api = route =>
    fetch(`http://127.0.0.1:${port}/api/mesh-advisor${route}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    }).then(r => r.json());
  return { name, ...server, api };
}

async function until(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(250);
  }
}

/** Makes and announces N changes in both replicas; waits until N are recorded as evaluated. */
async function deliverChanges(db, replicas) {
  const started = Date.now();
  for (let n = 0; n < N; n++) {
    // distinct services spread over the catalog
    const i = Math.floor((n * SERVICES) / N);
    await Promise.all(replicas.map(r => r.ask({ cmd: 'change', i, n })));
  }
  const announcedMs = Date.now() - started;
  await until(
    `${N} changes evaluated`,
    async () => (await countBy(db, 'evaluated', started)).distinct >= N,
    120_000,
  );
  const doneMs = Date.now() - started;
  // a late duplicate would land within a moment
  await sleep(3_000);
  return {
    announcedMs,
    doneMs,
    claimed: await countBy(db, 'claimed', started),
    evaluated: await countBy(db, 'evaluated', started),
  };
}

/** The sweeps started in the window, and which replica started each. */
async function observeSweeps(db) {
  const from = Date.now();
  await sleep(INTERVALS * FREQUENCY_S * 1000);
  const to = Date.now();
  const { rows } = await db.query(
    `SELECT started_at::float8 AS started, finished_at::float8 AS finished, outcome
     FROM mesh_advisor_sweeps WHERE started_at >= $1 AND started_at < $2 ORDER BY started_at`,
    [from, to],
  );
  const gaps = rows
    .slice(1)
    .map((s, k) => (s.started - rows[k].started) / 1000);
  const overlapping = rows
    .slice(1)
    .filter((s, k) => !rows[k].finished || s.started < rows[k].finished).length;
  return {
    count: rows.length,
    gaps,
    overlapping,
    failed: rows.filter(s => s.outcome !== 'succeeded').length,
    byReplica: (await countBy(db, 'sweep', from)).byReplica,
  };
}

function report({ changes, sweeps, scopes }) {
  const per = counts =>
    REPLICAS.map(([name]) => `${name} ${counts[`replica-${name}`] ?? 0}`).join(
      ' · ',
    );
  const seconds = ms => `${(ms / 1000).toFixed(1)} s`;
  const { claimed, evaluated } = changes;
  const duplicates = evaluated.total - evaluated.distinct;
  const gaps = sweeps.gaps.length
    ? `${Math.min(...sweeps.gaps).toFixed(1)}–${Math.max(
        ...sweeps.gaps,
      ).toFixed(1)} s`
    : 'n/a';
  const onceEach = evaluated.total === N && duplicates === 0;
  const oncePerInterval =
    scopes.every(scope => scope === 'global') &&
    sweeps.overlapping + sweeps.failed === 0 &&
    Math.abs(sweeps.count - INTERVALS) <= 1 &&
    sweeps.gaps.every(g => g >= FREQUENCY_S * 0.9);
  const services = SERVICES.toLocaleString('en-US');
  const verdict = ok => (ok ? 'PASS' : 'MISS');
  console.log(
    [
      `\nMesh Advisor, two replicas on one PostgreSQL: ${services} services, ${N} changes announced to both, sweep every ${FREQUENCY_S} s\n`,
      `changes claimed:   ${claimed.total} (${per(claimed.byReplica)})`,
      `changes evaluated: ${evaluated.total} (${per(
        evaluated.byReplica,
      )}), ${duplicates} duplicates; announced in ${seconds(
        changes.announcedMs,
      )}, all evaluated ${seconds(
        changes.doneMs,
      )} after the first announcement`,
      `sweep task scope:  ${scopes.join(', ')}`,
      `sweeps:            ${sweeps.count} in ${INTERVALS} intervals (${per(
        sweeps.byReplica,
      )}), ${sweeps.overlapping} overlapping, ${
        sweeps.failed
      } failed, starts ${gaps} apart`,
      '',
      `targets: each change evaluated exactly once (${N} in all, 0 duplicates): ${verdict(
        onceEach,
      )}`,
      `         sweep scope 'global', once per interval across both replicas: ${verdict(
        oncePerInterval,
      )}`,
    ].join('\n'),
  );
}

async function main() {
  if (!process.env.PG_CONNECTION_STRING) {
    console.log(
      '(two replicas skipped: they need PostgreSQL; run `yarn bench:backend` from the repo root, which starts one)',
    );
    return;
  }
  const { Client } = require('pg');
  const admin = new Client({ connectionString: pgUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}"`);
  await admin.end();
  console.log(
    `\n▶ PostgreSQL: two replicas, ${N} changes to both, then ${INTERVALS} sweep intervals of ${FREQUENCY_S} s …`,
  );
  const replicas = [];
  const db = new Client({ connectionString: pgUrl(DATABASE) });
  try {
    // one after the other, as a rollout does: on an empty database, two
    // backends creating the scheduler's tables at once collide
    for (const [name, port] of REPLICAS) {
      const replica = startReplica(name, port);
      replicas.push(replica);
      await replica.ready;
    }
    const died = Promise.race(replicas.map(r => r.died));
    await db.connect();
    await installTriggers(db);
    // the first sweep (started at once) has written the services
    const swept =
      "SELECT 1 FROM mesh_advisor_sweeps WHERE outcome = 'succeeded'";
    await until(
      'first sweep',
      async () => (await db.query(swept)).rowCount,
      120_000,
    );
    const changes = await Promise.race([deliverChanges(db, replicas), died]);
    const sweeps = await Promise.race([observeSweeps(db), died]);
    const scopes = await Promise.all(
      replicas.map(async r => {
        const { tasks } = await r.api('/.backstage/scheduler/v1/tasks');
        return tasks.find(t => t.taskId === 'mesh-advisor-sweep')?.scope;
      }),
    );
    report({ changes, sweeps, scopes });
  } finally {
    await db.end().catch(() => undefined);
    await Promise.all(replicas.map(r => r.stop()));
    console.log(`  replica logs: ${replicas.map(r => r.log).join(', ')}`);
  }
}

main()
  .then(() => process.exit(0))
  .catch(e => {
    console.error(e);
    process.exit(1);
  });
