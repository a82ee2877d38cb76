import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
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
import { DECISIONS, EVENTS, toDecision, toDecisionEvent } from './decisionRows';
import { decisionCursorAfter, listDecisions } from './decisionList';
import { changeDecisionStatus } from './decisionStatusChange';

/**
 * Decisions and their events in the plugin's database. The list query is in
 * decisionList.ts, the status change (accept, supersede, and their locking)
 * in decisionStatusChange.ts, the row mappings in decisionRows.ts.
 */
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
    return rows.map(toDecisionEvent);
  }

  list(f: DecisionStoreQuery) {
    return listDecisions(this.db, f);
  }

  cursorAfter(d: Decision): string {
    return decisionCursorAfter(d);
  }

  changeStatus(c: StatusChange, now: Date): Promise<StatusChangeResult> {
    return changeDecisionStatus(this.db, c, now);
  }
}
