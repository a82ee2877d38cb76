import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  meshAdvisorPermissions,
  meshDecisionCreatePermission,
  meshDecisionTransitionPermission,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { MeshAdvisorPermissionPolicy } from './permissionPolicy';

const JONAS = 'user:default/jonas.weber';
const claims = [JONAS, 'group:default/payments-team'];

function user(
  userEntityRef: string,
  ownershipEntityRefs: string[],
): PolicyQueryUser {
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef },
  } as BackstageCredentials;
  return {
    credentials,
    info: { userEntityRef, ownershipEntityRefs },
  } as PolicyQueryUser;
}

/** Evaluates a conditional decision the way the catalog does, for one entity. */
function appliesTo(decision: PolicyDecision, entity: Entity): boolean {
  expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
  const { conditions } = decision as ConditionalPolicyDecision;
  expect(conditions).toMatchObject({ rule: 'IS_ENTITY_OWNER' });
  const { params } = conditions as unknown as { params: { claims: string[] } };
  return permissionRules.isEntityOwner.apply(entity, params);
}

const ownedBy = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

describe('MeshAdvisorPermissionPolicy', () => {
  const policy = new MeshAdvisorPermissionPolicy();

  it.each(meshAdvisorPermissions.map(p => [p.name, p]))(
    '%s: conditional on owning the entity, with the user’s ownership claims',
    async (_name, permission) => {
      const decision = await policy.handle({ permission }, user(JONAS, claims));
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims },
        },
      });
    },
  );

  it('covers both mesh-advisor permissions', () => {
    expect(meshAdvisorPermissions.map(p => p.name).sort()).toEqual(
      [
        meshDecisionCreatePermission.name,
        meshDecisionTransitionPermission.name,
      ].sort(),
    );
  });

  it('lets owners (directly or through a group) act, and nobody else', async () => {
    const payments = ownedBy('payments-api', 'group:default/payments-team');
    const own = ownedBy('jonas-tool', JONAS);
    for (const permission of meshAdvisorPermissions) {
      const decision = await policy.handle({ permission }, user(JONAS, claims));
      expect(appliesTo(decision, payments)).toBe(true);
      expect(appliesTo(decision, own)).toBe(true);
      expect(
        appliesTo(
          decision,
          ownedBy('checkout-api', 'group:default/checkout-team'),
        ),
      ).toBe(false);

      const priya = await policy.handle(
        { permission },
        user('user:default/priya.raman', [
          'user:default/priya.raman',
          'group:default/checkout-team',
        ]),
      );
      expect(appliesTo(priya, payments)).toBe(false);
    }
  });

  it('owns nothing without a user (no claims)', async () => {
    const decision = await policy.handle({
      permission: meshDecisionCreatePermission,
    });
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_ENTITY_OWNER', params: { claims: [] } },
    });
    expect(
      appliesTo(
        decision,
        ownedBy('payments-api', 'group:default/payments-team'),
      ),
    ).toBe(false);
  });

  it('allows every other permission', async () => {
    const others = [
      catalogEntityReadPermission,
      catalogEntityDeletePermission,
      createPermission({ name: 'mesh-advisor.something.else', attributes: {} }),
      createPermission({
        name: 'other.plugin.thing',
        attributes: { action: 'update' },
        resourceType: 'catalog-entity',
      }),
    ];
    for (const permission of others) {
      expect(await policy.handle({ permission }, user(JONAS, claims))).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(await policy.handle({ permission })).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });
});
