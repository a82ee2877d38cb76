import type { Knex } from 'knex';
import type {
  EvaluationPage,
  EvaluationSortField,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { ReadFilter } from '../service/readFilter';
import { CursorValueType, decodeCursor, encodeCursor } from './cursor';
import type { EvaluationStoreQuery } from './EvaluationStore';
import { DECISIONS, EVALUATIONS, toRow } from './evaluationRows';

/** Reads through the replica's cache. */
type Cached = <T>(key: string, read: () => Promise<T>) => Promise<T>;

/** Sort columns: never NULL (see the migration), each with a (column, entity_ref) index. */
const SORT_COLUMNS: Record<
  EvaluationSortField,
  { expr: string; numeric: boolean; type: CursorValueType }
> = {
  name: { expr: 'e.entity_ref', numeric: false, type: 'text' },
  mesh: { expr: 'e.recommended_mesh', numeric: false, type: 'text' },
  status: { expr: 'e.status', numeric: false, type: 'text' },
  score: { expr: 'e.score', numeric: true, type: 'int32' },
  owner: { expr: 'e.owner', numeric: false, type: 'text' },
  system: { expr: 'e.system', numeric: false, type: 'text' },
  evaluatedAt: { expr: 'e.evaluated_at', numeric: true, type: 'int64' },
};

/** A bare name means the default namespace: `payments-team` is `group:default/payments-team`. */
function fullRef(value: string, kind: string): string {
  return value.includes(':')
    ? value.toLowerCase()
    : `${kind}:default/${value.toLowerCase()}`;
}

/** The decision in force per entity: its newest proposed or accepted decision. */
function currentDecisions(db: Knex) {
  return db(`${DECISIONS} as d`)
    .select('d.entity_ref', 'd.id', 'd.chosen', 'd.status')
    .whereIn('d.status', ['proposed', 'accepted'])
    .whereNotExists(q =>
      q
        .select(db.raw('1'))
        .from(`${DECISIONS} as d2`)
        .whereRaw('d2.entity_ref = d.entity_ref')
        .whereIn('d2.status', ['proposed', 'accepted'])
        .where(w =>
          w
            .whereRaw('d2.created_at > d.created_at')
            .orWhereRaw('d2.created_at = d.created_at AND d2.id > d.id'),
        ),
    )
    .as('cur');
}

/**
 * Restricts `q` to the given services in one bound parameter, however
 * many there are (a long `IN (?, ?, …)` list runs into the databases'
 * limits on parameters).
 */
function whereRefIn(db: Knex, q: Knex.QueryBuilder, refs: readonly string[]) {
  switch (db.client.dialect) {
    case 'postgresql':
      q.whereRaw('e.entity_ref = ANY(?::text[])', [refs as string[]]);
      break;
    case 'sqlite3':
    case 'better-sqlite3':
      q.whereRaw('e.entity_ref IN (SELECT value FROM json_each(?))', [
        JSON.stringify(refs),
      ]);
      break;
    default:
      q.whereIn('e.entity_ref', refs as string[]);
  }
}

/** The evaluations the query's filters select (no order, no page). */
function filtered(db: Knex, query: EvaluationStoreQuery) {
  const q = db(`${EVALUATIONS} as e`);
  if (query.owner) q.where('e.owner', fullRef(query.owner, 'group'));
  if (query.system) q.where('e.system', fullRef(query.system, 'system'));
  if (query.mesh) q.where('e.recommended_mesh', query.mesh);
  if (query.status) q.where('e.status', query.status);
  if (query.onlyRefs) whereRefIn(db, q, query.onlyRefs);
  if (query.readFilter) q.where(w => applyReadFilter(w, query.readFilter!));
  if (query.q) {
    const needle = query.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, c => `\\${c}`);
    q.whereRaw("e.search_text LIKE ? ESCAPE '\\'", [`%${needle}%`]);
  }
  if (query.decision) {
    // Only this filter needs the decisions; the page's own are fetched after.
    q.leftJoin(currentDecisions(db), 'cur.entity_ref', 'e.entity_ref');
    switch (query.decision) {
      case 'none':
        q.whereNull('cur.id');
        break;
      case 'differs':
        q.where('cur.status', 'accepted').whereRaw(
          'cur.chosen <> e.recommended_mesh',
        );
        break;
      default:
        q.where('cur.status', query.decision);
    }
  }
  return q;
}

