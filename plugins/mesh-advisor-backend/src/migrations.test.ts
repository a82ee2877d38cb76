import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readMeshAdvisorConfig } from './config';
import { DatabaseEvaluationStore } from './database/DatabaseEvaluationStore';
import { MIGRATIONS } from './database/migrations';
import { runSweep } from './service/sweep';
import {
  CONFIG,
  OWNER,
  startDecisionBackendOn,
} from './__testUtils__/decisionHarness';
import { loadExampleEntities } from './__testUtils__/exampleCatalog';
import { FakeCatalog } from './__testUtils__/fakeCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
/** The migration the previous release shipped last. */
const PREVIOUS_RELEASE = '20261123000000_evaluations.js';
const EVALUATION_TABLES = ['mesh_advisor_evaluations', 'mesh_advisor_sweeps'];
const DECISION_TABLES = [
  'mesh_advisor_decisions',
  'mesh_advisor_decision_events',
];
const SERVICES = 38;
const DECISIONS = '20261123000100_decisions.js';
const SORT_INDEX_REPAIR = '20261123000200_evaluation_sort_indexes.js';
const ONE_ACCEPTED = '20261130000000_one_accepted_decision.js';
/** Added to the evaluations migration after some databases had run it. */
const SORT_INDEXES = [
  'mesh_advisor_eval_mesh_score_idx',
  'mesh_advisor_eval_time_idx',
];

type Knex = Awaited<ReturnType<typeof databases.init>>;

async function tables(knex: Knex) {
  const out: Record<string, boolean> = {};
  for (const t of [...EVALUATION_TABLES, ...DECISION_TABLES])
    out[t] = await knex.schema.hasTable(t);
  return out;
}

/** The names of the evaluations table's indexes. */
async function indexes(knex: Knex): Promise<string[]> {
  if (knex.client.dialect === 'postgresql') {
    const { rows } = await knex.raw(
      "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'mesh_advisor_evaluations'",
    );
    return rows.map((r: { name: string }) => r.name);
  }
  const rows = await knex('sqlite_master')
    .where({ type: 'index', tbl_name: 'mesh_advisor_evaluations' })
    .select('name');
  return rows.map(r => r.name);
}

const all = (names: string[], present: boolean) =>
  Object.fromEntries(names.map(n => [n, present]));

async function count(knex: Knex, table: string) {
  const [{ n }] = await knex(table).count({ n: '*' });
  return Number(n);
}

/**
 * Whether the write failed on a unique constraint. (better-sqlite3's errors
 * are not `instanceof Error` inside jest's sandbox, so `rejects.toThrow()`
 * cannot be relied on.)
 */
async function uniqueViolation(write: PromiseLike<unknown>): Promise<boolean> {
  try {
    await write;
    return false;
  } catch (e) {
    return /unique|duplicate key/i.test(String((e as Error)?.message));
  }
}

