import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import type { Decision, DecisionEvent, DecisionFilter, DecisionStore, NewDecision, StatusChange } from './DecisionStore';

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

export class KnexDecisionStore implements DecisionStore {
  constructor(private readonly db: Knex) {}

  async create(d: NewDecision, now: Date): Promise<Decision> {
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
      await tx(EVENTS).insert({ decision_id: id, type: 'created', actor: d.author, at, from_status: null, to_status: 'proposed', version: 1 });
    });
    return (await this.get(id))!;
  }

  async get(id: string) {
    const row = await this.db(DECISIONS).where('id', id).first();
    return row ? toDecision(row) : undefined;
  }

  async events(id: string): Promise<DecisionEvent[]> {
    const rows = await this.db(EVENTS).where('decision_id', id).orderBy('version', 'asc');
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

  async list(f: DecisionFilter) {
    const q = this.db(DECISIONS);
    if (f.entityRef) q.where('entity_ref', f.entityRef.toLowerCase());
    if (f.status) q.where('status', f.status);
    if (f.chosen) q.where('chosen', f.chosen);
    if (f.author) q.where('author', f.author);
    if (f.cursor) {
      // Newest first: the next page holds what was created before the cursor.
      const c = decodeCursor(f.cursor);
      q.where(w => w.where('created_at', '<', c.v).orWhere(w2 => w2.where('created_at', c.v).where('id', '<', c.r)));
    }
    const rows = await q.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(f.limit + 1);
    const items = rows.slice(0, f.limit).map(toDecision);
    const last = rows[f.limit - 1];
    return { items, nextCursor: rows.length > f.limit && last ? encodeCursor({ v: Number(last.created_at), r: last.id }) : null };
  }

  async changeStatus(c: StatusChange, now: Date) {
    const at = now.getTime();
    return this.db.transaction(async tx => {
      const current = await tx(DECISIONS).where('id', c.id).first('status', 'version');
      if (!current) throw new Error(`decision ${c.id} vanished`);
      // Optimistic concurrency: the update only lands on the version the caller saw.
      const updated = await tx(DECISIONS)
        .where({ id: c.id, version: c.expectedVersion })
        .update({ status: c.to, version: c.expectedVersion + 1, updated_at: at, ...(c.supersededBy ? { superseded_by: c.supersededBy } : {}) });
      if (updated !== 1) return { conflict: Number(current.version) };
      await tx(EVENTS).insert({
        decision_id: c.id,
        type: c.event,
        actor: c.actor,
        at,
        from_status: current.status,
        to_status: c.to,
        version: c.expectedVersion + 1,
        note: c.note ?? null,
      });
      if (c.supersededBy) {
        await tx(DECISIONS).where('id', c.supersededBy).whereNull('supersedes').update({ supersedes: c.id });
      }
      return toDecision(await tx(DECISIONS).where('id', c.id).first());
    });
  }
}
