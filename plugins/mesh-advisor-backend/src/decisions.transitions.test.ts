import { TestDatabases } from '@backstage/backend-test-utils';
import {
  OTHER,
  OWNER,
  startDecisionBackend,
  UNKNOWN_ID,
} from './__testUtils__/decisionHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'decision transitions and supersedes links on %s',
  databaseId => {
    it('validates transitions with 400 naming the field', async () => {
      const { file, transition } = await startDecisionBackend(
        databases,
        databaseId,
      );
      const { body: a } = await file(OWNER, { title: 'First' });
      const { body: other } = await file(OWNER, {
        entityRef: 'component:default/ledger',
        title: 'Ledger',
      });
      const { body: rejected } = await file(OWNER, { title: 'Rejected' });
      await transition(OWNER, rejected.id, { action: 'reject', version: 1 });

      for (const [body, field] of [
        [{ action: 'accept' }, 'version'],
        [{ action: 'delete', version: 1 }, 'action'],
        [{ action: 'accept', version: 0 }, 'version'],
        [{ action: 'accept', version: 1, author: OTHER }, 'author'],
        [
          { action: 'accept', version: 1, supersededBy: other.id },
          'supersededBy',
        ],
        [{ action: 'supersede', version: 1 }, 'supersededBy'],
        [
          { action: 'supersede', version: 1, supersededBy: 'nope' },
          'supersededBy',
        ],
        [
          { action: 'supersede', version: 1, supersededBy: a.id },
          'supersededBy',
        ],
        // only an accepted decision can be superseded
        [
          { action: 'supersede', version: 1, supersededBy: rejected.id },
          'action',
        ],
      ] as const) {
        const res = await transition(OWNER, a.id, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.error.message).toContain(field);
      }

      expect(
        (await transition(OWNER, a.id, { action: 'accept', version: 1 }))
          .status,
      ).toBe(200);
      for (const [body, field] of [
        [{ action: 'accept', version: 2 }, 'action'],
        [{ action: 'reject', version: 2 }, 'action'],
        [
          { action: 'supersede', version: 2, supersededBy: other.id },
          'supersededBy',
        ], // another entity
        [
          { action: 'supersede', version: 2, supersededBy: rejected.id },
          'supersededBy',
        ], // rejected
        [
          { action: 'supersede', version: 2, supersededBy: UNKNOWN_ID },
          'supersededBy',
        ],
      ] as const) {
        const res = await transition(OWNER, a.id, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.error.message).toContain(field);
      }
      // rejected and superseded are final
      expect(
        (await transition(OWNER, rejected.id, { action: 'accept', version: 2 }))
          .status,
      ).toBe(400);
    });

    it('accepting a decision supersedes the one accepted before it; an older one cannot replace a newer', async () => {
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
      );
      const filed = async (title: string) => {
        const { status, body } = await file(OWNER, { title });
        expect(status).toBe(201);
        await new Promise(r => setTimeout(r, 5)); // distinct creation times
        return body.id as string;
      };
      const a = await filed('Decision A');
      const b = await filed('Decision B');
      const c = await filed('Decision C');
      const d = await filed('Decision D');
      await transition(OWNER, a, { action: 'accept', version: 1 });

      const accepted = await transition(OWNER, b, {
        action: 'accept',
        version: 1,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        status: 'accepted',
        supersedes: a,
      });
      const { body: previous } = await get(OWNER, `/decisions/${a}`);
      expect(previous).toMatchObject({
        status: 'superseded',
        supersededBy: b,
        version: 3,
      });
      expect(previous.events[2]).toMatchObject({
        type: 'superseded',
        actor: OWNER,
        fromStatus: 'accepted',
        toStatus: 'superseded',
        version: 3,
        note: `Superseded by ${b} on its acceptance`,
      });
      const inForce = async () =>
        (
          await get(
            OWNER,
            `/decisions?entityRef=${encodeURIComponent(
              'component:default/payments-api',
            )}&status=accepted`,
          )
        ).body.items.map((i: { id: string }) => i.id);
      expect(await inForce()).toEqual([b]);

      // D, the newest, replaces B; C, filed before D, can no longer be accepted
      await transition(OWNER, d, { action: 'accept', version: 1 });
      expect(await inForce()).toEqual([d]);
      const older = await transition(OWNER, c, {
        action: 'accept',
        version: 1,
      });
      expect(older.status).toBe(400);
      expect(older.body.error.message).toBe(
        `action: ${d}, filed after this decision, is accepted for component:default/payments-api, and an older decision cannot replace it; reject this one, or file a new decision`,
      );
      expect((await get(OWNER, `/decisions/${c}`)).body).toMatchObject({
        status: 'proposed',
        version: 1,
      });
      expect(await inForce()).toEqual([d]);
      // the overview shows the decision in force
      const row = await get(OWNER, '/evaluations?q=payments-api');
      expect(row.body.items[0].decision).toMatchObject({
        id: d,
        status: 'accepted',
      });
    });

    it('links supersedes one to one, and only to a newer decision', async () => {
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
      );
      const ids: string[] = [];
      for (const title of ['One', 'Two', 'Three', 'Four']) {
        ids.push((await file(OWNER, { title })).body.id);
        await new Promise(r => setTimeout(r, 5)); // distinct creation times
      }
      const [one, two, three, four] = ids;
      await transition(OWNER, one, { action: 'accept', version: 1 });
      // a proposed newer decision supersedes the accepted one
      expect(
        (
          await transition(OWNER, one, {
            action: 'supersede',
            version: 2,
            supersededBy: three,
          })
        ).status,
      ).toBe(200);
      await transition(OWNER, two, { action: 'accept', version: 1 });
      const again = await transition(OWNER, two, {
        action: 'supersede',
        version: 2,
        supersededBy: three,
      });
      expect(again.status).toBe(400);
      expect(again.body.error.message).toContain(
        `supersededBy: ${three} already supersedes ${one}`,
      );
      // Four, accepted, replaces Two; Three, filed before Four, cannot supersede it
      await transition(OWNER, four, { action: 'accept', version: 1 });
      const olderLink = await transition(OWNER, four, {
        action: 'supersede',
        version: 2,
        supersededBy: three,
      });
      expect(olderLink.status).toBe(400);
      expect(olderLink.body.error.message).toContain(
        'only a newer decision can supersede',
      );
      const state = async (id: string) =>
        (await get(OWNER, `/decisions/${id}`)).body;
      expect(await state(one)).toMatchObject({
        status: 'superseded',
        supersededBy: three,
      });
      expect(await state(two)).toMatchObject({
        status: 'superseded',
        supersededBy: four,
      });
      expect(await state(three)).toMatchObject({
        status: 'proposed',
        supersedes: one,
      });
      expect(await state(four)).toMatchObject({
        status: 'accepted',
        version: 2,
        supersedes: two,
        supersededBy: null,
      });
    });
  },
);
