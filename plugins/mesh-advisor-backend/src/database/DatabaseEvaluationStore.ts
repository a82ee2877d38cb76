import type { Knex } from 'knex';
import type {
  EvaluationPage,
  EvaluationResult,
  EvaluationRow,
  EvaluationSortField,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { ReadCache } from '../readCache';
import type { ReadFilter } from '../service/readFilter';
import { CursorValueType, decodeCursor, encodeCursor } from './cursor';
import {
  EvaluationRecord,
  EvaluationStore,
  EvaluationStoreQuery,
  SweepDetails,
  SweepRecord,
} from './EvaluationStore';

const EVALUATIONS = 'mesh_advisor_evaluations';
const SWEEPS = 'mesh_advisor_sweeps';
const DECISIONS = 'mesh_advisor_decisions';
const CHANGES = 'mesh_advisor_changes';
/** rows per statement: a row carries ~31 kB of result JSON (two bytes a character in memory), so 500 held ~30 MB of strings per round trip, promoted and kept by the collector till late */
const BATCH = 100;
/**
 * Share of the rows a sweep must change for it to refresh the planner's
 * statistics (PostgreSQL's own autoanalyze threshold).
 */
const ANALYZE_SHARE = 0.1;

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

/**
 * Epoch ms → ISO string. A sweep stamps every row it writes with one time,
 * so neighbouring rows often share it and the last conversion is reused:
 * formatting dates was ~4% of a list request's CPU.
 */
let lastIso = { ms: NaN, iso: '' };
function toIso(value: unknown): string {
  const ms = Number(value);
  if (ms !== lastIso.ms) lastIso = { ms, iso: new Date(ms).toISOString() };
  return lastIso.iso;
}

/** A bare name means the default namespace: `payments-team` is `group:default/payments-team`. */
function fullRef(value: string, kind: string): string {
  return value.includes(':')
    ? value.toLowerCase()
    : `${kind}:default/${value.toLowerCase()}`;
}

export class DatabaseEvaluationStore implements EvaluationStore {
  /**
   * Pages and counts change only when a sweep or a decision lands, yet every
   * visitor of the overview asks for the same first pages and every paging
   * client for the counts: they are read through the replica's `cache`
   * (shared with the summary, cleared by whatever writes).
   */
  constructor(
    private readonly db: Knex,
    private readonly cache = new ReadCache(2000),
  ) {}

  private cached<T>(key: string, read: () => Promise<T>): Promise<T> {
    return this.cache.get(key, read);
  }

  /** Writes made through this store show at once. */
  private invalidate() {
    this.cache.clear();
  }

  async inputHashes(entityRefs: string[]) {
    const out = new Map<string, string>();
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      for (const row of await this.db(EVALUATIONS)
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH))
        .select('entity_ref', 'input_hash'))
        out.set(row.entity_ref, row.input_hash);
    }
    return out;
  }

  /**
   * PostgreSQL gets each result's JSON as the UTF-8 bytes it was serialized
   * to (a Buffer, sent as the text's binary form): as a string, a 31 kB
   * result with one en dash is 62 kB of two-byte characters in V8's heap.
   * SQLite would store bytes as a BLOB, so it gets the string.
   */
  async writeChanged(records: EvaluationRecord[], now: Date) {
    if (!records.length) return 0;
    const at = now.getTime();
    const resultAsBytes = this.db.client.dialect === 'postgresql';
    let written = 0;
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      written += await this.db.transaction(async tx => {
        const stored = new Map<string, string>();
        for (const row of await tx(EVALUATIONS)
          .whereIn(
            'entity_ref',
            batch.map(r => r.entityRef),
          )
          .select('entity_ref', 'input_hash')) {
          stored.set(row.entity_ref, row.input_hash);
        }
        const changed = batch.filter(
          r => stored.get(r.entityRef) !== r.inputHash,
        );
        if (!changed.length) return 0;
        await tx(EVALUATIONS)
          .insert(changed.map(r => toDbRow(r, at, resultAsBytes)))
          .onConflict('entity_ref')
          .merge();
        return changed.length;
      });
    }
    if (written) this.invalidate();
    return written;
  }

  async removeAllExcept(keep: ReadonlySet<string>) {
    const gone: string[] = [];
    for (const row of await this.db(EVALUATIONS).select('entity_ref')) {
      if (!keep.has(row.entity_ref)) gone.push(row.entity_ref);
    }
    for (let i = 0; i < gone.length; i += BATCH) {
      await this.db(EVALUATIONS)
        .whereIn('entity_ref', gone.slice(i, i + BATCH))
        .delete();
    }
    await this.db(EVALUATIONS).where('stale', true).update({ stale: false });
    this.invalidate();
    return gone.length;
  }

  async afterBulkChange(changed: number, total: number) {
    if (changed > total * ANALYZE_SHARE) await this.refreshStatistics();
  }

  async edgesOf(entityRefs: string[]) {
    const out = [];
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      const rows = await this.db(EVALUATIONS)
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH))
        .select('entity_ref', 'depth', 'depends_on');
      out.push(...rows.map(toEdges));
    }
    return out;
  }

  /**
   * One scan in the database for the JSON-quoted ref in depends_on, rather
   * than every row's edges read and parsed here for each change (at 100,000
   * services that was 100,000 rows per announced change).
   */
  async dependentsOf(entityRef: string) {
    const needle = JSON.stringify(entityRef).replace(/[\\%_]/g, c => `\\${c}`);
    const rows = await this.db(EVALUATIONS)
      .whereRaw("depends_on LIKE ? ESCAPE '\\'", [`%${needle}%`])
      .select('entity_ref', 'depth', 'depends_on');
    return rows.map(toEdges).filter(e => e.dependsOn.includes(entityRef));
  }

  async serviceCount() {
    const [{ count }] = await this.db(EVALUATIONS).count({ count: '*' });
    return Number(count);
  }

  async claimChange(entityRef: string, inputsHash: string, now: Date) {
    const inserted = await this.db(CHANGES)
      .insert({
        entity_ref: entityRef,
        inputs_hash: inputsHash,
        claimed_at: now.getTime(),
      })
      .onConflict(['entity_ref', 'inputs_hash'])
      .ignore()
      .returning('entity_ref');
    return Array.isArray(inserted) && inserted.length === 1;
  }

  async changeEvaluated(
    entityRef: string,
    inputsHash: string,
    evaluated: number,
  ) {
    await this.db(CHANGES)
      .where({ entity_ref: entityRef, inputs_hash: inputsHash })
      .update({ evaluated });
  }

  /** Claims older than a day are only bookkeeping: the sweep drops them. */
  async forgetChangesBefore(before: Date) {
    await this.db(CHANGES).where('claimed_at', '<', before.getTime()).delete();
  }

  async lastPlatform() {
    const row = await this.db(SWEEPS)
      .where('outcome', 'succeeded')
      .whereNotNull('platform')
      .orderBy('id', 'desc')
      .first('platform');
    return row?.platform ? JSON.parse(row.platform) : undefined;
  }

  /**
   * PostgreSQL plans from table statistics, which autovacuum refreshes only
   * a while after a bulk write; a new table has none at all. Without them the
   * planner expects a handful of rows per mesh and sorts every row of the
   * mesh for each page instead of walking the (mesh, score) index, ~50×
   * slower. So the sweep that rewrote a good part of the table refreshes
   * them itself. Best effort: autovacuum gets there eventually anyway.
   */
  private async refreshStatistics() {
    if (this.db.client.dialect !== 'postgresql') return;
    await this.db.raw('ANALYZE ??', [EVALUATIONS]).catch(() => undefined);
  }

  async markAllStale() {
    await this.db(EVALUATIONS).update({ stale: true });
    this.invalidate();
  }

  async get(entityRef: string) {
    const row = await this.db(EVALUATIONS)
      .where('entity_ref', entityRef.toLowerCase())
      .first('result', 'evaluated_at', 'stale', 'catalog_version');
    if (!row) return undefined;
    const result = JSON.parse(row.result) as EvaluationResult;
    return {
      ...result,
      evaluatedAt: toIso(row.evaluated_at),
      stale: Boolean(row.stale),
      catalogVersion: (row.catalog_version as string | null) ?? null,
    };
  }

  /** The decision in force per entity: its newest proposed or accepted decision. */
  private currentDecisions() {
    return this.db(`${DECISIONS} as d`)
      .select('d.entity_ref', 'd.id', 'd.chosen', 'd.status')
      .whereIn('d.status', ['proposed', 'accepted'])
      .whereNotExists(q =>
        q
          .select(this.db.raw('1'))
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

  list(query: EvaluationStoreQuery): Promise<EvaluationPage> {
    // A caller's own set of services is theirs: not shared between callers.
    if (query.onlyRefs) return this.readPage(query);
    return this.cached(`page:${JSON.stringify(query)}`, () =>
      this.readPage(query),
    );
  }

  /**
   * Restricts `q` to the given services in one bound parameter, however
   * many there are (a long `IN (?, ?, …)` list runs into the databases'
   * limits on parameters).
   */
  private whereRefIn(q: Knex.QueryBuilder, refs: readonly string[]) {
    switch (this.db.client.dialect) {
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

  private async readPage(query: EvaluationStoreQuery): Promise<EvaluationPage> {
    const filtered = () => {
      const q = this.db(`${EVALUATIONS} as e`);
      if (query.owner) q.where('e.owner', fullRef(query.owner, 'group'));
      if (query.system) q.where('e.system', fullRef(query.system, 'system'));
      if (query.mesh) q.where('e.recommended_mesh', query.mesh);
      if (query.status) q.where('e.status', query.status);
      if (query.onlyRefs) this.whereRefIn(q, query.onlyRefs);
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
        q.leftJoin(this.currentDecisions(), 'cur.entity_ref', 'e.entity_ref');
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
    };

    const sort = SORT_COLUMNS[query.sort];
    const dir = query.order === 'desc' ? 'desc' : 'asc';
    const cmp = dir === 'asc' ? '>' : '<';
    const page = filtered().select(
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
      this.db.raw(`${sort.expr} as sort_value`),
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

    const countKey = JSON.stringify([
      query.readFilter,
      query.owner,
      query.system,
      query.mesh,
      query.status,
      query.decision,
      query.q,
    ]);
    const count = async () => {
      const [{ count: n }] = await filtered().count({ count: '*' });
      return Number(n);
    };
    const [rows, total] = await Promise.all([
      page,
      query.onlyRefs ? count() : this.cached(`count:${countKey}`, count),
    ]);
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const decisions = new Map<
      string,
      { id: string; chosen: string; status: string }
    >();
    const anyDecisions = await this.cached('any-decisions', async () =>
      Boolean(await this.db(DECISIONS).first('id')),
    );
    if (items.length && anyDecisions) {
      const current = await this.db
        .select('*')
        .from(this.currentDecisions())
        .whereIn(
          'cur.entity_ref',
          items.map(i => i.entity_ref),
        );
      for (const d of current) decisions.set(d.entity_ref, d);
    }
    const last = items[items.length - 1];
    return {
      items: items.map(r => toRow(r, decisions.get(r.entity_ref))),
      totalCount: total,
      nextCursor:
        more && last
          ? encodeCursor({
              v: sort.numeric
                ? Number(last.sort_value)
                : String(last.sort_value),
              r: last.entity_ref,
            })
          : null,
    };
  }

  async readableAmong(refs: string[], filter: ReadFilter) {
    const out = new Set<string>();
    for (let i = 0; i < refs.length; i += BATCH) {
      const rows = await this.db(`${EVALUATIONS} as e`)
        .whereIn(
          'e.entity_ref',
          refs.slice(i, i + BATCH).map(r => r.toLowerCase()),
        )
        .where(w => applyReadFilter(w, filter))
        .select('e.entity_ref');
      for (const r of rows) out.add(r.entity_ref);
    }
    return out;
  }

  async startSweep(now: Date) {
    const [row] = await this.db(SWEEPS)
      .insert({ started_at: now.getTime(), outcome: 'running' })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  async finishSweep(
    id: number,
    outcome: 'succeeded' | 'failed',
    d: SweepDetails,
    now: Date,
  ) {
    await this.db(SWEEPS)
      .where('id', id)
      .update({
        finished_at: now.getTime(),
        outcome,
        message: d.message ?? null,
        services: d.services ?? null,
        written: d.written ?? null,
        removed: d.removed ?? null,
        summary: d.summary === undefined ? null : JSON.stringify(d.summary),
        platform: d.platform === undefined ? null : JSON.stringify(d.platform),
      });
  }

  async lastSweep() {
    return toSweep(await this.db(SWEEPS).orderBy('id', 'desc').first());
  }

  async lastSuccessfulSweep() {
    return toSweep(
      await this.db(SWEEPS)
        .where('outcome', 'succeeded')
        .orderBy('id', 'desc')
        .first(),
    );
  }
}

/** The read filter as a WHERE clause on the stored columns. */
function applyReadFilter(q: Knex.QueryBuilder, f: ReadFilter): void {
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

function toEdges(r: any) {
  return {
    entityRef: r.entity_ref as string,
    depth: Number(r.depth),
    dependsOn: r.depends_on ? (JSON.parse(r.depends_on) as string[]) : [],
  };
}

function toDbRow(r: EvaluationRecord, at: number, resultAsBytes: boolean) {
  return {
    entity_ref: r.entityRef,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    title: r.title ?? null,
    owner: r.owner ?? '',
    system: r.system ?? '',
    status: r.result.status,
    recommended_mesh: r.result.recommendedMesh,
    confidence: r.result.confidence,
    score: r.result.score,
    issue_count: r.result.issueCount,
    search_text: r.searchText,
    result: resultAsBytes ? r.result.json : r.result.json.toString(),
    input_hash: r.inputHash,
    engine_version: r.result.engineVersion,
    knowledge_base_version: r.result.knowledgeBaseVersion,
    evaluated_at: at,
    stale: false,
    depth: r.depth,
    depends_on: JSON.stringify(r.dependsOn),
    catalog_version: r.catalogVersion ?? null,
  };
}

function toRow(
  r: any,
  decision?: { id: string; chosen: string; status: string },
): EvaluationRow {
  return {
    entityRef: r.entity_ref,
    name: r.name,
    title: r.title,
    owner: r.owner || null,
    system: r.system || null,
    status: r.status,
    recommendedMesh: r.recommended_mesh || null,
    confidence: r.confidence,
    score: Number(r.score) < 0 ? null : Number(r.score),
    issueCount: Number(r.issue_count),
    evaluatedAt: toIso(r.evaluated_at),
    stale: Boolean(r.stale),
    decision: decision
      ? ({
          id: decision.id,
          chosen: decision.chosen,
          status: decision.status,
        } as EvaluationRow['decision'])
      : null,
  };
}

function toSweep(r: any): SweepRecord | undefined {
  if (!r) return undefined;
  return {
    id: Number(r.id),
    startedAt: toIso(r.started_at),
    finishedAt: r.finished_at === null ? null : toIso(r.finished_at),
    outcome: r.outcome,
    message: r.message,
    services: r.services === null ? null : Number(r.services),
    summary: r.summary ? JSON.parse(r.summary) : null,
  };
}
