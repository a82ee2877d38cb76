import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseDecisionStore } from './database/DatabaseDecisionStore';
import { MIGRATIONS } from './database/migrations';
import { grants, shuffle } from './__testUtils__/concurrency';
import { OWNER, startDecisionBackend } from './__testUtils__/decisionHarness';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

// The requirement is about PostgreSQL (real concurrent transactions); SQLite
// runs the same race through its single connection as a cross-check.
describe.each(databases.eachSupportedId())(
  'racing changes of one decision on %s',
  databaseId => {
    it('racing accepts of ten proposals about one entity leave one decision in force', async () => {
      const { file, transition, knex } = await startDecisionBackend(
        databases,
        databaseId,
        { grants },
      );
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        ids.push((await file(OWNER, { title: `proposal ${i}` })).body.id);
        await new Promise(r => setTimeout(r, 2)); // distinct creation times
      }
      const results = await Promise.all(
        shuffle(ids).map(id =>
          transition(OWNER, id, { action: 'accept', version: 1 }),
        ),
      );
      // each accept either replaced the decision in force or was refused as older than it
      for (const r of results) expect([200, 400]).toContain(r.status);
      const rows = await knex('mesh_advisor_decisions').whereIn('id', ids);
      const accepted = rows.filter(r => r.status === 'accepted');
      expect(accepted).toHaveLength(1);
      // every other accepted one was superseded, each by the one accepted after it
      const superseded = rows.filter(r => r.status === 'superseded');
      expect(superseded).toHaveLength(
        results.filter(r => r.status === 200).length - 1,
      );
      for (const d of superseded)
        expect(rows.find(r => r.id === d.superseded_by)?.supersedes).toBe(d.id);
    });

    it('the store guard alone: 20 changes of the same version, one lands', async () => {
      // Bypasses the service's pre-check, so every racer reaches the database.
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(MIGRATIONS);
      const store = new DatabaseDecisionStore(knex);
      const d = await store.create(
        {
          entityRef: 'component:default/ledger',
          chosen: 'linkerd',
          title: 'Ledger',
          context: '',
          rationale: 'why',
          alternatives: [],
          author: OWNER,
          snapshot: null,
        },
        new Date(),
      );
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.changeStatus(
            {
              id: d.id,
              expectedVersion: 1,
              from: 'proposed',
              to: i % 2 ? 'rejected' : 'accepted',
              event: i % 2 ? 'rejected' : 'accepted',
              actor: `user:default/u${i}`,
            },
            new Date(),
          ),
        ),
      );
      expect(results.filter(r => r.outcome === 'changed')).toHaveLength(1);
      expect(
        results
          .filter(r => r.outcome === 'conflict')
          .map(r => (r as { current: number }).current),
      ).toEqual(Array(19).fill(2));
      const events = await store.events(d.id);
      expect(events.map(e => e.version)).toEqual([1, 2]);
      expect((await store.get(d.id))!.status).toBe(events[1].toStatus);
    });
  },
);
