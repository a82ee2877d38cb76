import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TestDatabases } from '@backstage/backend-test-utils';
import { ANNOTATION_LIMITS } from '@mesh-advisor/plugin-mesh-advisor-common';
import {
  as,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';

jest.setTimeout(180_000);

// A full collection before each heap reading, whether or not node ran with --expose-gc.
setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const REQUESTS = 1000;
const PARALLEL = 8;
const MiB = 1024 * 1024;

/**
 * The most work one POST /evaluate may ask for: as many annotations as
 * allowed, each value as long as allowed, every capability unknown (each
 * one an issue with a "did you mean"), every request different.
 */
function worstCase(i: number) {
  const annotations: Record<string, string> = {};
  for (const key of ['requires', 'prefers']) {
    const tokens = Array.from(
      { length: ANNOTATION_LIMITS.capabilityTokens },
      (_, t) => `${key}-${i}-${t}`.padEnd(14, 'x'),
    );
    annotations[`mesh-advisor.io/${key}`] = tokens
      .join(',')
      .slice(0, ANNOTATION_LIMITS.valueLength);
  }
  for (let k = 2; k < ANNOTATION_LIMITS.keys; k++)
    annotations[`mesh-advisor.io/unknown-${i}-${k}`] = 'v'.repeat(
      ANNOTATION_LIMITS.valueLength,
    );
  return {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `what-if-${i}`, annotations },
      spec: { type: 'service' },
    },
  };
}

it(`keeps the heap within 50 MiB over ${REQUESTS} worst-case POST /evaluate`, async () => {
  const { api } = await startDecisionBackend(databases, 'SQLITE_3', {
    sweepAtStart: false,
  });
  const auth = as(OWNER);
  const send = async (i: number) => {
    const res = await api
      .post('/api/mesh-advisor/evaluate')
      .set('Authorization', auth)
      .send(worstCase(i));
    expect(res.status).toBe(200);
    // bounded answer: the issues cap holds however many problems there are
    expect(res.body.issues.length).toBeLessThanOrEqual(
      ANNOTATION_LIMITS.issues + 1,
    );
    return JSON.stringify(res.body).length;
  };
  // warm up (lazy module state, caches that are meant to fill), then measure
  for (let i = 0; i < 50; i++) await send(i);
  gc();
  const before = process.memoryUsage().heapUsed;
  let largest = 0;
  for (let i = 0; i < REQUESTS; i += PARALLEL) {
    const sizes = await Promise.all(
      Array.from({ length: PARALLEL }, (_, j) => send(10_000 + i + j)),
    );
    largest = Math.max(largest, ...sizes);
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  expect((after - before) / MiB).toBeLessThan(50);
  expect(largest).toBeLessThan(256 * 1024);
});
