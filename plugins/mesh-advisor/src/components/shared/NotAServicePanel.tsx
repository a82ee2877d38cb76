import { EmptyState } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';

/** Shown when the Mesh tab or card is used on something other than a service. */
export function NotAServicePanel(props: { entity: Entity }) {
  const { entity } = props;
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  return (
    <EmptyState
      missing="info"
      title="Mesh Advisor evaluates services only"
      description={`This is a ${entity.kind}${
        typeof type === 'string' ? ` of type ${type}` : ''
      }. Mesh Advisor recommends a service mesh for Components of type service; use isMeshAdvisorAvailable to show the tab and card only where they apply.`}
    />
  );
}
