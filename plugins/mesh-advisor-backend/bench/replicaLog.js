// replicas.bench.js's bookkeeping, in the bench's database only: which
// replica (by the application_name each connects with) claimed a change,
// recorded it as evaluated (the handler does that after re-evaluating it)
// and started a sweep, logged by triggers, so the plugin is measured as it
// ships.

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

/** Per replica and in all (the ROLLUP row): entries logged as `what` since `since`. */
async function countBy(db, what, since = 0) {
  const { rows } = await db.query(
    `SELECT replica, count(*)::int AS n,
            count(DISTINCT (entity_ref, inputs_hash))::int AS distinct
     FROM bench_replica_log WHERE what = $1 AND at >= $2 GROUP BY ROLLUP (replica)`,
    [what, since],
  );
  const all = rows.find(r => r.replica === null) ?? { n: 0, distinct: 0 };
  return {
    byReplica: Object.fromEntries(rows.map(r => [r.replica, r.n])),
    total: all.n,
    distinct: all.distinct,
  };
}

module.exports = { countBy, installTriggers };
