/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectHandled", "get", "post"] }] */
import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { as, OWNER } from './__testUtils__/decisionHarness';
import {
  deep,
  fuzzedBackend,
  long,
  nasty,
  oneBad,
  RUNS,
} from './__testUtils__/fuzzHarness';
import { MAX_BODY_BYTES } from './http/requestGuards';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'fuzzing the API bodies on %s',
  databaseId => {
    const { backend, post } = fuzzedBackend(databases, databaseId);

    it('POST /evaluate: random, huge and deeply nested bodies, random annotations', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue(),
            fc.record({ entity: fc.jsonValue() }),
            deep,
            long.map(s => `{"entity":"${s}"}`),
            fc
              .record({
                annotations: fc.dictionary(
                  fc.oneof(
                    nasty.map(k => `mesh-advisor.io/${k}`),
                    fc.constantFrom(
                      'mesh-advisor.io/requires',
                      'mesh-advisor.io/prefers',
                      'mesh-advisor.io/replicas',
                    ),
                  ),
                  fc.oneof(nasty, long),
                ),
                callChainDepth: fc.oneof(fc.integer(), fc.double()),
              })
              .map(({ annotations, callChainDepth }) => ({
                entity: {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'Component',
                  metadata: { name: 'what-if', annotations },
                  spec: { type: 'service' },
                },
                callChainDepth,
              })),
          ),
          body => post('/evaluate', body as object),
        ),
        { numRuns: RUNS },
      );
    });

    it('POST /decisions and transitions: random fields, NUL bytes, non-finite versions', async () => {
      const decision = fc.record({
        entityRef: fc.constant('component:default/payments-api'),
        chosen: fc.constant('linkerd'),
        title: fc.constant('Adopt Linkerd'),
        rationale: fc.constant('mTLS without sidecar tuning.'),
      });
      const transition = fc.record({
        action: fc.constantFrom('accept', 'reject'),
        version: fc.constant(1),
      });
      await fc.assert(
        fc.asyncProperty(
          oneBad(
            decision,
            [
              'entityRef',
              'chosen',
              'title',
              'context',
              'rationale',
              'alternatives',
            ],
            fc.oneof(nasty, long, fc.array(nasty, { maxLength: 8 })),
          ),
          oneBad(
            transition,
            ['action', 'version', 'supersededBy', 'note'],
            fc.oneof(nasty, long, fc.double(), fc.integer()),
          ),
          async (body, change) => {
            await post('/decisions', body);
            await post(
              `/decisions/${backend().decisionId}/transitions`,
              change,
            );
            // numbers JSON cannot carry as such, written out as a client might
            await post(
              `/decisions/${backend().decisionId}/transitions`,
              '{"action":"accept","version":1e400}',
            );
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('answers 413 to a body over the limit, on every route that takes one', async () => {
      const body = JSON.stringify({ x: 'a'.repeat(MAX_BODY_BYTES) });
      for (const path of [
        '/evaluate',
        '/decisions',
        `/decisions/${backend().decisionId}/transitions`,
      ]) {
        const res = await backend()
          .harness.api.post(`/api/mesh-advisor${path}`)
          .set('Authorization', as(OWNER))
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(413);
      }
    });
  },
);
