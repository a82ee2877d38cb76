/* eslint-disable no-console */
// The report of bench/backend.bench.js: the tables and the targets.
const { SERVICES, BIG } = require('./benchSettings');

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

module.exports = { printRows, reportBig };
