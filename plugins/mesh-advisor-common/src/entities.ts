import type { Entity } from '@backstage/catalog-model';

/** `value`, in any case, is `lower` (without a lower-cased copy in the common case). */
const isCaseless = (value: unknown, lower: string) =>
  value === lower ||
  (typeof value === 'string' &&
    value.length === lower.length &&
    value.toLowerCase() === lower);

/**
 * Whether Mesh Advisor evaluates an entity: a Component of type service,
 * both compared without regard to case, as the catalog's own filters do
 * (`type: Service` is a service). The one definition the engine, the sweep,
 * the decisions API, the Mesh tab and the CLI share.
 * @public
 */
export function isService(entity: Entity | undefined | null): boolean {
  return (
    !!entity &&
    (entity.kind === 'Component' || isCaseless(entity.kind, 'component')) &&
    isCaseless((entity.spec as { type?: unknown } | undefined)?.type, 'service')
  );
}
