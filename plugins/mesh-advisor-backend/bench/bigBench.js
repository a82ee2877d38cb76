/* eslint-disable no-console */
// The 100,000-service run of bench/backend.bench.js on PostgreSQL (issue 17):
// sweep, re-sweep, one added, freshness over 20 changes, load with the cache
// on and off.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  BIG,
  PORT,
  TOKEN,
  TEAM_TOKEN,
  BIG_DATABASE_PREFIX,
  LIST,
} = require('./benchSettings');
const { load } = require('./benchLoad');
const { api, startServer, sweepAgain, waitForSweep } = require('./benchServer');

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

/**
 * Freshness over 20 changes: each announced on the backend's events service
 * (as the catalog module does once the catalog has processed the entity),
 * timed until GET …/evaluation serves that catalog version.
 */
async function measureFreshness(server) {
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
  return { median: fresh[10], max: fresh[19], all: fresh };
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

    out.fresh = await measureFreshness(server);
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

module.exports = { bigRun };
