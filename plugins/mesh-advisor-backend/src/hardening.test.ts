import { TestDatabases } from '@backstage/backend-test-utils';
import { ANNOTATION_LIMITS } from '@mesh-advisor/plugin-mesh-advisor-common';
import fc from 'fast-check';
import {
  as,
  DEFAULT_GRANTS,
  OTHER,
  OUTSIDER,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';
import { MAX_BODY_BYTES } from './http/requestGuards';
import { SWEEP_FAILURES } from './service/sweep';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
/** A second owner of the payments services. */
const COOWNER = 'user:default/amara.okafor';
const grants = { ...DEFAULT_GRANTS, [COOWNER]: DEFAULT_GRANTS[OWNER] };
const PAYMENTS = 'component:default/payments-api';
const LEDGER = 'component:default/ledger';
const PAYMENTS_Q = encodeURIComponent(PAYMENTS);

/** Nothing a client sends may reveal where the backend's dependencies live or what failed inside. */
function expectNoInternals(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(
    /127\.0\.0\.1|ECONNREFUSED|localhost:\d|select |insert |update "|\bat [\w.]+ \(/i,
  );
}

describe.each(databases.eachSupportedId())('hardening on %s', databaseId => {
  it('one decision in force: P1 accepted, N1 supersedes it while proposed, P2 accepted, then N1 accepted → only N1 accepted', async () => {
    const { file, transition, get } = await startDecisionBackend(
      databases,
      databaseId,
      { grants, sweepAtStart: false },
    );
    const p1 = (await file(OWNER, { title: 'Decision P1' })).body;
    expect(
      (await transition(OWNER, p1.id, { action: 'accept', version: 1 })).status,
    ).toBe(200);
    const p2 = (await file(OWNER, { title: 'Decision P2' })).body;
    const n1 = (await file(OWNER, { title: 'Decision N1' })).body;
    const sup = await transition(OWNER, p1.id, {
      action: 'supersede',
      version: 2,
      supersededBy: n1.id,
    });
    expect(sup.status).toBe(200);
    expect(
      (await transition(OWNER, p2.id, { action: 'accept', version: 1 })).status,
    ).toBe(200);
    const acceptN1 = await transition(OWNER, n1.id, {
      action: 'accept',
      version: 1,
    });
    expect(acceptN1.status).toBe(200);
    expect(acceptN1.body).toMatchObject({ supersedes: p1.id });

    const accepted = await get(
      OWNER,
      `/decisions?status=accepted&entityRef=${PAYMENTS_Q}`,
    );
    expect(accepted.body.items.map((d: any) => d.id)).toEqual([n1.id]);
    const p2After = await get(OWNER, `/decisions/${p2.id}`);
    expect(p2After.body).toMatchObject({
      status: 'superseded',
      supersededBy: n1.id,
      version: 3,
    });
    expect(p2After.body.events.map((e: any) => e.type)).toEqual([
      'created',
      'accepted',
      'superseded',
    ]);
  });

  it('random create/accept/reject/supersede sequences by several users: after every step at most one accepted per entity, versions gap-free, history complete', async () => {
    const { file, transition, knex } = await startDecisionBackend(
      databases,
      databaseId,
      { grants, sweepAtStart: false },
    );
    const users = [OWNER, COOWNER, OTHER];
    const entities = [PAYMENTS, LEDGER];
    type Step =
      | { op: 'create'; user: number; entity: number }
      | {
          op: 'accept' | 'reject';
          user: number;
          pick: number;
          stale: boolean;
        }
      | {
          op: 'supersede';
          user: number;
          pick: number;
          by: number;
          stale: boolean;
        };
    const user = fc.nat({ max: users.length - 1 });
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        op: fc.constant('create' as const),
        user,
        entity: fc.nat({ max: entities.length - 1 }),
      }),
      fc.record({
        op: fc.constantFrom('accept' as const, 'reject' as const),
        user,
        pick: fc.nat(),
        stale: fc.boolean(),
      }),
      fc.record({
        op: fc.constant('supersede' as const),
        user,
        pick: fc.nat(),
        by: fc.nat(),
        stale: fc.boolean(),
      }),
    );

    async function checkInvariants() {
      const rows = await knex('mesh_advisor_decisions');
      const events = await knex('mesh_advisor_decision_events').orderBy([
        'decision_id',
        'version',
      ]);
      for (const entity of entities) {
        expect(
          rows.filter(r => r.entity_ref === entity && r.status === 'accepted')
            .length,
        ).toBeLessThanOrEqual(1);
      }
      for (const r of rows) {
        const history = events.filter(e => e.decision_id === r.id);
        // one event per version, 1…version, each starting where the last ended
        expect(history.map(e => Number(e.version))).toEqual(
          Array.from({ length: Number(r.version) }, (_, i) => i + 1),
        );
        expect(history[0]).toMatchObject({
          type: 'created',
          from_status: null,
          to_status: 'proposed',
        });
        for (let i = 1; i < history.length; i++)
          expect(history[i].from_status).toBe(history[i - 1].to_status);
        expect(history[history.length - 1].to_status).toBe(r.status);
      }
      // every `supersedes` link points at a superseded decision about the same entity
      const links = rows
        .filter(r => r.supersedes)
        .map(r => rows.find(o => o.id === r.supersedes));
      for (const old of links)
        expect(old).toMatchObject({ status: 'superseded' });
    }

    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 5, maxLength: 25 }),
        async steps => {
          await knex('mesh_advisor_decision_events').delete();
          await knex('mesh_advisor_decisions').delete();
          const ids: string[] = [];
          for (const s of steps) {
            let res: { status: number; body?: any } = { status: 0 };
            if (s.op === 'create') {
              res = await file(users[s.user], {
                entityRef: entities[s.entity],
                title: `decision ${ids.length}`,
              });
              if (res.status === 201) ids.push(res.body.id);
            } else if (ids.length) {
              const id = ids[s.pick % ids.length];
              const row = await knex('mesh_advisor_decisions')
                .where('id', id)
                .first('version');
              const version = Number(row.version) - (s.stale ? 1 : 0);
              res = await transition(users[s.user], id, {
                action: s.op,
                version,
                ...(s.op === 'supersede'
                  ? { supersededBy: ids[s.by % ids.length] }
                  : {}),
              });
            }
            expect(res.status).toBeLessThan(500);
            await checkInvariants();
          }
        },
      ),
      { numRuns: 12 },
    );
  });

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

  it('refuses what the database cannot store or compare with 400, and bounds every request', async () => {
    const { api, get, file } = await startDecisionBackend(
      databases,
      databaseId,
      { grants, sweepAtStart: true },
    );
    const auth = { Authorization: as(OWNER) };

    // NUL in a text field or a query parameter
    for (const body of [
      { title: 'Adopt\u0000 Istio' },
      { context: 'x\u0000' },
      { rationale: 'because\u0000' },
    ]) {
      const res = await file(OWNER, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('NUL');
    }
    for (const path of [
      '/evaluations?q=a%00b',
      '/evaluations?system=%00',
      '/decisions?author=al%00ice',
      '/entities/default/component/pay%00ments/evaluation',
    ]) {
      const res = await get(OWNER, path);
      expect(res.status).toBe(400);
    }

    // limit: finite integers 1–500 only
    for (const limit of ['Infinity', '1.5', '1e400', '0', '501', '-1', 'NaN']) {
      for (const path of ['/evaluations', '/decisions']) {
        const res = await get(OWNER, `${path}?limit=${limit}`);
        expect(res.status).toBe(400);
      }
    }
    const page = await get(OWNER, '/evaluations?limit=500');
    expect(page.status).toBe(200);

    // cursors checked against the sort field's type
    const cursor = (v: unknown) =>
      Buffer.from(JSON.stringify({ v, r: 'x' })).toString('base64url');
    for (const [sort, v] of [
      ['score', 'a'],
      ['score', 1.5],
      ['score', 1e400],
      ['score', 2 ** 40],
      ['evaluatedAt', 'a'],
      ['evaluatedAt', 1.5],
      ['name', 7],
      ['name', 'a\u0000'],
    ] as const) {
      const res = await get(
        OWNER,
        `/evaluations?sort=${sort}&cursor=${cursor(v)}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('cursor');
    }
    expect((await get(OWNER, `/decisions?cursor=${cursor('a')}`)).status).toBe(
      400,
    );

    // bodies: 413 over the size limit, naming it
    const huge = await api
      .post('/api/mesh-advisor/evaluate')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'x', description: 'x'.repeat(MAX_BODY_BYTES) },
          },
        }),
      );
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toContain(String(MAX_BODY_BYTES));

    // annotations over their bounds: 400 naming the bound
    const evaluate = (annotations: Record<string, string>) =>
      api
        .post('/api/mesh-advisor/evaluate')
        .set(auth)
        .send({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'what-if', annotations },
            spec: { type: 'service' },
          },
        });
    const long = await evaluate({
      'mesh-advisor.io/requires': 'x'.repeat(ANNOTATION_LIMITS.valueLength + 1),
    });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain(
      `at most ${ANNOTATION_LIMITS.valueLength}`,
    );
    const many = await evaluate({
      'mesh-advisor.io/requires': Array(ANNOTATION_LIMITS.capabilityTokens + 1)
        .fill('a')
        .join(','),
    });
    expect(many.status).toBe(400);
    expect(many.body.error.message).toContain(
      `at most ${ANNOTATION_LIMITS.capabilityTokens}`,
    );
    // within the bounds, the issues are capped and the rest counted
    const keys = Object.fromEntries(
      Array.from({ length: ANNOTATION_LIMITS.keys - 1 }, (_, i) => [
        `mesh-advisor.io/unknown-${i}`,
        'x',
      ]),
    );
    const capped = await evaluate({
      ...keys,
      'mesh-advisor.io/requires': Array.from(
        { length: ANNOTATION_LIMITS.capabilityTokens },
        (_, i) => `nope${i}`,
      ).join(','),
    });
    expect(capped.status).toBe(200);
    expect(capped.body.issues).toHaveLength(ANNOTATION_LIMITS.issues + 1);
    expect(capped.body.issues[ANNOTATION_LIMITS.issues].message).toContain(
      `${
        ANNOTATION_LIMITS.keys -
        1 +
        ANNOTATION_LIMITS.capabilityTokens -
        ANNOTATION_LIMITS.issues
      } more`,
    );
    expect(JSON.stringify(capped.body).length).toBeLessThan(200_000);
  });
});

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
