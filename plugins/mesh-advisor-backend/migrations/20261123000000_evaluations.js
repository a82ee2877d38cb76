/*
 * Mesh Advisor: stored evaluations and the sweeps that produced them.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('mesh_advisor_evaluations', table => {
    table.comment('The latest evaluation of each catalog service');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 64).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('title', 255).nullable();
    // Sortable columns hold '' / -1 instead of NULL, so keyset pagination can
    // compare them and use their (column, entity_ref) indexes on any database.
    table.string('owner', 255).notNullable().defaultTo('');
    table.string('system', 255).notNullable().defaultTo('');
    table.string('status', 32).notNullable();
    table.string('recommended_mesh', 32).notNullable().defaultTo('');
    table.string('confidence', 16).nullable();
    table.integer('score').notNullable().defaultTo(-1);
    table.integer('issue_count').notNullable().defaultTo(0);
    table
      .text('search_text')
      .notNullable()
      .comment(
        'lower-cased ref, title, owner, system, description and tags, for q=',
      );
    table.text('result').notNullable().comment('the engine result as JSON');
    table
      .string('input_hash', 64)
      .notNullable()
      .comment(
        'hash of what the result was computed from; unchanged inputs are not rewritten',
      );
    table.string('engine_version', 32).notNullable();
    table.string('knowledge_base_version', 32).notNullable();
    table.bigInteger('evaluated_at').notNullable().comment('epoch ms');
    table.boolean('stale').notNullable().defaultTo(false);
    table.index(
      ['recommended_mesh', 'entity_ref'],
      'mesh_advisor_eval_mesh_idx',
    );
    table.index(['status', 'entity_ref'], 'mesh_advisor_eval_status_idx');
    table.index(['owner', 'entity_ref'], 'mesh_advisor_eval_owner_idx');
    table.index(['system', 'entity_ref'], 'mesh_advisor_eval_system_idx');
    table.index(['score', 'entity_ref'], 'mesh_advisor_eval_score_idx');
    table.index(['evaluated_at', 'entity_ref'], 'mesh_advisor_eval_time_idx');
    // the overview's "best candidates for a mesh" page: filter by mesh, sort by score
    table.index(
      ['recommended_mesh', 'score', 'entity_ref'],
      'mesh_advisor_eval_mesh_score_idx',
    );
  });
  await knex.schema.createTable('mesh_advisor_sweeps', table => {
    table.comment('One row per catalog sweep, for staleness and status');
    table.increments('id').primary();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('running | succeeded | failed');
    table.text('message').nullable();
    table.integer('services').nullable();
    table.integer('written').nullable();
    table.integer('removed').nullable();
    table
      .text('summary')
      .nullable()
      .comment(
        'counts and the platform recommendation at the end of the sweep (JSON)',
      );
    table.index(['outcome', 'id'], 'mesh_advisor_sweeps_outcome_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mesh_advisor_sweeps');
  await knex.schema.dropTable('mesh_advisor_evaluations');
};
