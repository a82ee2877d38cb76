import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { meshAdvisorApiRef } from './api/MeshAdvisorApi';
import { MeshAdvisorClient } from './api/MeshAdvisorClient';
import { isMeshAdvisorAvailable } from './isMeshAdvisorAvailable';
import { rootRouteRef } from './routes';

/** The client for the mesh-advisor backend. @alpha */
export const meshAdvisorApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: meshAdvisorApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MeshAdvisorClient({ discoveryApi, fetchApi }),
    }),
});

/** `/mesh-advisor`, in the sidebar as "Mesh Advisor" (`page:mesh-advisor`). @alpha */
export const meshAdvisorPage = PageBlueprint.make({
  params: {
    path: '/mesh-advisor',
    title: 'Mesh Advisor',
    icon: <DeviceHubIcon />,
    routeRef: rootRouteRef,
    // The page brings its own header with the Services / Decisions tabs.
    noHeader: true,
    loader: () =>
      import('./components/Overview').then(m => <m.MeshAdvisorPage />),
  },
});

/** The Mesh tab, on Components of type service only. @alpha */
export const meshAdvisorEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/mesh',
    title: 'Mesh',
    filter: isMeshAdvisorAvailable,
    loader: () => import('./components/MeshTab').then(m => <m.MeshTab />),
  },
});

/** The recommendation card, on Components of type service only. @alpha */
export const meshAdvisorEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isMeshAdvisorAvailable,
    loader: () =>
      import('./components/MeshTab').then(m => <m.MeshAdvisorEntityCard />),
  },
});

/** Mesh Advisor for Backstage's new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'mesh-advisor',
  title: 'Mesh Advisor',
  icon: <DeviceHubIcon />,
  routes: {
    root: rootRouteRef,
  },
  extensions: [
    meshAdvisorApi,
    meshAdvisorPage,
    meshAdvisorEntityContent,
    meshAdvisorEntityCard,
  ],
});
