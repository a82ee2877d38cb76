import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
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

/**
 * `/mesh-advisor`, in the sidebar as "Mesh Advisor" (`page:mesh-advisor`):
 * the app's own page header with a tab per sub-page, like the catalog's.
 * @alpha
 */
export const meshAdvisorPage = PageBlueprint.make({
  params: {
    path: '/mesh-advisor',
    title: 'Mesh Advisor',
    icon: <DeviceHubIcon />,
    routeRef: rootRouteRef,
  },
});

/** `/mesh-advisor/services`: the platform pick and every service. @alpha */
export const meshAdvisorServicesPage = SubPageBlueprint.make({
  attachTo: { id: 'page:mesh-advisor', input: 'pages' },
  name: 'services',
  params: {
    path: 'services',
    title: 'Services',
    loader: () =>
      import('./components/Overview').then(m => <m.ServicesOverview />),
  },
});

/** `/mesh-advisor/decisions`: every adoption decision. @alpha */
export const meshAdvisorDecisionsPage = SubPageBlueprint.make({
  attachTo: { id: 'page:mesh-advisor', input: 'pages' },
  name: 'decisions',
  params: {
    path: 'decisions',
    title: 'Decisions',
    loader: () =>
      import('./components/Overview').then(m => <m.DecisionsOverview />),
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

/**
 * The actual mesh state card, on Components of type service only. The Mesh
 * tab shows it already; enable it to have it on the overview tab too.
 * @alpha
 */
export const meshAdvisorActualStateEntityCard = EntityCardBlueprint.make({
  name: 'actual-state',
  disabled: true,
  params: {
    filter: isMeshAdvisorAvailable,
    loader: () =>
      import('./components/ActualState').then(m => <m.EntityActualStateCard />),
  },
});

/**
 * The Mesh Advisor checks of the Tech Insights backend, passed or failed, on
 * services. Disabled by default (it needs the Tech Insights backend with the
 * Mesh Advisor module); enable it in app-config
 * (`app.extensions: [entity-card:mesh-advisor/scorecard]`) or override it
 * with `disabled: false` in an app module.
 * @alpha
 */
export const meshAdvisorScorecardEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  disabled: true,
  params: {
    filter: isMeshAdvisorAvailable,
    loader: () =>
      import('./components/Scorecard').then(m => <m.EntityMeshScorecard />),
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
    meshAdvisorServicesPage,
    meshAdvisorDecisionsPage,
    meshAdvisorEntityContent,
    meshAdvisorEntityCard,
    meshAdvisorActualStateEntityCard,
    meshAdvisorScorecardEntityCard,
  ],
});
