import type { Knex } from 'knex';
import type {
  EvaluationPage,
  EvaluationResult,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { ReadCache } from '../readCache';
import type { ReadFilter } from '../service/readFilter';
import { applyReadFilter, readEvaluationPage } from './evaluationPage';
import {
  CHANGES,
  EVALUATIONS,
  SWEEPS,
  toDbRow,
  toEdges,
  toIso,
  toSweep,
} from './evaluationRows';
import {
  EvaluationRecord,
  EvaluationStore,
  EvaluationStoreQuery,
  SweepDetails,
} from './EvaluationStore';

/** rows per statement: a row carries ~31 kB of result JSON; 500 held ~30 MB per round trip, kept by the collector till late */
const BATCH = 100;
/**
 * Share of the rows a sweep must change for it to refresh the planner's
 * statistics (PostgreSQL's own autoanalyze threshold).
 */
const ANALYZE_SHARE = 0.1;

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
  async writeChanged(records: EvaluationRecord[], now: Date, readAt?: Date) {
    if (!records.length) return 0;
    const at = now.getTime();
    const resultAsBytes = this.db.client.dialect === 'postgresql';
    let written = 0;
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      written += await this.db.transaction(async tx => {
        const stored = new Map<string, { hash: string; at: number }>();
        for (const row of await tx(EVALUATIONS)
          .whereIn(
            'entity_ref',
            batch.map(r => r.entityRef),
          )
          .select('entity_ref', 'input_hash', 'evaluated_at')) {
          stored.set(row.entity_ref, {
            hash: row.input_hash,
            at: Number(row.evaluated_at),
          });
        }
        // a row evaluated after this writer read its entity is newer: kept
        const newer = (r: EvaluationRecord) =>
          readAt !== undefined &&
          (stored.get(r.entityRef)?.at ?? -Infinity) > readAt.getTime();
        const changed = batch.filter(
          r => stored.get(r.entityRef)?.hash !== r.inputHash && !newer(r),
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

  list(query: EvaluationStoreQuery): Promise<EvaluationPage> {
    // A caller's own set of services is theirs: not shared between callers.
    if (query.onlyRefs) return this.readPage(query);
    return this.cached(`page:${JSON.stringify(query)}`, () =>
      this.readPage(query),
    );
  }

  private readPage(query: EvaluationStoreQuery) {
    return readEvaluationPage(this.db, query, (key, read) =>
      this.cached(key, read),
    );
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
