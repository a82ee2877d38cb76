import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
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
import {
  onBehalfOfHttpAuth,
  OWNERSHIP_CLAIMS,
  userInfoWithClaims,
} from './testAuth';

/** Reads what team-a owns. */
export const ALICE = 'user:default/alice';
/** Reads what team-b owns, and the ops namespace. */
export const BOB = 'user:default/bob';
/** Reads Components not owned by team-a. */
export const CAROL = 'user:default/carol';
/** Reads under a condition the evaluations table cannot express. */
export const DAVE = 'user:default/dave';
/** Reads everything. */
export const ADMIN = 'user:default/admin';

const service = (name: string, owner: string, extra = '') => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name}${extra} }
spec: { type: service, lifecycle: production, owner: '${owner}' }
---`;

/** Mixed ownership: groups, a user, another namespace, a website. */
export const catalogYaml = (paymentsAnnotations = '{}') => `
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

/** The catalog read condition of `who`, with the ownership claims `claims`. */
function readCondition(who: string | undefined, claims: string[]) {
  switch (who) {
    case ALICE:
      return catalogConditions.isEntityOwner({ claims });
    case BOB:
      return {
        anyOf: [
          catalogConditions.isEntityOwner({ claims }),
          catalogConditions.hasMetadata({ key: 'namespace', value: 'ops' }),
        ],
      };
    case CAROL:
      return {
        allOf: [
          catalogConditions.isEntityKind({ kinds: ['Component'] }),
          {
            not: catalogConditions.isEntityOwner({
              claims: ['group:default/team-a'],
            }),
          },
        ],
      };
    case DAVE:
      return catalogConditions.hasLabel({ label: 'does-not-exist' });
    default:
      return undefined;
  }
}

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
            const condition = readCondition(who, claims);
            return condition
              ? createCatalogConditionalDecision(
                  req.permission as any,
                  condition as any,
                )
              : { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

/**
 * The backend with the real catalog (reading `file`), the Mesh Advisor
 * catalog module, the permission backend and the policy above, Mesh Advisor,
 * the scheduler and the events bus.
 */
export function startCatalogBackend(file: string) {
  Object.assign(OWNERSHIP_CLAIMS, {
    [ALICE]: [ALICE, 'group:default/team-a'],
    [BOB]: [BOB, 'group:default/team-b'],
  });
  return startTestBackend({
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
}

/**
 * Polls `probe` every 100 ms until it returns a value, for up to 30 s;
 * the timeout names `what` and the last value `seen.last` was set to.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  seen: { last?: unknown } = {},
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out: ${what} (${JSON.stringify(seen.last)})`);
    await new Promise(r => setTimeout(r, 100));
  }
}
