/*
 * Mesh Advisor: the evaluation sort indexes, on databases that lack them.
 *
 * 20261123000000_evaluations.js gained two indexes after databases had
 * already run it: (recommended_mesh, score, entity_ref) for the overview's
 * "best candidates for a mesh" page and (evaluated_at, entity_ref) for the
 * evaluatedAt sort. knex never re-runs a migration, so those databases still
 * lack them, and there PostgreSQL walks the whole score index or sorts every
 * row of a mesh for each page. This creates whichever of them is missing; on
 * databases created since, it does nothing.
 */

const TABLE = 'mesh_advisor_evaluations';
const INDEXES = [
  [
    'mesh_advisor_eval_mesh_score_idx',
    ['recommended_mesh', 'score', 'entity_ref'],
  ],
  ['mesh_advisor_eval_time_idx', ['evaluated_at', 'entity_ref']],
];

/** Whether the index exists, on the databases Backstage supports. */
async function hasIndex(knex, name) {
  const dialect = knex.client.dialect;
  let rows;
  if (dialect === 'postgresql') {
    rows = await knex('pg_indexes')
      .where({ indexname: name })
      .whereRaw('schemaname = current_schema()');
  } else if (dialect === 'mysql') {
    rows = await knex('information_schema.statistics')
      .where({ index_name: name })
      .whereRaw('table_schema = database()');
  } else {
    rows = await knex('sqlite_master').where({ type: 'index', name });
  }
  return rows.length > 0;
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const [name, columns] of INDEXES) {
    if (!(await hasIndex(knex, name)))
      await knex.schema.alterTable(TABLE, table => table.index(columns, name));
  }
};

/**
 * Nothing to undo: on databases created since, the indexes belong to
 * 20261123000000_evaluations.js, which drops them with the table.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down() {};
