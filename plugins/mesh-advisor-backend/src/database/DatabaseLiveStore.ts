import type {
  ActualState,
  ActualStateQuery,
  ClusterState,
  DerivedPlatform,
  DriftState,
  EvaluationResult,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { Knex } from 'knex';

const STATES = 'mesh_advisor_actual_states';
const PASSES = 'mesh_advisor_live_passes';
const NOTIFICATIONS = 'mesh_advisor_live_notifications';
const BATCH = 500;

/** What the live pass needs about a service from the stored sweep. */
export type LiveInput = {
  evaluation: Pick<EvaluationResult, 'ranking' | 'status' | 'recommendation'>;
  /** the accepted decision in force */
  decision: { id: string; chosen: MeshId } | null;
};

/** The stored state a transition is judged against. */
export type PreviousState = {
  drift: DriftState;
  decisionAtRisk: boolean;
  observedAt: number;
  actual: ActualState;
};

export type LivePassRecord = {
  at: string;
  clusters: ClusterState[];
  platform: DerivedPlatform;
  requests: number;
};

/** A listing of actual states: the API's filters, with the page size resolved and the cursor decoded. */
export type ActualListQuery = Omit<ActualStateQuery, 'limit' | 'cursor'> & {
  limit: number;
  /** the last entity ref of the previous page */
  after?: string;
  onlyRefs?: readonly string[];
};

/** Actual states, live passes and sent notifications, in the plugin's database. */
export class DatabaseLiveStore {
  constructor(private readonly db: Knex) {}

  /** Stored evaluations (ranking only) and accepted decisions of these (lower-case) entity refs. */
  async inputs(entityRefs: string[]): Promise<Map<string, LiveInput>> {
    const out = new Map<string, LiveInput>();
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      const refs = entityRefs.slice(i, i + BATCH);
      const rows = await this.db('mesh_advisor_evaluations')
        .whereIn('entity_ref', refs)
        .select('entity_ref', 'result');
      for (const row of rows) {
        const r = JSON.parse(row.result) as EvaluationResult;
        out.set(row.entity_ref, {
          evaluation: {
            ranking: r.ranking,
            status: r.status,
            recommendation: r.recommendation,
          },
          decision: null,
        });
      }
      const decisions = await this.db('mesh_advisor_decisions')
        .where('status', 'accepted')
        .whereIn('entity_ref', refs)
        .select('id', 'entity_ref', 'chosen');
      for (const d of decisions) {
        const input = out.get(d.entity_ref);
        if (input) input.decision = { id: d.id, chosen: d.chosen };
      }
    }
    return out;
  }

  /** The stored states of these (lower-case) entity refs. */
  async previous(entityRefs: string[]): Promise<Map<string, PreviousState>> {
    const out = new Map<string, PreviousState>();
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      const rows = await this.db(STATES)
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH))
        .select(
          'entity_ref',
          'drift',
          'decision_at_risk',
          'observed_at',
          'actual',
        );
      for (const r of rows) {
        out.set(r.entity_ref, {
          drift: r.drift,
          decisionAtRisk: Boolean(r.decision_at_risk),
          observedAt: Number(r.observed_at),
          actual: JSON.parse(r.actual),
        });
      }
    }
    return out;
  }

  /** Writes these services' actual states (one page of a live pass). */
  async upsertStates(
    states: Array<ActualState & { decisionAtRisk: boolean }>,
  ): Promise<void> {
    const rows = states.map(({ decisionAtRisk, ...s }) => ({
      entity_ref: s.entityRef.toLowerCase(),
      mesh: s.mesh ?? '',
      drift: s.drift,
      meshed_share: s.meshedShare,
      pods: s.pods,
      stale: s.stale,
      decision_at_risk: decisionAtRisk,
      actual: JSON.stringify(s),
      observed_at: Date.parse(s.observedAt),
    }));
    for (let i = 0; i < rows.length; i += BATCH) {
      await this.db(STATES)
        .insert(rows.slice(i, i + BATCH))
        .onConflict('entity_ref')
        .merge();
    }
  }

  /** After a complete pass: removes the states of services no longer in the catalog. */
  async removeStatesExcept(keep: ReadonlySet<string>): Promise<void> {
    const existing: string[] = (await this.db(STATES).select('entity_ref')).map(
      r => r.entity_ref,
    );
    const gone = existing.filter(r => !keep.has(r));
    for (let i = 0; i < gone.length; i += BATCH) {
      await this.db(STATES)
        .whereIn('entity_ref', gone.slice(i, i + BATCH))
        .delete();
    }
  }

  async recordPass(pass: LivePassRecord): Promise<void> {
    await this.db(PASSES).insert({
      at: Date.parse(pass.at),
      clusters: JSON.stringify(pass.clusters),
      platform: JSON.stringify(pass.platform),
      requests: pass.requests,
    });
    // Only the latest pass is read; keep a short history for debugging.
    const old = await this.db(PASSES)
      .orderBy('id', 'desc')
      .offset(20)
      .limit(1)
      .select('id');
    if (old[0]) await this.db(PASSES).where('id', '<=', old[0].id).delete();
  }

  async lastPass(): Promise<LivePassRecord | undefined> {
    const row = await this.db(PASSES).orderBy('id', 'desc').first();
    if (!row) return undefined;
    return {
      at: new Date(Number(row.at)).toISOString(),
      clusters: JSON.parse(row.clusters),
      platform: JSON.parse(row.platform),
      requests: row.requests,
    };
  }

  async get(entityRef: string): Promise<ActualState | undefined> {
    const row = await this.db(STATES)
      .where('entity_ref', entityRef.toLowerCase())
      .first('actual');
    return row ? JSON.parse(row.actual) : undefined;
  }

  /** A page of actual states by entity ref, filtered by drift, mesh and staleness. */
  async list(
    q: ActualListQuery,
  ): Promise<{ items: ActualState[]; nextCursor: string | null }> {
    if (q.onlyRefs && q.onlyRefs.length === 0)
      return { items: [], nextCursor: null };
    const query = this.db(STATES)
      .select('entity_ref', 'actual')
      .orderBy('entity_ref')
      .limit(q.limit + 1);
    if (q.drift) query.where('drift', q.drift);
    if (q.mesh) query.where('mesh', q.mesh === 'unknown' ? '' : q.mesh);
    if (q.stale !== undefined) query.where('stale', q.stale);
    if (q.after) query.where('entity_ref', '>', q.after.toLowerCase());
    if (q.onlyRefs) {
      // one bound array on PostgreSQL; batches of IN lists elsewhere
      if (this.db.client.config.client === 'pg') {
        query.whereRaw('entity_ref = ANY(?)', [q.onlyRefs as string[]]);
      } else {
        query.whereIn('entity_ref', q.onlyRefs as string[]);
      }
    }
    const rows = await query;
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    return {
      items: page.map(r => JSON.parse(r.actual)),
      nextCursor: more ? page[page.length - 1].entity_ref : null,
    };
  }

  /** Counts per drift state and per actual mesh, for the overview's coverage. */
  async counts(): Promise<{
    drift: Record<string, number>;
    mesh: Record<string, number>;
    pods: Record<string, number>;
  }> {
    const byDrift: Array<{ drift: string; n: number | string }> = await this.db(
      STATES,
    )
      .select('drift')
      .count({ n: '*' })
      .groupBy('drift');
    const byMesh: Array<{ mesh: string; n: number | string; p: unknown }> =
      await this.db(STATES)
        .select('mesh')
        .count({ n: '*' })
        .sum({ p: 'pods' })
        .groupBy('mesh');
    return {
      drift: Object.fromEntries(byDrift.map(r => [r.drift, Number(r.n)])),
      mesh: Object.fromEntries(
        byMesh.map(r => [r.mesh || 'unknown', Number(r.n)]),
      ),
      pods: Object.fromEntries(
        byMesh.map(r => [r.mesh || 'unknown', Number(r.p ?? 0)]),
      ),
    };
  }

  /**
   * Claims a notification: true for the one caller that inserts the
   * transition's key, false for every other (another replica, a retry).
   */
  async claimNotification(
    key: string,
    entityRef: string,
    topic: string,
    now: Date,
  ): Promise<boolean> {
    try {
      await this.db(NOTIFICATIONS).insert({
        transition_key: key.slice(0, 255),
        entity_ref: entityRef.toLowerCase(),
        topic,
        sent_at: now.getTime(),
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(err.message ?? '')
  );
}
