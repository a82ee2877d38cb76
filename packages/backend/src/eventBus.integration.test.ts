import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import catalogModuleMeshAdvisor from '@mesh-advisor/plugin-catalog-backend-module-mesh-advisor';
import meshAdvisorPlugin from '@mesh-advisor/plugin-mesh-advisor-backend';
import request from 'supertest';

jest.setTimeout(90_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
// The events backend's bus crosses instances only on PostgreSQL (on SQLite
// it keeps events in memory, in one process): skipped without a server.
const describeOnPostgres = databases.eachSupportedId().length
  ? describe
  : describe.skip;

const catalogYaml = (annotations = '{}') => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments, annotations: ${annotations} }
spec: { type: service, lifecycle: production, owner: group:team-a }
`;

const urlOf = (backend: { server: { address(): unknown } }) =>
  `http://localhost:${(backend.server.address() as AddressInfo).port}`;

/**
 * Discovery for a backend without the catalog: `catalog` is the other
 * backend, as `discovery.endpoints` would say in a split deployment; every
 * other plugin is this backend (its URL known once it listens).
 */
function splitDiscovery(catalogUrl: string, ownUrl: Promise<string>) {
  return createServiceFactory({
    service: coreServices.discovery,
    deps: {},
    factory: () => {
      const base = async (pluginId: string) =>
        `${pluginId === 'catalog' ? catalogUrl : await ownUrl}/api/${pluginId}`;
      return { getBaseUrl: base, getExternalBaseUrl: base };
    },
  });
}

describeOnPostgres('the events backend between two backend instances', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-advisor-bus-'));
    file = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(file, catalogYaml());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('carries a change announced by the catalog in one instance to Mesh Advisor in the other, through PostgreSQL', async () => {
    // one test database, a schema per plugin in it; both instances share them
    const knex = await databases.init('POSTGRES_15');
    const connection = knex.client.config.connection as object;
    const config = (extra: object) =>
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: { ...connection },
              pluginDivisionMode: 'schema',
            },
          },
          // stopping a backend waits for the bus's open polls
          events: { notifyTimeoutMs: 1000 },
          ...extra,
        },
      });
    const shared = [eventsPlugin, eventsServiceFactory, databaseServiceFactory];

    // instance A: the catalog and the module that announces changes
    const catalogSide = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleMeshAdvisor,
        ...shared,
        config({
          catalog: {
            rules: [{ allow: ['Component', 'Location'] }],
            locations: [{ type: 'file', target: file }],
          },
        }),
      ],
    });
    // instance B: Mesh Advisor, reading the catalog from A
    let listening!: (url: string) => void;
    const ownUrl = new Promise<string>(r => (listening = r));
    const meshSide = await startTestBackend({
      features: [
        meshAdvisorPlugin,
        schedulerServiceFactory,
        splitDiscovery(urlOf(catalogSide), ownUrl),
        ...shared,
        config({
          meshAdvisor: {
            cacheSeconds: 0,
            // one sweep soon after start; the change must come by event
            schedule: {
              frequency: { minutes: 60 },
              initialDelay: { seconds: 1 },
            },
          },
        }),
      ],
    });
    listening(urlOf(meshSide));

    const admin = mockCredentials.user.header('user:default/admin');
    const catalogApi = request(catalogSide.server);
    const meshApi = request(meshSide.server);
    const until = async <T>(
      what: string,
      probe: () => Promise<T | undefined>,
    ) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
        await new Promise(r => setTimeout(r, 100));
      }
    };
    const evaluation = () =>
      meshApi
        .get('/api/mesh-advisor/entities/default/component/payments/evaluation')
        .set('Authorization', admin);

    const before = await until('first sweep through A', async () => {
      const res = await evaluation();
      return res.status === 200 ? res.body : undefined;
    });

    fs.writeFileSync(file, catalogYaml("{ mesh-advisor.io/requires: 'mtls' }"));
    await catalogApi
      .post('/api/catalog/refresh')
      .set('Authorization', admin)
      .send({ entityRef: 'component:default/payments' })
      .expect(200);
    const served = await until('A serves the change', async () => {
      const res = await catalogApi
        .get('/api/catalog/entities/by-name/component/default/payments')
        .set('Authorization', admin);
      return res.body.metadata?.annotations?.['mesh-advisor.io/requires']
        ? res.body
        : undefined;
    });
    const servedAt = Date.now();
    const after = await until('B re-evaluates', async () => {
      const res = await evaluation();
      return res.body.catalogVersion === served.metadata.etag
        ? res.body
        : undefined;
    });

    // by the event (the sweep runs hourly), and the event crossed in PostgreSQL
    expect(Date.now() - servedAt).toBeLessThan(10_000);
    expect(after.recommendation).not.toEqual(before.recommendation);
    const [{ n }] = await knex
      .withSchema('events')
      .from('event_bus_events')
      .where('topic', 'mesh-advisor.entity-inputs-changed')
      .count({ n: '*' });
    expect(Number(n)).toBeGreaterThanOrEqual(1);

    await Promise.all([meshSide.stop(), catalogSide.stop()]);
  });
});
