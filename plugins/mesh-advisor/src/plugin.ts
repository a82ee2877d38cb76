import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { meshAdvisorApiRef } from './api/MeshAdvisorApi';
import { MeshAdvisorClient } from './api/MeshAdvisorClient';
import { entityContentRouteRef, rootRouteRef } from './routes';

/**
 * Mesh Advisor for the legacy frontend system.
 * @public
 */
export const meshAdvisorPlugin = createPlugin({
  id: 'mesh-advisor',
  apis: [
    createApiFactory({
      api: meshAdvisorApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MeshAdvisorClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
});

/**
 * The Mesh Advisor page: platform overview, every service, every decision.
 * Mount it at `/mesh-advisor`.
 * @public
 */
export const MeshAdvisorPage = meshAdvisorPlugin.provide(
  createRoutableExtension({
    name: 'MeshAdvisorPage',
    component: () =>
      import('./components/Overview').then(m => m.MeshAdvisorPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Mesh tab for a service's entity page. Show it only where
 * {@link isMeshAdvisorAvailable} holds.
 * @public
 */
export const EntityMeshAdvisorContent = meshAdvisorPlugin.provide(
  createRoutableExtension({
    name: 'EntityMeshAdvisorContent',
    component: () => import('./components/MeshTab').then(m => m.MeshTab),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * A compact card with the recommended mesh, for a service's overview tab.
 * @public
 */
export const EntityMeshAdvisorCard = meshAdvisorPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshAdvisorCard',
    component: {
      lazy: () =>
        import('./components/MeshTab').then(m => m.MeshAdvisorEntityCard),
    },
  }),
);

/**
 * What the service actually runs (from the clusters configured for the
 * Kubernetes plugin) beside what is recommended and decided, with the drift
 * state and evidence. The Mesh tab shows it; for an overview tab too.
 * @public
 */
export const EntityMeshActualStateCard = meshAdvisorPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshActualStateCard',
    component: {
      lazy: () =>
        import('./components/ActualState').then(m => m.EntityActualStateCard),
    },
  }),
);
