import type { Knex } from 'knex';
import type { Decision } from '@mesh-advisor/plugin-mesh-advisor-common';
import { decodeCursor, encodeCursor } from './cursor';
import type { DecisionStoreQuery } from './DecisionStore';
import { DECISIONS, toDecision } from './decisionRows';

/** The cursor of the page that follows decision `d` (newest first). */
export function decisionCursorAfter(d: Decision): string {
  return encodeCursor({ v: Date.parse(d.createdAt), r: d.id });
}

/** One page of decisions, newest first, filtered; keyset-paged by cursor. */
export async function listDecisions(db: Knex, f: DecisionStoreQuery) {
  const q = db(DECISIONS);
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
    nextCursor:
      rows.length > f.limit && last ? decisionCursorAfter(last) : null,
  };
}
