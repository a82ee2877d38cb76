import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '@backstage/errors';
import { decodeCursor, encodeCursor } from './cursor';
import type {
  Decision,
  DecisionEvent,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type {
  DecisionStore,
  DecisionStoreQuery,
  NewDecisionRecord,
  StatusChange,
  StatusChangeResult,
} from './DecisionStore';

const DECISIONS = 'mesh_advisor_decisions';
const EVENTS = 'mesh_advisor_decision_events';
const toIso = (ms: unknown) => new Date(Number(ms)).toISOString();

function toDecision(r: any): Decision {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    chosen: r.chosen,
    status: r.status,
    title: r.title,
    context: r.context,
    rationale: r.rationale,
    alternatives: JSON.parse(r.alternatives),
    author: r.author,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    version: Number(r.version),
    supersedes: r.supersedes ?? null,
    supersededBy: r.superseded_by ?? null,
    snapshot: r.snapshot ? JSON.parse(r.snapshot) : null,
  };
}

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

export class DatabaseDecisionStore implements DecisionStore {
  constructor(private readonly db: Knex) {}

  async create(d: NewDecisionRecord, now: Date): Promise<Decision> {
    const id = randomUUID();
    const at = now.getTime();
    await this.db.transaction(async tx => {
      await tx(DECISIONS).insert({
        id,
        entity_ref: d.entityRef,
        chosen: d.chosen,
        status: 'proposed',
        title: d.title,
        context: d.context,
        rationale: d.rationale,
        alternatives: JSON.stringify(d.alternatives),
        author: d.author,
        created_at: at,
        updated_at: at,
        version: 1,
        snapshot: d.snapshot ? JSON.stringify(d.snapshot) : null,
      });
      await tx(EVENTS).insert({
        decision_id: id,
        type: 'created',
        actor: d.author,
        at,
        from_status: null,
        to_status: 'proposed',
        version: 1,
      });
    });
    return (await this.get(id))!;
  }

  async get(id: string) {
    const row = await this.db(DECISIONS).where('id', id).first();
    return row ? toDecision(row) : undefined;
  }

  async events(id: string): Promise<DecisionEvent[]> {
    const rows = await this.db(EVENTS)
      .where('decision_id', id)
      .orderBy('version', 'asc');
    return rows.map(r => ({
      type: r.type,
      actor: r.actor,
      at: toIso(r.at),
      fromStatus: r.from_status ?? null,
      toStatus: r.to_status,
      version: Number(r.version),
      note: r.note ?? null,
    }));
  }

  async list(f: DecisionStoreQuery) {
    const q = this.db(DECISIONS);
    if (f.entityRef) q.where('entity_ref', f.entityRef.toLowerCase());
    if (f.status) q.where('status', f.status);
    if (f.chosen) q.where('chosen', f.chosen);
    if (f.author) q.whereRaw('LOWER(author) = ?', [f.author.toLowerCase()]);
    if (f.cursor) {
      // Newest first: the next page holds what was created before the cursor
      // (ties on the creation time broken by id), so decisions filed while a
      // client pages neither shift nor repeat rows.
      const c = decodeCursor(f.cursor, 'int64');
      q.where(w =>
        w
          .where('created_at', '<', c.v)
          .orWhere(w2 => w2.where('created_at', c.v).where('id', '<', c.r)),
      );
    }
    const rows = await q
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(f.limit + 1);
    const items = rows.slice(0, f.limit).map(toDecision);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > f.limit && last ? this.cursorAfter(last) : null,
    };
  }

  cursorAfter(d: Decision): string {
    return encodeCursor({ v: Date.parse(d.createdAt), r: d.id });
  }

  async changeStatus(c: StatusChange, now: Date): Promise<StatusChangeResult> {
    const at = now.getTime();
    try {
      return await this.db.transaction(async tx => {
        if (c.to === 'accepted') {
          await this.lockLiveDecisions(tx, c.id);
          // First, as the partial unique index checks each statement.
          await this.supersedePrevious(tx, c, at);
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
          const current = await tx(DECISIONS)
            .where('id', c.id)
            .first('version');
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
      if (isRace(e)) return this.explainRace(c);
      throw e;
    }
  }

  /**
   * Locks the live decisions about the entity of decision `id` (PostgreSQL;
   * SQLite runs one write transaction at a time anyway), in id order, so
   * that racing accepts of two of them queue rather than deadlock, and the
   * second sees the first once it commits.
   */
  private async lockLiveDecisions(tx: Knex.Transaction, id: string) {
    if (this.db.client.dialect !== 'postgresql') return;
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
  private async supersedePrevious(
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
    if (newer)
      throw new Abort({ outcome: 'newer-accepted', newer: previous.id });
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

  private async explainRace(c: StatusChange): Promise<StatusChangeResult> {
    const current = await this.db(DECISIONS).where('id', c.id).first('version');
    if (!current) throw new NotFoundError(`No decision ${c.id}`);
    if (Number(current.version) !== c.expectedVersion || !c.supersededBy)
      return { outcome: 'conflict', current: Number(current.version) };
    const newer = await this.db(DECISIONS)
      .where('id', c.supersededBy)
      .first('status', 'supersedes');
    return {
      outcome: 'link-refused',
      reason: newer?.supersedes
        ? `${c.supersededBy} already supersedes ${newer.supersedes}`
        : `${c.supersededBy} was linked to another decision`,
    };
  }
}
