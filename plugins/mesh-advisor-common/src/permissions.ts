import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Filing a mesh adoption decision about an entity. Resource type
 * `catalog-entity`, so a policy can allow it only to the entity's owners.
 * @public
 */
export const meshDecisionCreatePermission = createPermission({
  name: 'mesh-advisor.decision.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Accepting, rejecting or superseding a decision about an entity.
 * @public
 */
export const meshDecisionTransitionPermission = createPermission({
  name: 'mesh-advisor.decision.transition',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission Mesh Advisor defines. @public */
export const meshAdvisorPermissions = [
  meshDecisionCreatePermission,
  meshDecisionTransitionPermission,
];
