/*
 * Mesh Advisor: adoption decisions and their append-only event history.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('mesh_advisor_decisions', table => {
    table.comment(
      'Mesh adoption decisions; never deleted, status changes are events',
    );
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('chosen', 32).notNullable().comment('a mesh id or none');
    table
      .string('status', 16)
      .notNullable()
      .comment('proposed | accepted | rejected | superseded');
    table.string('title', 255).notNullable();
    table.text('context').notNullable();
    table.text('rationale').notNullable();
    table.text('alternatives').notNullable().comment('JSON array of mesh ids');
    table.string('author', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('optimistic concurrency: bumped on every change');
    table
      .string('supersedes', 36)
      .nullable()
      .comment('the older decision this one replaced');
    table
      .string('superseded_by', 36)
      .nullable()
      .comment('the newer decision that replaced this one');
    table
      .text('snapshot')
      .nullable()
      .comment('the evaluation it was made against (JSON)');
    // GET /decisions lists newest first, keyset-paginated on (created_at, id).
    table.index(['created_at', 'id'], 'mesh_advisor_decisions_created_idx');
    table.index(
      ['entity_ref', 'created_at'],
      'mesh_advisor_decisions_entity_idx',
    );
    table.index(['status'], 'mesh_advisor_decisions_status_idx');
    // A supersede link is one-to-one, both ways.
    table.unique(['supersedes'], {
      indexName: 'mesh_advisor_decisions_supersedes_uq',
    });
    table.unique(['superseded_by'], {
      indexName: 'mesh_advisor_decisions_superseded_by_uq',
    });
  });
  await knex.schema.createTable('mesh_advisor_decision_events', table => {
    table.comment('Append-only history of each decision');
    table.increments('id').primary();
    table
      .string('decision_id', 36)
      .notNullable()
      .references('id')
      .inTable('mesh_advisor_decisions');
    table
      .string('type', 16)
      .notNullable()
      .comment('created | accepted | rejected | superseded');
    table.string('actor', 255).notNullable();
    table.bigInteger('at').notNullable();
    table.string('from_status', 16).nullable();
    table.string('to_status', 16).notNullable();
    table.integer('version').notNullable();
    table.text('note').nullable();
    table.unique(['decision_id', 'version'], {
      indexName: 'mesh_advisor_decision_events_version_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mesh_advisor_decision_events');
  await knex.schema.dropTable('mesh_advisor_decisions');
};
