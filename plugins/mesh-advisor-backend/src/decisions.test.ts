import fs from 'node:fs';
import path from 'node:path';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { parse as parseYaml } from 'yaml';
import { loadExampleEntities } from './__testUtils__/exampleCatalog';
import { FakeCatalog } from './__testUtils__/fakeCatalog';
import {
  OTHER,
  OUTSIDER,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const FIXTURES = path.join(__dirname, 'service', '__fixtures__');

/**
 * Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it. Ids and times
 * vary per run, so they are replaced by stable names first.
 */
function expectGolden(name: string, actual: string) {
  const file = path.join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(FIXTURES, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  if (!fs.existsSync(file))
    throw new Error(
      `No golden file ${file}; run the test with UPDATE_GOLDEN=1 to write it`,
    );
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

function normalise(markdown: string, ids: Record<string, string>) {
  let out = markdown;
  for (const [id, label] of Object.entries(ids))
    out = out.split(id).join(label);
  return out
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
    .replace(/^date: \d{4}-\d\d-\d\d$/m, 'date: <date>');
}

describe.each(databases.eachSupportedId())(
  'mesh adoption decisions on %s',
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

    it('takes the author from the identity, never from the body', async () => {
      const { file, get } = await startDecisionBackend(databases, databaseId);
      const forged = await file(OWNER, { author: 'user:default/someone-else' });
      expect(forged.status).toBe(400);
      expect(forged.body.error.message).toContain('author');

      const res = await file(OWNER, {});
      expect(res.status).toBe(201);
      expect(res.body.author).toBe(OWNER);
      const events = (await get(OWNER, `/decisions/${res.body.id}`)).body
        .events;
      expect(events[0].actor).toBe(OWNER);
    });

    it('rejects invalid decisions with 400 naming the field', async () => {
      const { file } = await startDecisionBackend(databases, databaseId);
      const noTitle = await file(OWNER, { title: undefined });
      expect(noTitle.status).toBe(400);
      expect(noTitle.body.error.message).toContain('title');

      for (const [body, field] of [
        [{ title: '  a   ' }, 'title'],
        [{ rationale: '  ' }, 'rationale'],
        [{ chosen: 'consul' }, 'chosen'],
        [{ chosen: undefined }, 'chosen'],
        [{ entityRef: 'not a ref' }, 'entityRef'],
        [{ entityRef: 'payments-api' }, 'entityRef'],
        [{ entityRef: 'api:default/checkout-v1' }, 'entityRef'],
        [{ entityRef: 'component:default/marketing-site' }, 'entityRef'],
        [{ alternatives: ['consul'] }, 'alternatives'],
        [{ snapshot: {} }, 'snapshot'],
        [{ status: 'accepted' }, 'status'],
      ] as const) {
        const res = await file(OWNER, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.error.message).toContain(field);
      }
    });

    it('answers 404 for unknown entities and decisions, and for entities the user may not read', async () => {
      const catalog = new FakeCatalog(loadExampleEntities());
      catalog.visibleTo.set(
        OUTSIDER,
        new Set(['component:default/checkout-api']),
      );
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
        {
          catalog,
          grants: {
            [OWNER]: ['component:default/payments-api'],
            [OUTSIDER]: [
              'component:default/payments-api',
              'component:default/checkout-api',
            ],
          },
        },
      );
      const missing = await file(OWNER, {
        entityRef: 'component:default/nope',
      });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('component:default/nope');

      for (const p of [
        `/decisions/${UNKNOWN_ID}`,
        `/decisions/${UNKNOWN_ID}/adr.md`,
      ]) {
        expect((await get(OWNER, p)).status).toBe(404);
      }
      expect(
        (await transition(OWNER, UNKNOWN_ID, { action: 'accept', version: 1 }))
          .status,
      ).toBe(404);
      // not a uuid: the path parameter is validated
      expect((await get(OWNER, '/decisions/not-an-id')).status).toBe(400);

      const { body: d } = await file(OWNER, {});
      // the outsider cannot read payments-api: its decisions do not exist for them,
      // even though the permission would allow it
      expect((await get(OUTSIDER, `/decisions/${d.id}`)).status).toBe(404);
      expect((await get(OUTSIDER, `/decisions/${d.id}/adr.md`)).status).toBe(
        404,
      );
      const tr = await transition(OUTSIDER, d.id, {
        action: 'accept',
        version: 1,
      });
      expect(tr.status).toBe(404);
      expect(tr.body.error.message).not.toContain('payments-api');
      expect((await file(OUTSIDER, {})).status).toBe(404);
      const list = await get(OUTSIDER, '/decisions');
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
      // and nothing changed
      expect((await get(OWNER, `/decisions/${d.id}`)).body).toMatchObject({
        status: 'proposed',
        version: 1,
      });
    });

    it('answers 403 to users without the permission, 401 without credentials', async () => {
      const { file, transition, get, api, permissions } =
        await startDecisionBackend(databases, databaseId);
      const denied = await file(OTHER, {});
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain(
        'mesh-advisor.decision.create',
      );

      const { body: d } = await file(OWNER, {});
      const deniedTransition = await transition(OTHER, d.id, {
        action: 'accept',
        version: 1,
      });
      expect(deniedTransition.status).toBe(403);
      expect(deniedTransition.body.error.message).toContain(
        'mesh-advisor.decision.transition',
      );
      // the permission was asked about the entity, as the caller
      expect(permissions.asked).toContainEqual({
        user: OTHER,
        permission: 'mesh-advisor.decision.transition',
        resourceRef: 'component:default/payments-api',
      });
      expect(permissions.asked).toContainEqual({
        user: OWNER,
        permission: 'mesh-advisor.decision.create',
        resourceRef: 'component:default/payments-api',
      });
      // reading needs no mesh-advisor permission, only catalog read access
      expect((await get(OTHER, `/decisions/${d.id}`)).status).toBe(200);
      expect((await get(OWNER, `/decisions/${d.id}`)).body).toMatchObject({
        status: 'proposed',
        version: 1,
      });

      const none = mockCredentials.none.header();
      for (const req of [
        api.get('/api/mesh-advisor/decisions'),
        api.get(`/api/mesh-advisor/decisions/${d.id}`),
        api.get(`/api/mesh-advisor/decisions/${d.id}/adr.md`),
        api.post('/api/mesh-advisor/decisions').send({
          entityRef: 'component:default/payments-api',
          chosen: 'linkerd',
          title: 'abc',
          rationale: 'abc',
        }),
        api
          .post(`/api/mesh-advisor/decisions/${d.id}/transitions`)
          .send({ action: 'accept', version: 1 }),
      ]) {
        const res = await req.set('Authorization', none);
        expect(res.status).toBe(401);
      }
      // a service may read, but not file: there is nobody to name as author
      const service = mockCredentials.service.header();
      expect(
        (
          await api
            .get(`/api/mesh-advisor/decisions/${d.id}`)
            .set('Authorization', service)
        ).status,
      ).toBe(200);
      const byService = await api
        .post('/api/mesh-advisor/decisions')
        .set('Authorization', service)
        .send({
          entityRef: 'component:default/payments-api',
          chosen: 'linkerd',
          title: 'abc',
          rationale: 'abc',
        });
      expect(byService.status).toBe(403);
    });

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

    it('snapshots the evaluation a decision was made against', async () => {
      const { file, get, catalog, sweep } = await startDecisionBackend(
        databases,
        databaseId,
      );
      const evaluation = (
        await get(OWNER, '/entities/default/component/payments-api/evaluation')
      ).body;
      const { body: d } = await file(OWNER, {});
      expect(d.snapshot).toEqual({
        engineVersion: evaluation.engineVersion,
        knowledgeBaseVersion: evaluation.knowledgeBaseVersion,
        recommendation: {
          mesh: evaluation.recommendation.mesh,
          confidence: evaluation.recommendation.confidence,
          score: evaluation.recommendation.score,
        },
        scores: Object.fromEntries(
          evaluation.ranking.map((c: any) => [c.mesh, c.score]),
        ),
        evaluatedAt: evaluation.evaluatedAt,
        scope: 'service',
      });
      expect(d.snapshot.recommendation.mesh).toBe('istio-sidecar');
      expect(Object.keys(d.snapshot.scores).sort()).toEqual([
        'cilium',
        'istio-ambient',
        'istio-sidecar',
        'linkerd',
        'none',
      ]);

      // systems and groups decide for many services: the platform advice
      const summary = (await get(OWNER, '/summary')).body;
      const { body: sys } = await file(OWNER, {
        entityRef: 'system:default/payments',
        chosen: summary.platform.recommendation.mesh,
      });
      expect(sys.snapshot).toMatchObject({
        scope: 'platform',
        engineVersion: evaluation.engineVersion,
        knowledgeBaseVersion: evaluation.knowledgeBaseVersion,
        recommendation: {
          mesh: summary.platform.recommendation.mesh,
          confidence: summary.platform.recommendation.confidence,
        },
        evaluatedAt: expect.stringMatching(/^\d{4}-/),
      });
      expect(sys.snapshot.recommendation.score).toBe(
        summary.platform.ranking[0].meanScore,
      );
      const { body: group } = await file(OWNER, {
        entityRef: 'group:default/payments-team',
      });
      expect(group.snapshot.scope).toBe('platform');

      // a snapshot stays what it was when the requirements change later
      catalog.annotate('payments-api', { 'mesh-advisor.io/requires': 'mtls' });
      await sweep();
      const after = (
        await get(OWNER, '/entities/default/component/payments-api/evaluation')
      ).body;
      expect(after.evaluatedAt).not.toBe(evaluation.evaluatedAt);
      expect((await get(OWNER, `/decisions/${d.id}`)).body.snapshot).toEqual(
        d.snapshot,
      );
    });

    it('lists decisions newest first with filters and stable cursor pagination, following catalog visibility', async () => {
      const catalog = new FakeCatalog(loadExampleEntities());
      catalog.visibleTo.set(OUTSIDER, new Set(['component:default/ledger']));
      const grants = {
        [OWNER]: ['component:default/payments-api', 'component:default/ledger'],
        [OTHER]: ['component:default/checkout-api'],
      };
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
        { catalog, grants },
      );
      const filed: {
        id: string;
        entityRef: string;
        chosen: string;
        author: string;
      }[] = [];
      const plan = [
        [OWNER, 'component:default/payments-api', 'linkerd'],
        [OWNER, 'component:default/ledger', 'istio-ambient'],
        [OTHER, 'component:default/checkout-api', 'linkerd'],
        [OWNER, 'component:default/payments-api', 'istio-sidecar'],
        [OWNER, 'component:default/ledger', 'linkerd'],
        [OTHER, 'component:default/checkout-api', 'none'],
        [OWNER, 'component:default/payments-api', 'cilium'],
      ] as const;
      for (const [user, entityRef, chosen] of plan) {
        const res = await file(user, {
          entityRef,
          chosen,
          title: `${chosen} for ${entityRef}`,
        });
        expect(res.status).toBe(201);
        filed.push({ id: res.body.id, entityRef, chosen, author: user });
      }
      await transition(OWNER, filed[0].id, { action: 'accept', version: 1 });
      await transition(OWNER, filed[1].id, { action: 'reject', version: 1 });

      const all = await get(OWNER, '/decisions');
      expect(all.status).toBe(200);
      expect(all.body.nextCursor).toBeNull();
      // newest first
      expect(all.body.items.map((d: any) => d.id)).toEqual(
        sortNewestFirst(all.body.items).map(d => d.id),
      );
      expect(new Set(all.body.items.map((d: any) => d.id))).toEqual(
        new Set(filed.map(f => f.id)),
      );

      // query values must be URL-encoded (the OpenAPI validator refuses reserved characters)
      const encode = (query: string) =>
        query
          .split('&')
          .filter(Boolean)
          .map(kv => kv.split('=').map(encodeURIComponent).join('='))
          .join('&');
      const ids = async (query: string, user = OWNER) => {
        const res = await get(user, `/decisions?${encode(query)}`);
        expect({
          query,
          status: res.status,
          error: res.body.error?.message,
        }).toEqual({ query, status: 200, error: undefined });
        return new Set(res.body.items.map((d: any) => d.id));
      };
      const expected = (
        pred: (f: (typeof filed)[number], i: number) => boolean,
      ) => new Set(filed.filter(pred).map(f => f.id));
      expect(await ids('entityRef=component:default/payments-api')).toEqual(
        expected(f => f.entityRef === 'component:default/payments-api'),
      );
      // refs are case-insensitive and the namespace defaults
      expect(await ids('entityRef=Component:payments-api')).toEqual(
        expected(f => f.entityRef === 'component:default/payments-api'),
      );
      expect(await ids('status=accepted')).toEqual(expected((_, i) => i === 0));
      expect(await ids('status=rejected')).toEqual(expected((_, i) => i === 1));
      expect(await ids('status=proposed')).toEqual(expected((_, i) => i > 1));
      expect(await ids('chosen=linkerd')).toEqual(
        expected(f => f.chosen === 'linkerd'),
      );
      expect(await ids(`author=${OTHER}`)).toEqual(
        expected(f => f.author === OTHER),
      );
      expect(await ids('author=priya.raman')).toEqual(
        expected(f => f.author === OTHER),
      );
      expect(
        await ids('chosen=linkerd&entityRef=component:default/ledger'),
      ).toEqual(
        expected(
          f =>
            f.chosen === 'linkerd' &&
            f.entityRef === 'component:default/ledger',
        ),
      );
      // the outsider only sees decisions about ledger, in full pages
      expect(await ids('', OUTSIDER)).toEqual(
        expected(f => f.entityRef === 'component:default/ledger'),
      );
      const outsiderPage = await get(OUTSIDER, '/decisions?limit=1');
      expect(outsiderPage.body.items).toHaveLength(1);
      expect(outsiderPage.body.items[0].entityRef).toBe(
        'component:default/ledger',
      );

      for (const [query, field] of [
        ['status=bogus', 'status'],
        ['chosen=consul', 'chosen'],
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['cursor=garbage', 'cursor'],
        [
          `cursor=${Buffer.from(JSON.stringify({ v: 'x', r: 'y' })).toString(
            'base64url',
          )}`,
          'cursor',
        ],
        ['entityRef=nope', 'entityRef'],
      ]) {
        const res = await get(OWNER, `/decisions?${encode(query)}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.message).toContain(field);
      }

      // walk pages of 2; decisions filed and changed between pages neither repeat nor appear
      const seen: string[] = [];
      let cursor: string | null = null;
      let page = 0;
      do {
        const res: any = await get(
          OWNER,
          `/decisions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((d: any) => d.id));
        cursor = res.body.nextCursor;
        if (page++ === 0) {
          await file(OWNER, { title: 'Filed while paging' });
          await transition(OWNER, filed[3].id, {
            action: 'accept',
            version: 1,
          });
        }
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((d: any) => d.id));
    });

    it('renders a decision as a MADR document the ADR plugin can read (golden files)', async () => {
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
      );
      const { body: a } = await file(OWNER, {
        chosen: 'linkerd',
        alternatives: ['istio-ambient', 'none'],
        title: 'Run payments-api on Linkerd',
        context:
          'payments-api needs **mTLS** between services.\n\nThe team is small.',
        rationale: 'it is the lightest mesh that gives mTLS.',
      });
      await transition(OWNER, a.id, {
        action: 'accept',
        version: 1,
        note: 'architecture review',
      });
      const { body: b } = await file(OWNER, {
        chosen: 'istio-sidecar',
        alternatives: ['linkerd'],
        title: 'Move payments-api to Istio sidecars',
        rationale:
          'JWT validation and the PAN-redaction Wasm filter must run at the proxy.',
      });
      await transition(OWNER, a.id, {
        action: 'supersede',
        version: 2,
        supersededBy: b.id,
        note: 'Wasm\nneeded',
      });
      await transition(OWNER, b.id, { action: 'accept', version: 1 });
      const { body: c } = await file(OWNER, {
        entityRef: 'system:default/payments',
        chosen: 'istio-sidecar',
        title: 'One mesh for the payments system',
        rationale: 'one mesh to operate.',
      });
      const ids = {
        [a.id]: '<decision-a>',
        [b.id]: '<decision-b>',
        [c.id]: '<decision-c>',
      };

      for (const [d, name, status] of [
        [a, 'adr-superseded.md.golden', 'superseded'],
        [b, 'adr-accepted-supersedes.md.golden', 'accepted'],
        [c, 'adr-system-proposed.md.golden', 'proposed'],
      ] as const) {
        const res = await get(OTHER, `/decisions/${d.id}/adr.md`);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/markdown/);
        // what the ADR plugin reads: front matter with status and date, then the title
        const [, frontMatter, body] = res.text.match(
          /^---\n([\s\S]*?)\n---\n([\s\S]*)$/,
        )!;
        const attributes = parseYaml(frontMatter);
        expect(attributes.status).toBe(status);
        expect(String(attributes.date)).toBe(
          (await get(OWNER, `/decisions/${d.id}`)).body.updatedAt.slice(0, 10),
        );
        expect(attributes['decision-makers']).toEqual([OWNER]);
        expect(body.trimStart().split('\n')[0]).toBe(`# ${d.title}`);
        expectGolden(name, normalise(res.text, ids));
      }
    });
  },
);

function sortNewestFirst<T extends { createdAt: string; id: string }>(
  items: T[],
): T[] {
  return [...items].sort((x, y) => {
    if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? 1 : -1;
    return x.id < y.id ? 1 : -1;
  });
}