/** One page of the overview table, keyset-paged, with its total and each row's decision in force. */
export async function readEvaluationPage(
  db: Knex,
  query: EvaluationStoreQuery,
  cached: Cached,
): Promise<EvaluationPage> {
  const sort = SORT_COLUMNS[query.sort];
  const dir = query.order === 'desc' ? 'desc' : 'asc';
  const cmp = dir === 'asc' ? '>' : '<';
  const page = filtered(db, query).select(
    'e.entity_ref',
    'e.name',
    'e.title',
    'e.owner',
    'e.system',
    'e.status',
    'e.recommended_mesh',
    'e.confidence',
    'e.score',
    'e.issue_count',
    'e.evaluated_at',
    'e.stale',
    db.raw(`${sort.expr} as sort_value`),
  );
  if (query.cursor) {
    const c = decodeCursor(query.cursor, sort.type);
    // A row comparison rather than `v < ? OR (v = ? AND ref < ?)`: PostgreSQL
    // makes it an index range, where for the OR form it filters the earlier
    // pages' rows out one by one or sorts all the rows after them.
    page.whereRaw(`(${sort.expr}, e.entity_ref) ${cmp} (?, ?)`, [c.v, c.r]);
  }
  page
    .orderByRaw(`${sort.expr} ${dir}, e.entity_ref ${dir}`)
    .limit(query.limit + 1);

  const [rows, total] = await Promise.all([page, countOf(db, query, cached)]);
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit);
  const decisions = await decisionsOf(
    db,
    items.map(i => i.entity_ref as string),
    cached,
  );
  const last = items[items.length - 1];
  return {
    items: items.map(r => toRow(r, decisions.get(r.entity_ref))),
    totalCount: total,
    nextCursor:
      more && last
        ? encodeCursor({
            v: sort.numeric ? Number(last.sort_value) : String(last.sort_value),
            r: last.entity_ref,
          })
        : null,
  };
}

/** How many rows the query's filters select; shared between callers unless the set of services is the caller's own. */
function countOf(db: Knex, query: EvaluationStoreQuery, cached: Cached) {
  const count = async () => {
    const [{ count: n }] = await filtered(db, query).count({ count: '*' });
    return Number(n);
  };
  if (query.onlyRefs) return count();
  const key = JSON.stringify([
    query.readFilter,
    query.owner,
    query.system,
    query.mesh,
    query.status,
    query.decision,
    query.q,
  ]);
  return cached(`count:${key}`, count);
}

/** The decision in force of each of these services that has one. */
async function decisionsOf(db: Knex, refs: string[], cached: Cached) {
  const decisions = new Map<
    string,
    { id: string; chosen: string; status: string }
  >();
  const anyDecisions = await cached('any-decisions', async () =>
    Boolean(await db(DECISIONS).first('id')),
  );
  if (refs.length && anyDecisions) {
    const current = await db
      .select('*')
      .from(currentDecisions(db))
      .whereIn('cur.entity_ref', refs);
    for (const d of current) decisions.set(d.entity_ref, d);
  }
  return decisions;
}

/** The read filter as a WHERE clause on the stored columns. */
export function applyReadFilter(q: Knex.QueryBuilder, f: ReadFilter): void {
  if ('always' in f) {
    q.whereRaw(f.always ? '1 = 1' : '1 = 0');
  } else if ('column' in f) {
    if (f.values.length) q.whereIn(`e.${f.column}`, f.values);
    else q.whereRaw('1 = 0');
  } else if ('not' in f) {
    q.whereNot(w => applyReadFilter(w, f.not));
  } else if ('allOf' in f) {
    for (const part of f.allOf) q.where(w => applyReadFilter(w, part));
  } else {
    if (!f.anyOf.length) q.whereRaw('1 = 0');
    for (const part of f.anyOf) q.orWhere(w => applyReadFilter(w, part));
  }
}
