import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS } from './database/migrations';
import { OWNER } from './__testUtils__/decisionHarness';
import {
  all,
  DECISION_TABLES,
  DECISIONS,
  decisionRow,
  EVALUATION_TABLES,
  indexes,
  ONE_ACCEPTED,
  PREVIOUS_RELEASE,
  SORT_INDEXES,
  tables,
  uniqueViolation,
} from './__testUtils__/migrationHelpers';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'migrations: the schema on %s',
  databaseId => {
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
        await uniqueViolation(
          knex('mesh_advisor_decision_events').insert(event),
        ),
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
  },
);
