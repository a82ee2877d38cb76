import type { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  discoveryApiRef,
  fetchApiRef,
  FetchApi,
} from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  permissionApiRef,
  PermissionApi,
} from '@backstage/plugin-permission-react';
import { meshAdvisorApiRef } from '../api/MeshAdvisorApi';
import { FakeMeshAdvisorApi } from './FakeMeshAdvisorApi';
import { fakePermissionApi } from './permissionApi';

/** Renders a Mesh Advisor component with the fake API, in a test app. */
export async function renderWithApis(
  element: ReactElement,
  options: {
    api: FakeMeshAdvisorApi;
    entity?: Entity;
    permissionApi?: PermissionApi;
    /** for the self-contained cards (actual state, scorecard); 404 by default */
    fetchApi?: FetchApi;
    routeEntries?: string[];
  },
) {
  const wrapped = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [meshAdvisorApiRef, options.api],
        [permissionApiRef, options.permissionApi ?? fakePermissionApi()],
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://backend/api/${id}` },
        ],
        [
          fetchApiRef,
          options.fetchApi ?? {
            fetch: async () => new Response('{}', { status: 404 }),
          },
        ],
      ]}
    >
      {wrapped}
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
