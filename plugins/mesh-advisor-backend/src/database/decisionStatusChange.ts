import type { Knex } from 'knex';
import { NotFoundError } from '@backstage/errors';
import type { StatusChange, StatusChangeResult } from './DecisionStore';
import { DECISIONS, EVENTS, toDecision } from './decisionRows';

/** Unique violations, deadlocks and serialization failures (PostgreSQL), unique violations (SQLite). */
function isRace(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return (
    [
      '23505',
      '40P01',
      '40001',
      'SQLITE_CONSTRAINT_UNIQUE',
      'SQLITE_CONSTRAINT_PRIMARYKEY',
    ].includes(String(err?.code)) ||
    /UNIQUE constraint failed/.test(String(err?.message))
  );
}

/** Rolls a transaction back with a result for the caller. */
class Abort extends Error {
  constructor(readonly result: StatusChangeResult) {
    super(result.outcome);
  }
}

/** Why the newer decision cannot take the supersede link. */
function linkRefusal(
  newerId: string,
  newer: { status: string; supersedes: string | null } | undefined,
): string {
  if (!newer) return `${newerId} does not exist`;
  if (newer.supersedes)
    return `${newerId} already supersedes ${newer.supersedes}`;
  return `${newerId} is ${newer.status}; only a proposed or accepted decision can supersede`;
}

/**
 * A status change in one transaction: an accept first locks the live
 * decisions about the entity and supersedes the one in force; the update
 * lands only on the version the caller saw; a supersede links both ways.
 */
export async function changeDecisionStatus(
  db: Knex,
  c: StatusChange,
  now: Date,
): Promise<StatusChangeResult> {
  const at = now.getTime();
  try {
    return await db.transaction(async tx => {
      if (c.to === 'accepted') {
        await lockLiveDecisions(db, tx, c.id);
        // First, as the partial unique index checks each statement.
        await supersedePrevious(tx, c, at);
      }
      // Optimistic concurrency: the update only lands on the version (and
      // status) the caller saw. Racers on the same decision queue on its row
      // lock; all but the first then match nothing.
      const updated = await tx(DECISIONS)
        .where({ id: c.id, version: c.expectedVersion, status: c.from })
        .update({
          status: c.to,
          version: c.expectedVersion + 1,
          updated_at: at,
          ...(c.supersededBy ? { superseded_by: c.supersededBy } : {}),
        });
      if (updated !== 1) {
        // A fresh read (after the concurrent writer committed) names the version to reload.
        const current = await tx(DECISIONS).where('id', c.id).first('version');
        if (!current) throw new NotFoundError(`No decision ${c.id}`);
        throw new Abort({
          outcome: 'conflict',
          current: Number(current.version),
        });
      }
      if (c.supersededBy) {
        // The link back, in the same transaction: only onto a live decision
        // about the same entity that supersedes nothing yet.
        const linked = await tx(DECISIONS)
          .where('id', c.supersededBy)
          .whereIn('status', ['proposed', 'accepted'])
          .whereNull('supersedes')
          .whereIn(
            'entity_ref',
            tx(DECISIONS).select('entity_ref').where('id', c.id),
          )
          .update({ supersedes: c.id });
        if (linked !== 1) {
          const newer = await tx(DECISIONS)
            .where('id', c.supersededBy)
            .first('status', 'supersedes');
          throw new Abort({
            outcome: 'link-refused',
            reason: linkRefusal(c.supersededBy, newer),
          });
        }
      }
      await tx(EVENTS).insert({
        decision_id: c.id,
        type: c.event,
        actor: c.actor,
        at,
        from_status: c.from,
        to_status: c.to,
        version: c.expectedVersion + 1,
        note: c.note ?? null,
      });
      return {
        outcome: 'changed' as const,
        decision: toDecision(await tx(DECISIONS).where('id', c.id).first()),
      };
    });
  } catch (e) {
    if (e instanceof Abort) return e.result;
    // A racing transaction got there first in a way the row guards do not
    // catch: a one-to-one supersede link taken meanwhile (unique index), or
    // two supersedes crossing each other (deadlock). Explain from a fresh read.
    if (isRace(e)) return explainRace(db, c);
    throw e;
  }
}

/**
 * Locks the live decisions about the entity of decision `id` (PostgreSQL;
 * SQLite runs one write transaction at a time anyway), in id order, so
 * that racing accepts of two of them queue rather than deadlock, and the
 * second sees the first once it commits.
 */
async function lockLiveDecisions(db: Knex, tx: Knex.Transaction, id: string) {
  if (db.client.dialect !== 'postgresql') return;
  await tx(DECISIONS)
    .whereIn('entity_ref', tx(DECISIONS).select('entity_ref').where('id', id))
    .whereIn('status', ['proposed', 'accepted'])
    .orderBy('id')
    .forUpdate()
    .select('id');
}

/**
 * One decision in force per entity: the decision accepted before `c.id`
 * (any other accepted one; the database's partial unique index allows
 * only one) is superseded by it, with an event of its own. A newer
 * accepted decision cannot be replaced by an older one: the accept is
 * refused. The accepted decision takes the `supersedes` link unless it
 * already supersedes another (it was named as the successor of a
 * decision superseded earlier); the replaced one is linked to it by
 * `superseded_by` either way.
 */
async function supersedePrevious(
  tx: Knex.Transaction,
  c: StatusChange,
  at: number,
) {
  const accepted = await tx(DECISIONS).where('id', c.id).first();
  if (!accepted) return;
  const others = await tx(DECISIONS)
    .where({ entity_ref: accepted.entity_ref, status: 'accepted' })
    .whereNot('id', c.id)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
  if (!others.length) return;
  const previous = others[0];
  const newer =
    Number(previous.created_at) > Number(accepted.created_at) ||
    (Number(previous.created_at) === Number(accepted.created_at) &&
      previous.id > accepted.id);
  if (newer) throw new Abort({ outcome: 'newer-accepted', newer: previous.id });
  let links = !accepted.supersedes;
  for (const old of others) {
    const version = Number(old.version) + 1;
    await tx(DECISIONS).where({ id: old.id, status: 'accepted' }).update({
      status: 'superseded',
      version,
      updated_at: at,
      superseded_by: c.id,
    });
    if (links) {
      await tx(DECISIONS).where('id', c.id).update({ supersedes: old.id });
      links = false;
    }
    await tx(EVENTS).insert({
      decision_id: old.id,
      type: 'superseded',
      actor: c.actor,
      at,
      from_status: 'accepted',
      to_status: 'superseded',
      version,
      note: `Superseded by ${c.id} on its acceptance`,
    });
  }
}

async function explainRace(
  db: Knex,
  c: StatusChange,
): Promise<StatusChangeResult> {
  const current = await db(DECISIONS).where('id', c.id).first('version');
  if (!current) throw new NotFoundError(`No decision ${c.id}`);
  if (Number(current.version) !== c.expectedVersion || !c.supersededBy)
    return { outcome: 'conflict', current: Number(current.version) };
  const newer = await db(DECISIONS)
    .where('id', c.supersededBy)
    .first('status', 'supersedes');
  return {
    outcome: 'link-refused',
    reason: newer?.supersedes
      ? `${c.supersededBy} already supersedes ${newer.supersedes}`
      : `${c.supersededBy} was linked to another decision`,
  };
}
