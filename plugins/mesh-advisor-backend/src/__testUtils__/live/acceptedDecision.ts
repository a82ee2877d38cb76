import type { Knex } from 'knex';

/**
 * Stores an accepted decision for `entityRef` straight in the table, so a
 * live-state test can compare actual state with a decision without going
 * through the decisions API.
 */
export async function insertAcceptedDecision(
  knex: Knex,
  entityRef: string,
  chosen: string,
  id = `00000000-0000-4000-8000-${String(
    Math.floor(Math.random() * 1e12),
  ).padStart(12, '0')}`,
) {
  const now = Date.now();
  await knex('mesh_advisor_decisions').insert({
    id,
    entity_ref: entityRef,
    chosen,
    status: 'accepted',
    title: `adopt ${chosen}`,
    context: 'test',
    rationale: 'test',
    alternatives: '[]',
    author: 'user:default/test',
    created_at: now,
    updated_at: now,
  });
}
