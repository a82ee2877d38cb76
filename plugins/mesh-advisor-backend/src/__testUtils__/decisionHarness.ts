import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { meshAdvisorPermissions } from '@mesh-advisor/plugin-mesh-advisor-common';
import request from 'supertest';
import { meshAdvisorPlugin } from '../plugin';
import { loadExampleEntities } from './exampleCatalog';
import { FakeCatalog } from './fakeCatalog';

/** Owns the payments services (payments-team), may file and change decisions about them. */
export const OWNER = 'user:default/jonas.weber';
/** Owns checkout-api only: may read payments decisions, not change them. */
export const OTHER = 'user:default/priya.raman';
/** May read only what `FakeCatalog.visibleTo` lets them. */
export const OUTSIDER = 'user:default/guest';

export const DEFAULT_GRANTS: Record<string, string[]> = {
  [OWNER]: [
    'component:default/payments-api',
    'component:default/ledger',
    'component:default/fraud-detection',
    'system:default/payments',
    'group:default/payments-team',
  ],
  [OTHER]: ['component:default/checkout-api'],
};

export const CONFIG = {
  meshAdvisor: {
    platform: { cni: 'cilium', currentMesh: 'none', clusters: 2 },
    schedule: { frequency: { minutes: 10 }, initialDelay: { seconds: 1 } },
  },
};

const meshAdvisorPermissionNames = new Set(
  meshAdvisorPermissions.map(p => p.name),
);

/**
 * A permissions service that stands in for the app's owners-only policy:
 * mesh-advisor permissions are allowed for the entity refs granted to a user,
 * everything else is allowed. Records what it was asked.
 */
export function fakePermissions(
  grants: Record<string, string[]>,
  catalogRead: Record<string, 'deny' | 'conditional'> = {},
) {
  const asked: {
    user: string | undefined;
    permission: string;
    resourceRef?: string;
  }[] = [];
  const service: PermissionsService = {
    async authorize(requests, options) {
      const user = (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(r => {
        const resourceRef = (r as { resourceRef?: string }).resourceRef;
        asked.push({ user, permission: r.permission.name, resourceRef });
        if (!meshAdvisorPermissionNames.has(r.permission.name))
          return { result: AuthorizeResult.ALLOW };
        const allowed = Boolean(
          user && resourceRef && grants[user]?.includes(resourceRef),
        );
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
    // Catalog read as `catalogRead` says per user (allowed when not listed);
    // a conditional decision leaves it to the catalog (FakeCatalog.visibleTo).
    async authorizeConditional(requests, options) {
      const user = (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(r => {
        asked.push({ user, permission: r.permission.name });
        const read = user ? catalogRead[user] : undefined;
        if (read === 'deny') return { result: AuthorizeResult.DENY };
        if (read === 'conditional')
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            // a condition the evaluations table cannot express (a label):
            // the catalog decides what they read (FakeCatalog.visibleTo)
            conditions: {
              rule: 'HAS_LABEL',
              resourceType: 'catalog-entity',
              params: { label: `readable-by-${user}` },
            },
          };
        return { result: AuthorizeResult.ALLOW };
      });
    },
  };
  const factory = createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => service,
  });
  return { service, factory, asked };
}

export const as = (user: string) => mockCredentials.user.header(user);

export interface StartOptions {
  catalog?: FakeCatalog;
  grants?: Record<string, string[]>;
  /** catalog read per user: denied, or conditional (the catalog decides what); allowed when not listed */
  catalogRead?: Record<string, 'deny' | 'conditional'>;
  /** run the sweep at start (default true) */
  sweepAtStart?: boolean;
}

/** The plugin on a real database, the example catalog, owners-only permissions. */
export async function startDecisionBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: StartOptions = {},
) {
  const knex = await databases.init(databaseId);
  return startDecisionBackendOn(knex, options);
}

export async function startDecisionBackendOn(
  knex: Awaited<ReturnType<TestDatabases['init']>>,
  options: StartOptions = {},
) {
  const catalog = options.catalog ?? new FakeCatalog(loadExampleEntities());
  const permissions = fakePermissions(
    options.grants ?? DEFAULT_GRANTS,
    options.catalogRead,
  );
  const scheduler = mockServices.scheduler() as any;
  const backend = await startTestBackend({
    features: [
      meshAdvisorPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: CONFIG }),
      options.sweepAtStart === false
        ? scheduler.factory({ skipTaskRunOnStartup: true })
        : scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      catalog.factory(),
      permissions.factory,
    ],
  });
  const api = request(backend.server);
  const sweep = () => scheduler.triggerTask('mesh-advisor-sweep');

  /** POST /decisions as `user`, with sensible defaults. */
  const file = (user: string, body: Record<string, unknown>) =>
    api
      .post('/api/mesh-advisor/decisions')
      .set('Authorization', as(user))
      .send({
        entityRef: 'component:default/payments-api',
        chosen: 'istio-sidecar',
        title: 'Adopt Istio sidecars',
        rationale: 'JWT and Wasm at the proxy.',
        ...body,
      });
  const transition = (
    user: string,
    id: string,
    body: Record<string, unknown>,
  ) =>
    api
      .post(`/api/mesh-advisor/decisions/${id}/transitions`)
      .set('Authorization', as(user))
      .send(body);
  const get = (user: string, path: string) =>
    api.get(`/api/mesh-advisor${path}`).set('Authorization', as(user));

  return {
    backend,
    api,
    knex,
    catalog,
    permissions,
    sweep,
    file,
    transition,
    get,
  };
}

/** A well-formed decision id no decision has. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
