// The HTTP load phase of bench/backend.bench.js: autocannon, 50 clients.
const autocannon = require('autocannon');
const { PORT, TOKEN } = require('./benchSettings');

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

module.exports = { load };
