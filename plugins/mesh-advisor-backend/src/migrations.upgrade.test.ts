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
import { loadExampleEntities, SERVICES } from './__testUtils__/exampleCatalog';
import { FakeCatalog } from './__testUtils__/fakeCatalog';
import {
  all,
  count,
  DECISION_TABLES,
  DECISIONS,
  decisionRow,
  EVALUATION_TABLES,
  PREVIOUS_RELEASE,
  SORT_INDEX_REPAIR,
  tables,
  uniqueViolation,
} from './__testUtils__/migrationHelpers';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'migrations: upgrading a database on %s',
  databaseId => {
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
      expect(outcome).toMatchObject({
        outcome: 'succeeded',
        services: SERVICES,
      });
      while (
        `${await knex.migrate.currentVersion(MIGRATIONS)}.js` !==
        PREVIOUS_RELEASE.replace(/_.*/, '.js')
      )
        await knex.migrate.down(MIGRATIONS);
      expect(await tables(knex)).toEqual({
        ...all(EVALUATION_TABLES, true),
        ...all(DECISION_TABLES, false),
      });
      const before = await knex('mesh_advisor_evaluations').orderBy(
        'entity_ref',
      );
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
      expect(byId.p3).toMatchObject({
        status: 'accepted',
        superseded_by: null,
      });
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
  },
);
