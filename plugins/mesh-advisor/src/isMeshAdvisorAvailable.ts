import type { Entity } from '@backstage/catalog-model';

/**
 * Whether Mesh Advisor applies to an entity: Components of type service.
 * Use it as the `if` of the Mesh tab and card.
 * @public
 */
export function isMeshAdvisorAvailable(entity: Entity): boolean {
  const type = (entity?.spec as { type?: unknown } | undefined)?.type;
  return (
    typeof entity?.kind === 'string' &&
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    typeof type === 'string' &&
    type.toLocaleLowerCase('en-US') === 'service'
  );
}
