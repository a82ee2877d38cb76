// @ts-check

/**
 * PostgreSQL compresses each stored result (~31 kB of JSON per service)
 * with its default pglz, which at 100,000 services was ~34 s of the
 * database's CPU per full sweep (3.4 s per 10,000 rows measured on the
 * bench's rows); lz4 (PostgreSQL 14+, when built with it) took 0.57 s and
 * stores them smaller (10.7 → 8.4 kB per row). Rows keep the compression
 * they were written with until rewritten. Other databases, and servers
 * without lz4: no change.
 *
 * @param {import('knex').Knex} knex
 */
async function lz4Available(knex) {
  if (knex.client.dialect !== 'postgresql') return false;
  const { rows } = await knex.raw(
    "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)",
  );
  return rows.length > 0;
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!(await lz4Available(knex))) return;
  await knex.raw(
    'ALTER TABLE mesh_advisor_evaluations ALTER COLUMN result SET COMPRESSION lz4',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!(await lz4Available(knex))) return;
  await knex.raw(
    'ALTER TABLE mesh_advisor_evaluations ALTER COLUMN result SET COMPRESSION default',
  );
};
