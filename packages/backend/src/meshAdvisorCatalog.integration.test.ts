import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ADMIN,
  ALICE,
  BOB,
  CAROL,
  DAVE,
  catalogYaml,
  startCatalogBackend,
  until,
} from './__testUtils__/catalogBackend';

jest.setTimeout(90_000);

type Api = ReturnType<typeof request>;
const as = (user: string) => mockCredentials.user.header(user);

/** Waits until the catalog has processed every entity, then sweeps once. */
async function sweepOnceCatalogIsReady(api: Api) {
  const seen: { last?: unknown } = {};
  // the catalog has processed every entity, relations included
  await until('catalog ready', async () => {
    const res = await api
      .get('/api/catalog/entities/by-query?filter=kind=component&limit=100')
      .set('Authorization', as(ADMIN));
    const items = res.body.items ?? [];
    return items.length === 8 &&
      items.every((e: any) =>
        e.relations?.some((r: any) => r.type === 'ownedBy'),
      )
      ? true
      : undefined;
  });
  const trigger = await api
    .post(
      '/api/mesh-advisor/.backstage/scheduler/v1/tasks/mesh-advisor-sweep/trigger',
    )
    .set('Authorization', as(ADMIN));
  expect(trigger.status).toBe(200);
  await until(
    'sweep',
    async () => {
      const res = await api
        .get('/api/mesh-advisor/summary')
        .set('Authorization', as(ADMIN));
      seen.last = [res.status, res.body];
      return res.body.lastSweep?.services === 7 ? true : undefined;
    },
    seen,
  );
}

/** The services whose evaluations Mesh Advisor lists to `user`. */
async function meshAdvisorSees(api: Api, user: string) {
  const res = await api
    .get('/api/mesh-advisor/evaluations?limit=500')
    .set('Authorization', as(user));
  expect(res.status).toBe(200);
  expect(res.body.totalCount).toBe(res.body.items.length);
  return res.body.items.map((i: any) => i.entityRef).sort();
}

/** The services the catalog shows `user`. */
async function catalogShows(api: Api, user: string) {
  const res = await api
    .get(
      '/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=500',
    )
    .set('Authorization', as(user));
  return res.body.items
    .map((e: any) => `component:${e.metadata.namespace}/${e.metadata.name}`)
    .sort();
}

const EXPECTED_READS: Record<string, string[]> = {
  [ALICE]: [
    'component:default/ledger',
    'component:default/notebook',
    'component:default/payments',
    'component:ops/ops-agent',
  ],
  [BOB]: [
    'component:default/billing',
    'component:default/shipping',
    'component:ops/ops-agent',
    'component:ops/ops-probe',
  ],
  [CAROL]: [
    'component:default/billing',
    'component:default/notebook',
    'component:default/shipping',
    'component:ops/ops-probe',
  ],
  [DAVE]: [],
};

/** freshness: the file changes, the catalog refreshes it, the evaluation follows */
async function expectReEvaluatedOnChange(api: Api, file: string) {
  const before = await api
    .get('/api/mesh-advisor/entities/default/component/payments/evaluation')
    .set('Authorization', as(ADMIN));
  expect(before.status).toBe(200);
  expect(before.body.catalogVersion).toEqual(expect.any(String));
  fs.writeFileSync(
    file,
    catalogYaml("{ mesh-advisor.io/requires: 'mtls, retries' }"),
  );
  const refreshed = await api
    .post('/api/catalog/refresh')
    .set('Authorization', as(ADMIN))
    .send({ entityRef: 'component:default/payments' });
  expect(refreshed.status).toBe(200);
  const served = await until('catalog serves the change', async () => {
    const res = await api
      .get('/api/catalog/entities/by-name/component/default/payments')
      .set('Authorization', as(ADMIN));
    return res.body.metadata?.annotations?.['mesh-advisor.io/requires']
      ? res.body
      : undefined;
  });
  const servedAt = Date.now();
  const after = await until('re-evaluated', async () => {
    const res = await api
      .get('/api/mesh-advisor/entities/default/component/payments/evaluation')
      .set('Authorization', as(ADMIN));
    return res.body.catalogVersion === served.metadata.etag
      ? res.body
      : undefined;
  });
  // well within the sweep's hour: by the event
  expect(Date.now() - servedAt).toBeLessThan(10_000);
  expect(Date.parse(after.evaluatedAt)).toBeGreaterThan(
    Date.parse(before.body.evaluatedAt),
  );
  expect(before.body.recommendation).not.toEqual(after.recommendation);
}

describe('Mesh Advisor with the real catalog and permission backends', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-advisor-catalog-'));
    file = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(file, catalogYaml());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('filters conditional read access in the database as the catalog does, and re-evaluates a changed catalog-info.yaml within seconds', async () => {
    const backend = await startCatalogBackend(file);
    const api = request(backend.server);
    await sweepOnceCatalogIsReady(api);

    expect(await meshAdvisorSees(api, ADMIN)).toHaveLength(7);
    for (const user of [ALICE, BOB, CAROL, DAVE]) {
      const ours = await meshAdvisorSees(api, user);
      expect(ours).toEqual(await catalogShows(api, user));
      expect(ours).toEqual(EXPECTED_READS[user]);
    }

    await expectReEvaluatedOnChange(api, file);
    await backend.stop();
  });
});
