import { TestDatabases } from '@backstage/backend-test-utils';
import {
  OUTSIDER,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';
import {
  grants,
  PAYMENTS,
  PAYMENTS_Q,
} from './__testUtils__/hardeningFixtures';
import { SWEEP_FAILURES } from './service/sweep';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
/** Nothing a client sends may reveal where the backend's dependencies live or what failed inside. */
function expectNoInternals(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(
    /127\.0\.0\.1|ECONNREFUSED|localhost:\d|select |insert |update "|\bat [\w.]+ \(/i,
  );
}

describe.each(databases.eachSupportedId())(
  'hardening: outages on %s',
  databaseId => {
    it('a catalog outage: the Mesh tab and the decisions list are served from the store marked stale to whoever may read everything, 503 with Retry-After to anyone else, never 500', async () => {
      const { catalog, file, get, transition, sweep, knex } =
        await startDecisionBackend(databases, databaseId, {
          grants,
          catalogRead: { [OUTSIDER]: 'conditional' },
        });
      const filed = await file(OWNER, {});
      expect(filed.status).toBe(201);
      catalog.down = true;
      await sweep();

      const tab = await get(
        OWNER,
        '/entities/default/component/payments-api/evaluation',
      );
      expect(tab.status).toBe(200);
      expect(tab.body).toMatchObject({ entityRef: PAYMENTS, stale: true });
      const live = await get(
        OWNER,
        '/entities/default/component/payments-api/evaluation?live=true',
      );
      expect(live.status).toBe(200);
      expect(live.body.stale).toBe(true);

      const list = await get(OWNER, `/decisions?entityRef=${PAYMENTS_Q}`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ stale: true });
      expect(list.body.items.map((d: any) => d.id)).toEqual([filed.body.id]);
      const one = await get(OWNER, `/decisions/${filed.body.id}`);
      expect(one.status).toBe(200);

      // Serving these to a caller whose read access the catalog decides would bypass it.
      for (const path of [
        '/entities/default/component/payments-api/evaluation',
        `/decisions?entityRef=${PAYMENTS_Q}`,
        `/decisions/${filed.body.id}`,
      ]) {
        const res = await get(OUTSIDER, path);
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expectNoInternals(res.body);
      }
      // Filing needs the catalog's word on the entity and the caller's permission.
      const refused = await file(OWNER, {});
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.body.error.message).toMatch(/catalog is unreachable/);
      expectNoInternals(refused.body);
      const transitioned = await transition(OWNER, filed.body.id, {
        action: 'accept',
        version: 1,
      });
      expect(transitioned.status).toBeLessThan(500);

      // as an earlier release stored a failed sweep: with the error text and the catalog's URL
      await knex('mesh_advisor_sweeps').insert({
        started_at: Date.now(),
        finished_at: Date.now(),
        outcome: 'failed',
        message:
          'catalog unreachable: request to http://catalog.internal:7007/api/catalog/entities failed, reason: connect ECONNREFUSED 10.0.0.5:7007',
      });
      const summary = await get(OWNER, '/summary');
      expect(summary.body.lastSweep).toMatchObject({
        outcome: 'failed',
        message: SWEEP_FAILURES.catalog,
      });
      expectNoInternals(summary.body);
      expect(JSON.stringify(summary.body)).not.toMatch(
        /catalog\.internal|10\.0\.0\.5/,
      );

      catalog.down = false;
      const back = await get(OUTSIDER, `/decisions?entityRef=${PAYMENTS_Q}`);
      expect(back.status).toBe(200);
      expect(back.body.stale).toBeUndefined();
    });
  },
);

const postgres = TestDatabases.create({ ids: ['POSTGRES_15'] });
const postgresIds = postgres.eachSupportedId();

(postgresIds.length
  ? describe.each(postgresIds)
  : describe.skip.each([['POSTGRES_15']]))(
  'database connections cut under load on %s',
  databaseId => {
    it('as a restart does: no acknowledged write is lost, and what failed answered 503, never 500', async () => {
      const { file, knex, get } = await startDecisionBackend(
        postgres,
        databaseId as 'POSTGRES_15',
        { sweepAtStart: false },
      );
      const responses: { status: number; body: any }[] = [];
      const writers = Array.from({ length: 6 }, async (_, w) => {
        for (let i = 0; i < 15; i++)
          responses.push(
            await file(OWNER, { title: `writer ${w} decision ${i}` }),
          );
      });
      // cut every other connection of the plugin's database, twice, while the writers run
      const cut = (async () => {
        for (let round = 0; round < 2; round++) {
          await new Promise(r => setTimeout(r, 150));
          await knex.raw(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
          );
        }
      })();
      await Promise.all([...writers, cut]);

      expect(responses).toHaveLength(90);
      const statuses = [...new Set(responses.map(r => r.status))].sort();
      expect(
        responses
          .filter(r => r.status !== 201 && r.status !== 503)
          .map(r => [r.status, r.body]),
      ).toEqual([]);
      expect(statuses).toContain(201);
      for (const r of responses.filter(x => x.status === 503))
        expect(JSON.stringify(r.body)).not.toMatch(/terminat|select|insert/i);
      const acknowledged = responses
        .filter(r => r.status === 201)
        .map(r => r.body.id);
      const stored = await knex('mesh_advisor_decisions').pluck('id');
      expect(stored).toEqual(expect.arrayContaining(acknowledged));
      // every stored decision has its created event (no half-written decision)
      const events = await knex('mesh_advisor_decision_events')
        .where('type', 'created')
        .pluck('decision_id');
      expect([...events].sort()).toEqual([...stored].sort());
      // and the backend is back to normal
      expect((await get(OWNER, '/decisions?limit=1')).status).toBe(200);
    });
  },
);
