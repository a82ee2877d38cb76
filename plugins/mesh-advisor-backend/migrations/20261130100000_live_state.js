// @ts-check

/**
 * Live mesh state read from the clusters (issue 14): each service's actual
 * state and drift, each pass's cluster states and derived platform, and the
 * owner notifications sent (one row per transition; the unique key is what
 * keeps replicas from sending the same one twice).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mesh_advisor_actual_states', table => {
    table.comment('What each service actually runs, as of the last live pass');
    table.string('entity_ref', 255).primary().notNullable();
    table
      .string('mesh', 32)
      .notNullable()
      .defaultTo('')
      .comment("'' when no pods were found");
    table.string('drift', 32).notNullable();
    table.float('meshed_share').notNullable().defaultTo(0);
    table.integer('pods').notNullable().defaultTo(0);
    table.boolean('stale').notNullable().defaultTo(false);
    table.boolean('decision_at_risk').notNullable().defaultTo(false);
    table.text('actual').notNullable().comment('the ActualState as JSON');
    table.bigInteger('observed_at').notNullable().comment('epoch ms');
    table.index(['drift', 'entity_ref'], 'mesh_advisor_actual_drift_idx');
    table.index(['mesh', 'entity_ref'], 'mesh_advisor_actual_mesh_idx');
  });
  await knex.schema.createTable('mesh_advisor_live_passes', table => {
    table.comment('One row per live pass over the clusters');
    table.increments('id').primary();
    table.bigInteger('at').notNullable().comment('epoch ms');
    table.text('clusters').notNullable().comment('ClusterState[] as JSON');
    table.text('platform').notNullable().comment('the DerivedPlatform as JSON');
    table.integer('requests').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('mesh_advisor_live_notifications', table => {
    table.comment('Owner notifications sent, one per transition');
    table.string('transition_key', 255).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('topic', 32).notNullable();
    table.bigInteger('sent_at').notNullable().comment('epoch ms');
    table.index(['entity_ref'], 'mesh_advisor_live_notifications_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mesh_advisor_live_notifications');
  await knex.schema.dropTable('mesh_advisor_live_passes');
  await knex.schema.dropTable('mesh_advisor_actual_states');
};
