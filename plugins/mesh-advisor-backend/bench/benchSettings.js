// Settings shared by the modules of bench/backend.bench.js.
const SERVICES = 10_000;
const BIG = Number(process.env.BENCH_BIG_SERVICES ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 7123);
const TOKEN = 'mesh-advisor-bench-token-0123456789abcdef';
/** a caller under an owner-only read decision (bench/server.js): team-7 owns 1 in 50 */
const TEAM_TOKEN = 'mesh-advisor-bench-team-7-0123456789abcdef';
const BIG_DATABASE_PREFIX = 'mesh_advisor_bench_big_';
const LIST = '/evaluations?mesh=linkerd&sort=score&order=desc&limit=50';

module.exports = {
  SERVICES,
  BIG,
  PORT,
  TOKEN,
  TEAM_TOKEN,
  BIG_DATABASE_PREFIX,
  LIST,
};
