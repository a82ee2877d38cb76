import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  meshDecisionCreatePermission,
  meshDecisionTransitionPermission,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/**
 * Allows everything, except that mesh adoption decisions may only be filed
 * and transitioned by the owners of the entity they are about.
 */
export class MeshAdvisorPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isPermission(request.permission, meshDecisionCreatePermission) ||
      isPermission(request.permission, meshDecisionTransitionPermission)
    ) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const meshAdvisorPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'mesh-advisor-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new MeshAdvisorPermissionPolicy());
      },
    });
  },
});
