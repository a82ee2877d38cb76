import { useCallback } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

/** The entity page path of the Mesh tab (`…/mesh`). */
export const MESH_TAB_PATH = 'mesh';

type EntityRoute = (params: {
  kind: string;
  namespace: string;
  name: string;
}) => string;

/** The catalog's entity route, or undefined in an app without the catalog. */
function useEntityRoute(): EntityRoute | undefined {
  try {
    // useRouteRef runs all its hooks before it throws, so the hook order is
    // the same whether or not the route resolves.
    return useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
}

/**
 * Builds links to an entity's Mesh tab through the catalog's entity route
 * (`/catalog/:namespace/:kind/:name` by default, wherever the app mounts it).
 */
export function useMeshTabLink(): (entityRef: string) => string {
  const entityRoute = useEntityRoute();
  return useCallback(
    (entityRef: string) => {
      const params = entityRouteParams(entityRef, { encodeParams: true });
      const base = entityRoute
        ? entityRoute(params)
        : `/catalog/${params.namespace}/${params.kind}/${params.name}`;
      return `${base.replace(/\/$/, '')}/${MESH_TAB_PATH}`;
    },
    [entityRoute],
  );
}