function decisionRow(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    entity_ref: 'component:default/payments-api',
    chosen: 'linkerd',
    status: 'proposed',
    title: 'A decision',
    context: '',
    rationale: 'because',
    alternatives: '[]',
    author: OWNER,
    created_at: 1,
    updated_at: 1,
    version: 1,
    ...extra,
  };
}

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('migrates a fresh database up, down and up again', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest(MIGRATIONS);
    expect(await tables(knex)).toEqual({
      ...all(EVALUATION_TABLES, true),
      ...all(DECISION_TABLES, true),
    });
    const [, pending] = await knex.migrate.list(MIGRATIONS);
    expect(pending).toEqual([]);

    // the schema holds `supersedes` one-to-one (a decision may replace two:
    // `superseded_by` repeats), one accepted decision per entity, and events
    // unique per version
    await knex('mesh_advisor_decisions').insert([
      decisionRow('a', { supersedes: 'x', superseded_by: 'y' }),
      decisionRow('b', { supersedes: null, superseded_by: null }),
      decisionRow('c', { supersedes: null, superseded_by: null }),
      decisionRow('f', { status: 'accepted' }),
    ]);
    expect(
      await uniqueViolation(
        knex('mesh_advisor_decisions').insert(
          decisionRow('d', { supersedes: 'x' }),
        ),
      ),
    ).toBe(true);
    expect(
      await uniqueViolation(
        knex('mesh_advisor_decisions').insert(
          decisionRow('e', { superseded_by: 'y' }),
        ),
      ),
    ).toBe(false);
    expect(
      await uniqueViolation(
        knex('mesh_advisor_decisions').insert(
          decisionRow('g', { status: 'accepted' }),
        ),
      ),
    ).toBe(true);
    // accepted for another entity: allowed
    await knex('mesh_advisor_decisions').insert(
      decisionRow('h', {
        status: 'accepted',
        entity_ref: 'component:default/ledger',
      }),
    );
    const event = {
      decision_id: 'a',
      type: 'created',
      actor: OWNER,
      at: 1,
      to_status: 'proposed',
      version: 1,
    };
    await knex('mesh_advisor_decision_events').insert(event);
    expect(
      await uniqueViolation(knex('mesh_advisor_decision_events').insert(event)),
    ).toBe(true);
    await knex('mesh_advisor_decision_events').delete();
    await knex('mesh_advisor_decisions').delete();

    // down to before the one-accepted migration (and any after it): the
    // index goes, `superseded_by` is unique again
    while (
      Number(await knex.migrate.currentVersion(MIGRATIONS)) >=
      Number(ONE_ACCEPTED.slice(0, 14))
    )
      await knex.migrate.down(MIGRATIONS);
    await knex('mesh_advisor_decisions').insert([
      decisionRow('a', { status: 'accepted', superseded_by: 'y' }),
      decisionRow('b', { status: 'accepted' }),
    ]);
    expect(
      await uniqueViolation(
        knex('mesh_advisor_decisions').insert(
          decisionRow('e', { superseded_by: 'y' }),
        ),
      ),
    ).toBe(true);
    await knex('mesh_advisor_decisions').delete();
    // the next: the sort-index repair has nothing to undo on a fresh database
    await knex.migrate.down(MIGRATIONS);
    expect(await tables(knex)).toEqual({
      ...all(EVALUATION_TABLES, true),
      ...all(DECISION_TABLES, true),
    });
    expect(await indexes(knex)).toEqual(expect.arrayContaining(SORT_INDEXES));
    // one more: only the decision tables go
    await knex.migrate.down(MIGRATIONS);
    expect(await tables(knex)).toEqual({
      ...all(EVALUATION_TABLES, true),
      ...all(DECISION_TABLES, false),
    });
    // all the way down, then up again
    await knex.migrate.rollback(MIGRATIONS, true);
    expect(await tables(knex)).toEqual({
      ...all(EVALUATION_TABLES, false),
      ...all(DECISION_TABLES, false),
    });
    await knex.migrate.latest(MIGRATIONS);
    expect(await tables(knex)).toEqual({
      ...all(EVALUATION_TABLES, true),
      ...all(DECISION_TABLES, true),
    });
  });

  it('adds the sort indexes to a database whose evaluations table was created without them', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.up({ ...MIGRATIONS, name: PREVIOUS_RELEASE });
    await knex.migrate.up({ ...MIGRATIONS, name: DECISIONS });
    // as an early build of the evaluations migration left it
    await knex.schema.alterTable('mesh_advisor_evaluations', table => {
      for (const name of SORT_INDEXES) table.dropIndex([], name);
    });
    const before = await indexes(knex);
    for (const name of SORT_INDEXES) expect(before).not.toContain(name);

    await knex.migrate.latest(MIGRATIONS);
    expect(await indexes(knex)).toEqual(expect.arrayContaining(SORT_INDEXES));
    // and running it on a database that has them changes nothing
    await knex.migrate.down(MIGRATIONS);
    await knex.migrate.latest(MIGRATIONS);
    expect(await indexes(knex)).toEqual(expect.arrayContaining(SORT_INDEXES));
  });

  it("upgrades a database from the previous release's schema: evaluations survive, decisions work", async () => {
    const knex = await databases.init(databaseId);
    // rows as the previous release stored them: swept, then the later
    // migrations rolled back (the sweep itself now writes newer columns)
    await knex.migrate.latest(MIGRATIONS);
    const settings = await readMeshAdvisorConfig(new ConfigReader(CONFIG));
    const catalog = new FakeCatalog(loadExampleEntities());
    const outcome = await runSweep({
      catalog: catalog.service,
      auth: mockServices.auth(),
      store: new DatabaseEvaluationStore(knex),
      logger: mockServices.logger.mock(),
      knowledgeBase: settings.knowledgeBase,
      platform: settings.platform,
    });
    expect(outcome).toMatchObject({ outcome: 'succeeded', services: SERVICES });
    while (
      `${await knex.migrate.currentVersion(MIGRATIONS)}.js` !==
      PREVIOUS_RELEASE.replace(/_.*/, '.js')
    )
      await knex.migrate.down(MIGRATIONS);
    expect(await tables(knex)).toEqual({
      ...all(EVALUATION_TABLES, true),
      ...all(DECISION_TABLES, false),
    });
    const before = await knex('mesh_advisor_evaluations').orderBy('entity_ref');
    const sweepsBefore = await knex('mesh_advisor_sweeps').orderBy('id');
    expect(before).toHaveLength(SERVICES);

    // the new release starts on it (no sweep yet) and migrates to the latest schema
    const { file, transition, get } = await startDecisionBackendOn(knex, {
      catalog,
      sweepAtStart: false,
    });
    expect(await tables(knex)).toEqual({
      ...all(EVALUATION_TABLES, true),
      ...all(DECISION_TABLES, true),
    });
    // the old columns as they were; the columns added since at their defaults
    const keep = (rows: any[], like: any[]) =>
      rows.map(r =>
        Object.fromEntries(Object.keys(like[0]).map(k => [k, r[k]])),
      );
    const upgraded = await knex('mesh_advisor_evaluations').orderBy(
      'entity_ref',
    );
    expect(keep(upgraded, before)).toEqual(before);
    expect(
      upgraded.every(r => Number(r.depth) === 1 && !r.catalog_version),
    ).toBe(true);
    expect(
      keep(await knex('mesh_advisor_sweeps').orderBy('id'), sweepsBefore),
    ).toEqual(sweepsBefore);

    const list = await get(OWNER, '/evaluations?limit=500');
    expect(list.status).toBe(200);
    expect(list.body.totalCount).toBe(SERVICES);
    expect(list.body.items.every((i: any) => i.decision === null)).toBe(true);

    // decisions work, against the evaluations the previous release stored
    const payments = before.find(
      r => r.entity_ref === 'component:default/payments-api',
    );
    const created = await file(OWNER, {});
    expect(created.status).toBe(201);
    expect(created.body.snapshot).toMatchObject({
      scope: 'service',
      evaluatedAt: new Date(Number(payments.evaluated_at)).toISOString(),
    });
    expect(
      (
        await transition(OWNER, created.body.id, {
          action: 'accept',
          version: 1,
        })
      ).status,
    ).toBe(200);
    const withDecision = await get(OWNER, '/evaluations?decision=accepted');
    expect(withDecision.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/payments-api',
    ]);
    expect(await count(knex, 'mesh_advisor_decision_events')).toBe(2);
  });

  it('resolves entities with two accepted decisions: the newest stays in force, the others are superseded by it, with an event', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.up({ ...MIGRATIONS, name: PREVIOUS_RELEASE });
    await knex.migrate.up({ ...MIGRATIONS, name: DECISIONS });
    await knex.migrate.up({ ...MIGRATIONS, name: SORT_INDEX_REPAIR });
    // as earlier builds could leave them: three accepted about payments-api
    // (two filed at the same time: the higher id counts as newer), one about ledger
    await knex('mesh_advisor_decisions').insert([
      decisionRow('p1', { status: 'accepted', version: 2, created_at: 10 }),
      decisionRow('p2', { status: 'accepted', version: 2, created_at: 20 }),
      decisionRow('p3', { status: 'accepted', version: 2, created_at: 20 }),
      decisionRow('n1', { status: 'proposed', created_at: 30 }),
      decisionRow('l1', {
        status: 'accepted',
        version: 2,
        entity_ref: 'component:default/ledger',
      }),
    ]);
    await knex.migrate.latest(MIGRATIONS);

    const rows = await knex('mesh_advisor_decisions').orderBy('id');
    const byId = Object.fromEntries(rows.map(r => [r.id, r]));
    expect(byId.p3).toMatchObject({ status: 'accepted', superseded_by: null });
    for (const id of ['p1', 'p2']) {
      expect(byId[id]).toMatchObject({
        status: 'superseded',
        superseded_by: 'p3',
      });
      expect(Number(byId[id].version)).toBe(3);
    }
    expect(byId.n1.status).toBe('proposed');
    expect(byId.l1.status).toBe('accepted');
    const events = await knex('mesh_advisor_decision_events').orderBy(
      'decision_id',
    );
    expect(
      events.map(e => [e.decision_id, e.type, e.from_status, e.to_status]),
    ).toEqual([
      ['p1', 'superseded', 'accepted', 'superseded'],
      ['p2', 'superseded', 'accepted', 'superseded'],
    ]);
    expect(events.map(e => Number(e.version))).toEqual([3, 3]);
    expect(events[0].note).toContain('p3');
    // and from now on the database refuses a second one
    expect(
      await uniqueViolation(
        knex('mesh_advisor_decisions')
          .where('id', 'n1')
          .update({ status: 'accepted' }),
      ),
    ).toBe(true);
  });
});
