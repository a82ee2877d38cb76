import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogModuleMeshAdvisor from '@mesh-advisor/plugin-catalog-backend-module-mesh-advisor';
import meshAdvisorPlugin from '@mesh-advisor/plugin-mesh-advisor-backend';
import request from 'supertest';
import {
  onBehalfOfHttpAuth,
  OWNERSHIP_CLAIMS,
  userInfoWithClaims,
} from './__testUtils__/testAuth';

jest.setTimeout(90_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const DAVE = 'user:default/dave';
const ADMIN = 'user:default/admin';
Object.assign(OWNERSHIP_CLAIMS, {
  [ALICE]: [ALICE, 'group:default/team-a'],
  [BOB]: [BOB, 'group:default/team-b'],
});

const service = (name: string, owner: string, extra = '') => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name}${extra} }
spec: { type: service, lifecycle: production, owner: '${owner}' }
---`;

/** Mixed ownership: groups, a user, another namespace, a website. */
const catalogYaml = (paymentsAnnotations = '{}') => `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-b }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [team-a] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments, annotations: ${paymentsAnnotations} }
spec: { type: service, lifecycle: production, owner: group:team-a, dependsOn: ['component:ledger'] }
---
${service('ledger', 'group:team-a')}
${service('shipping', 'group:team-b')}
${service('billing', 'group:team-b')}
${service('notebook', 'user:alice')}
${service('ops-agent', 'group:default/team-a', ', namespace: ops')}
${service('ops-probe', 'group:default/team-b', ', namespace: ops')}
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront }
spec: { type: website, lifecycle: production, owner: group:team-a }
`;

/** Catalog read per user: conditions the evaluations table can express, and one it cannot (dave). */
const policyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-read-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(
            req: PolicyQuery,
            user?: PolicyQueryUser,
          ): Promise<PolicyDecision> {
            const who = user?.info.userEntityRef;
            if (!isPermission(req.permission, catalogEntityReadPermission))
              return { result: AuthorizeResult.ALLOW };
            const claims = user?.info.ownershipEntityRefs ?? [];
            const decide = (c: any) =>
              createCatalogConditionalDecision(req.permission as any, c);
            switch (who) {
              case ALICE:
                return decide(catalogConditions.isEntityOwner({ claims }));
              case BOB:
                return decide({
                  anyOf: [
                    catalogConditions.isEntityOwner({ claims }),
                    catalogConditions.hasMetadata({
                      key: 'namespace',
                      value: 'ops',
                    }),
                  ],
                });
              case CAROL:
                return decide({
                  allOf: [
                    catalogConditions.isEntityKind({ kinds: ['Component'] }),
                    {
                      not: catalogConditions.isEntityOwner({
                        claims: ['group:default/team-a'],
                      }),
                    },
                  ],
                });
              case DAVE:
                return decide(
                  catalogConditions.hasLabel({ label: 'does-not-exist' }),
                );
              default:
                return { result: AuthorizeResult.ALLOW };
            }
          },
        });
      },
    });
  },
});

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
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleMeshAdvisor,
        permissionPlugin,
        policyModule,
        meshAdvisorPlugin,
        schedulerServiceFactory,
        // the real events service, shared by the plugins as in a backend
        // (the test backend's mock gives each plugin its own), with the
        // events backend and its bus installed as in packages/backend
        eventsServiceFactory,
        eventsPlugin,
        userInfoWithClaims,
        onBehalfOfHttpAuth,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            // the bus holds each subscriber's poll open this long, and
            // stopping the backend waits for open requests
            events: { notifyTimeoutMs: 1000 },
            catalog: {
              rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
              locations: [{ type: 'file', target: file }],
            },
            meshAdvisor: {
              cacheSeconds: 0,
              schedule: {
                // the scheduler's worker starts after the initial delay;
                // the sweep that counts is triggered below
                frequency: { minutes: 60 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        }),
      ],
    });
    const api = request(backend.server);
    const as = (user: string) => mockCredentials.user.header(user);
    let last: unknown;
    const until = async <T>(
      what: string,
      probe: () => Promise<T | undefined>,
    ) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline)
          throw new Error(`timed out: ${what} (${JSON.stringify(last)})`);
        await new Promise(r => setTimeout(r, 100));
      }
    };

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
    await until('sweep', async () => {
      const res = await api
        .get('/api/mesh-advisor/summary')
        .set('Authorization', as(ADMIN));
      last = [res.status, res.body];
      return res.body.lastSweep?.services === 7 ? true : undefined;
    });

    const meshAdvisorSees = async (user: string) => {
      const res = await api
        .get('/api/mesh-advisor/evaluations?limit=500')
        .set('Authorization', as(user));
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(res.body.items.length);
      return res.body.items.map((i: any) => i.entityRef).sort();
    };
    const catalogShows = async (user: string) => {
      const res = await api
        .get(
          '/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=500',
        )
        .set('Authorization', as(user));
      return res.body.items
        .map((e: any) => `component:${e.metadata.namespace}/${e.metadata.name}`)
        .sort();
    };

    expect(await meshAdvisorSees(ADMIN)).toHaveLength(7);
    const expected: Record<string, string[]> = {
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
    for (const user of [ALICE, BOB, CAROL, DAVE]) {
      const ours = await meshAdvisorSees(user);
      expect(ours).toEqual(await catalogShows(user));
      expect(ours).toEqual(expected[user]);
    }

    // freshness: the file changes, the catalog refreshes it, the evaluation follows
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
    await backend.stop();
  });
});
