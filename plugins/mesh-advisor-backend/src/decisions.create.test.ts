import { TestDatabases } from '@backstage/backend-test-utils';
import { OWNER, startDecisionBackend } from './__testUtils__/decisionHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'filing decisions on %s',
  databaseId => {
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
  },
);
