// @ts-check

/**
 * Streamed sweep and event-driven re-evaluation (issue 17):
 * - each evaluation keeps the service's call-chain depth and dependsOn, so a
 *   change to one service can find the services whose depth it changes
 *   without reading the whole catalog, and the catalog version (etag) of the
 *   entity it was computed from;
 * - each sweep keeps the platform it evaluated against, so a re-evaluation
 *   between sweeps uses the same one;
 * - one row per catalog change claimed by a replica: the primary key is what
 *   makes a change evaluated once however many replicas receive its event.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mesh_advisor_evaluations', table => {
    table.integer('depth').notNullable().defaultTo(1);
    table
      .text('depends_on')
      .nullable()
      .comment('JSON array of the component refs in spec.dependsOn');
    table
      .string('catalog_version', 64)
      .nullable()
      .comment('metadata.etag of the entity the result was computed from');
  });
  await knex.schema.alterTable('mesh_advisor_sweeps', table => {
    table
      .text('platform')
      .nullable()
      .comment('the platform context the sweep evaluated against, as JSON');
  });
  await knex.schema.createTable('mesh_advisor_changes', table => {
    table.comment('Catalog changes claimed for re-evaluation, one row each');
    table.string('entity_ref', 255).notNullable();
    table
      .string('inputs_hash', 64)
      .notNullable()
      .comment('hash of the mesh-relevant inputs the event announced');
    table.bigInteger('claimed_at').notNullable().comment('epoch ms');
    table.integer('evaluated').notNullable().defaultTo(0);
    table.primary(['entity_ref', 'inputs_hash']);
    table.index(['claimed_at'], 'mesh_advisor_changes_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mesh_advisor_changes');
  await knex.schema.alterTable('mesh_advisor_sweeps', table => {
    table.dropColumn('platform');
  });
  await knex.schema.alterTable('mesh_advisor_evaluations', table => {
    table.dropColumn('depth');
    table.dropColumn('depends_on');
    table.dropColumn('catalog_version');
  });
};
