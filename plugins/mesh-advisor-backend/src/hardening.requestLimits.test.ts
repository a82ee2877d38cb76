import { TestDatabases } from '@backstage/backend-test-utils';
import { ANNOTATION_LIMITS } from '@mesh-advisor/plugin-mesh-advisor-common';
import {
  as,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';
import { grants } from './__testUtils__/hardeningFixtures';
import { MAX_BODY_BYTES } from './http/requestGuards';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'hardening: what requests may carry on %s',
  databaseId => {
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
      for (const limit of [
        'Infinity',
        '1.5',
        '1e400',
        '0',
        '501',
        '-1',
        'NaN',
      ]) {
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
      expect(
        (await get(OWNER, `/decisions?cursor=${cursor('a')}`)).status,
      ).toBe(400);

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
        'mesh-advisor.io/requires': 'x'.repeat(
          ANNOTATION_LIMITS.valueLength + 1,
        ),
      });
      expect(long.status).toBe(400);
      expect(long.body.error.message).toContain(
        `at most ${ANNOTATION_LIMITS.valueLength}`,
      );
      const many = await evaluate({
        'mesh-advisor.io/requires': Array(
          ANNOTATION_LIMITS.capabilityTokens + 1,
        )
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
  },
);
