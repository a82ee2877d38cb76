import type { Entity } from '@backstage/catalog-model';
import { isService } from '@mesh-advisor/plugin-mesh-advisor-common';

/**
 * Whether Mesh Advisor applies to an entity: Components of type service (in
 * any case, as the catalog and the backend's sweep read them).
 * Use it as the `if` of the Mesh tab and card.
 * @public
 */
export function isMeshAdvisorAvailable(entity: Entity): boolean {
  return isService(entity);
}
