/*
 * Mesh Advisor: at most one accepted decision per entity, held by the
 * database as well as by the store's transaction.
 *
 * Earlier builds could leave two decisions accepted for one entity (a
 * decision that already superseded another was accepted without
 * superseding the one accepted meanwhile). Such entities keep their newest
 * accepted decision (created last, then highest id: the order the API
 * lists them in); each other accepted one becomes superseded by it, with
 * an event saying so. Then a partial unique index holds the rule
 * (PostgreSQL and SQLite; MySQL has no partial indexes, and relies on the
 * store alone).
 *
 * Accepting a decision that already supersedes an older one can now
 * supersede the decision accepted meanwhile too, so one decision may be
 * the `superseded_by` of two: that column keeps an ordinary index instead
 * of a unique one. `supersedes` stays one-to-one.
 */

const DECISIONS = 'mesh_advisor_decisions';
const EVENTS = 'mesh_advisor_decision_events';
const ONE_ACCEPTED = 'mesh_advisor_decisions_one_accepted_uq';
const SUPERSEDED_BY_UQ = 'mesh_advisor_decisions_superseded_by_uq';
const SUPERSEDED_BY_IDX = 'mesh_advisor_decisions_superseded_by_idx';
/** The actor recorded on the events this migration writes. */
const ACTOR = 'mesh-advisor:migration';

const partialIndexes = knex =>
  ['postgresql', 'sqlite3', 'better-sqlite3'].includes(knex.client.dialect) ||
  ['pg', 'sqlite3', 'better-sqlite3'].includes(knex.client.config.client);

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable(DECISIONS, table => {
    table.dropUnique(['superseded_by'], SUPERSEDED_BY_UQ);
    table.index(['superseded_by'], SUPERSEDED_BY_IDX);
  });

  const now = Date.now();
  const crowded = await knex(DECISIONS)
    .where('status', 'accepted')
    .groupBy('entity_ref')
    .havingRaw('COUNT(*) > 1')
    .select('entity_ref');
  for (const { entity_ref: entityRef } of crowded) {
    const [keep, ...others] = await knex(DECISIONS)
      .where({ entity_ref: entityRef, status: 'accepted' })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    for (const d of others) {
      const version = Number(d.version) + 1;
      await knex(DECISIONS).where({ id: d.id, status: 'accepted' }).update({
        status: 'superseded',
        version,
        updated_at: now,
        superseded_by: keep.id,
      });
      await knex(EVENTS).insert({
        decision_id: d.id,
        type: 'superseded',
        actor: ACTOR,
        at: now,
        from_status: 'accepted',
        to_status: 'superseded',
        version,
        note: `Superseded by ${keep.id}: both were accepted for ${entityRef}, and one decision is in force per entity`,
      });
    }
  }

  if (partialIndexes(knex))
    await knex.raw(
      `CREATE UNIQUE INDEX ${ONE_ACCEPTED} ON ${DECISIONS} (entity_ref) WHERE status = 'accepted'`,
    );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (partialIndexes(knex)) await knex.raw(`DROP INDEX ${ONE_ACCEPTED}`);
  await knex.schema.alterTable(DECISIONS, table => {
    table.dropIndex(['superseded_by'], SUPERSEDED_BY_IDX);
    table.unique(['superseded_by'], { indexName: SUPERSEDED_BY_UQ });
  });
};
