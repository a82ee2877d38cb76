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
// connects with an application_name of its own, and triggers (installed in
// the bench's database only) log which connection claimed a change, recorded
// a change as evaluated (the handler does that after re-evaluating it) and
// started a sweep.
//
// Targets: every change evaluated exactly once across both replicas (N in
// total, 0 duplicates); the sweep task has scope 'global' on both and runs
// once per interval between them (never overlapping, starts at least 0.9 of
// an interval apart, INTERVALS ± 1 sweeps in the window).
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

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

/** Forks bench/server.js; `ready` once it listens, `ask` sends it a command and resolves with the answer. */
function startReplica(name, port) {
  const log = path.join(os.tmpdir(), `mesh-advisor-bench-replica-${name}.log`);
  const out = fs.openSync(log, 'w');
  const child = fork(
    path.join(__dirname, 'server.js'),
    ['--config', configFile(name, port)],
    {
      env: { ...process.env, BENCH_SERVICES: String(SERVICES) },
      stdio: ['ignore', out, out, 'ipc'],
    },
  );
  fs.closeSync(out);
  const exited = new Promise(resolve => child.once('exit', resolve));
  const died = exited.then(code => {
    throw new Error(`replica ${name} exited (${code}); its log: ${log}`);
  });
  died.catch(() => undefined);
  const ready = Promise.race([
    new Promise(resolve =>
      child.on('message', m => m === 'ready' && resolve()),
    ),
    died,
  ]);
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
  const api = route =>
    fetch(`http://127.0.0.1:${port}/api/mesh-advisor${route}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    }).then(r => r.json());
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { name, ready, died, ask, api, stop, log };
}

/** Logs, per connection (replica), claims, changes recorded as evaluated, and sweeps started. */
async function installTriggers(db) {
  await db.query(`
    CREATE TABLE bench_replica_log (
      replica text, what text, entity_ref text, inputs_hash text,
      at double precision DEFAULT extract(epoch FROM clock_timestamp()) * 1000);
    CREATE FUNCTION bench_log_change() RETURNS trigger AS $$ BEGIN
      INSERT INTO bench_replica_log (replica, what, entity_ref, inputs_hash)
      VALUES (current_setting('application_name'), TG_ARGV[0], NEW.entity_ref, NEW.inputs_hash);
      RETURN NEW; END $$ LANGUAGE plpgsql;
    CREATE FUNCTION bench_log_sweep() RETURNS trigger AS $$ BEGIN
      INSERT INTO bench_replica_log (replica, what)
      VALUES (current_setting('application_name'), 'sweep');
      RETURN NEW; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER bench_claimed AFTER INSERT ON mesh_advisor_changes
      FOR EACH ROW EXECUTE FUNCTION bench_log_change('claimed');
    CREATE TRIGGER bench_evaluated AFTER UPDATE OF evaluated ON mesh_advisor_changes
      FOR EACH ROW EXECUTE FUNCTION bench_log_change('evaluated');
    CREATE TRIGGER bench_sweep AFTER INSERT ON mesh_advisor_sweeps
      FOR EACH ROW EXECUTE FUNCTION bench_log_sweep();`);
}

async function countBy(db, what, since = 0) {
  const { rows } = await db.query(
    `SELECT replica, count(*)::int AS n, count(DISTINCT (entity_ref, inputs_hash))::int AS distinct
     FROM bench_replica_log WHERE what = $1 AND at >= $2 GROUP BY replica`,
    [what, since],
  );
  const byReplica = Object.fromEntries(rows.map(r => [r.replica, r.n]));
  const { rows: total } = await db.query(
    `SELECT count(*)::int AS n, count(DISTINCT (entity_ref, inputs_hash))::int AS distinct
     FROM bench_replica_log WHERE what = $1 AND at >= $2`,
    [what, since],
  );
  return { byReplica, total: total[0].n, distinct: total[0].distinct };
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
    REPLICAS.map(([name]) => `${name}: ${counts[`replica-${name}`] ?? 0}`).join(
      ', ',
    );
  console.log(
    `\nMesh Advisor, two replicas on one PostgreSQL: ${SERVICES.toLocaleString(
      'en-US',
    )} services, ${N} changes announced to both, sweep every ${FREQUENCY_S} s\n`,
  );
  console.log(
    `changes claimed:   ${changes.claimed.total} (${per(
      changes.claimed.byReplica,
    )})`,
  );
  console.log(
    `changes evaluated: ${changes.evaluated.total} (${per(
      changes.evaluated.byReplica,
    )}), ${changes.evaluated.distinct} distinct, ${
      changes.evaluated.total - changes.evaluated.distinct
    } duplicates; announced in ${(changes.announcedMs / 1000).toFixed(
      1,
    )} s, all evaluated ${(changes.doneMs / 1000).toFixed(
      1,
    )} s after the first`,
  );
  console.log(`sweep task scope:  ${scopes.join(', ')}`);
  const fmt = s => `${s.toFixed(1)} s`;
  console.log(
    `sweeps:            ${sweeps.count} in ${INTERVALS} intervals (${per(
      sweeps.byReplica,
    )}), ${sweeps.overlapping} overlapping, ${
      sweeps.failed
    } failed; gaps between starts ${
      sweeps.gaps.length
        ? `${fmt(Math.min(...sweeps.gaps))}–${fmt(Math.max(...sweeps.gaps))}`
        : 'n/a'
    }`,
  );
  const onceEach =
    changes.evaluated.total === N && changes.evaluated.distinct === N;
  const global = scopes.length === 2 && scopes.every(s => s === 'global');
  const oncePerInterval =
    sweeps.overlapping === 0 &&
    sweeps.failed === 0 &&
    Math.abs(sweeps.count - INTERVALS) <= 1 &&
    sweeps.gaps.every(g => g >= FREQUENCY_S * 0.9);
  console.log(
    `\ntargets: each change evaluated exactly once (${N}, 0 duplicates): ${
      onceEach ? 'PASS' : 'MISS'
    }`,
  );
  console.log(
    `         sweep scope 'global' and once per interval across both replicas: ${
      global && oncePerInterval ? 'PASS' : 'MISS'
    }`,
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
    await until(
      'first sweep',
      async () =>
        (
          await db.query(
            "SELECT 1 FROM mesh_advisor_sweeps WHERE outcome = 'succeeded' LIMIT 1",
          )
        ).rows.length,
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
