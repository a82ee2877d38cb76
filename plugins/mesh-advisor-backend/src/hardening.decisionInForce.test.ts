import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import {
  OTHER,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';
import {
  COOWNER,
  grants,
  LEDGER,
  PAYMENTS,
  PAYMENTS_Q,
} from './__testUtils__/hardeningFixtures';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'hardening: one decision in force on %s',
  databaseId => {
    it('one decision in force: P1 accepted, N1 supersedes it while proposed, P2 accepted, then N1 accepted → only N1 accepted', async () => {
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
        { grants, sweepAtStart: false },
      );
      const p1 = (await file(OWNER, { title: 'Decision P1' })).body;
      expect(
        (await transition(OWNER, p1.id, { action: 'accept', version: 1 }))
          .status,
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
        (await transition(OWNER, p2.id, { action: 'accept', version: 1 }))
          .status,
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
  },
);
