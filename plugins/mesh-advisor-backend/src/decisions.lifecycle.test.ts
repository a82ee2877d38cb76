import { TestDatabases } from '@backstage/backend-test-utils';
import {
  OTHER,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(databases.eachSupportedId())(
  'decision lifecycle on %s',
  databaseId => {
    it('files, accepts and supersedes a decision; the newer one links back; history is append-only', async () => {
      const { file, transition, get, knex } = await startDecisionBackend(
        databases,
        databaseId,
      );

      const first = await file(OWNER, {
        chosen: 'linkerd',
        alternatives: ['istio-sidecar', 'linkerd', 'istio-sidecar'],
        context: '  Payments needs mTLS.  ',
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        entityRef: 'component:default/payments-api',
        chosen: 'linkerd',
        status: 'proposed',
        version: 1,
        author: OWNER,
        context: 'Payments needs mTLS.',
        // deduplicated, without the chosen option
        alternatives: ['istio-sidecar'],
        supersedes: null,
        supersededBy: null,
      });
      expect(first.body.id).toMatch(UUID);
      const id1 = first.body.id;

      const accepted = await transition(OWNER, id1, {
        action: 'accept',
        version: 1,
        note: 'agreed in the review',
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        id: id1,
        status: 'accepted',
        version: 2,
      });

      const second = await file(OWNER, {
        chosen: 'istio-sidecar',
        title: 'Move payments to Istio sidecars',
      });
      expect(second.status).toBe(201);
      const id2 = second.body.id;

      const superseded = await transition(OWNER, id1, {
        action: 'supersede',
        version: 2,
        supersededBy: id2,
        note: 'JWT at the proxy',
      });
      expect(superseded.status).toBe(200);
      expect(superseded.body).toMatchObject({
        id: id1,
        status: 'superseded',
        version: 3,
        supersededBy: id2,
        supersedes: null,
      });

      const newer = await get(OTHER, `/decisions/${id2}`);
      expect(newer.status).toBe(200);
      // the link both ways; the newer decision's own state is untouched
      expect(newer.body).toMatchObject({
        id: id2,
        status: 'proposed',
        version: 1,
        supersedes: id1,
        supersededBy: null,
      });

      const older = await get(OTHER, `/decisions/${id1}`);
      expect(older.status).toBe(200);
      expect(older.body.events).toEqual([
        {
          type: 'created',
          actor: OWNER,
          at: expect.any(String),
          fromStatus: null,
          toStatus: 'proposed',
          version: 1,
          note: null,
        },
        {
          type: 'accepted',
          actor: OWNER,
          at: expect.any(String),
          fromStatus: 'proposed',
          toStatus: 'accepted',
          version: 2,
          note: 'agreed in the review',
        },
        {
          type: 'superseded',
          actor: OWNER,
          at: expect.any(String),
          fromStatus: 'accepted',
          toStatus: 'superseded',
          version: 3,
          note: 'JWT at the proxy',
        },
      ]);

      // the newer one is accepted later; a third one is rejected
      expect(
        (await transition(OWNER, id2, { action: 'accept', version: 1 })).body,
      ).toMatchObject({ status: 'accepted', supersedes: id1 });
      const third = await file(OWNER, {
        chosen: 'none',
        title: 'No mesh for payments',
      });
      const rejected = await transition(OWNER, third.body.id, {
        action: 'reject',
        version: 1,
        note: 'PCI needs mTLS',
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', version: 2 });

      // nothing was deleted: three decisions, 3 + 2 + 2 events
      const [{ count: decisions }] = await knex('mesh_advisor_decisions').count(
        { count: '*' },
      );
      const [{ count: events }] = await knex(
        'mesh_advisor_decision_events',
      ).count({ count: '*' });
      expect(Number(decisions)).toBe(3);
      expect(Number(events)).toBe(7);
    });

    it('answers 409 naming the current version when the edited version is stale', async () => {
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
      );
      const { body: d } = await file(OWNER, {});
      expect(
        (await transition(OWNER, d.id, { action: 'accept', version: 1 }))
          .status,
      ).toBe(200);
      const stale = await transition(OWNER, d.id, {
        action: 'reject',
        version: 1,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.name).toBe('ConflictError');
      expect(stale.body.error.message).toContain('version 2');
      expect(stale.body.error.message).toContain('you edited version 1');
      const future = await transition(OWNER, d.id, {
        action: 'accept',
        version: 7,
      });
      expect(future.status).toBe(409);
      expect(future.body.error.message).toContain('version 2');
      expect((await get(OWNER, `/decisions/${d.id}`)).body.events).toHaveLength(
        2,
      );
    });
  },
);
