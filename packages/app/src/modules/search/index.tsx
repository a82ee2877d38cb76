import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SearchFilterResultTypeBlueprint } from '@backstage/plugin-search-react/alpha';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';

/** "Mesh decisions" among the search page's result types (documents of @mesh-advisor/plugin-search-backend-module-mesh-advisor). */
const meshDecisionResultType = SearchFilterResultTypeBlueprint.make({
  name: 'mesh-decision',
  params: {
    value: 'mesh-decision',
    name: 'Mesh decisions',
    icon: <DeviceHubIcon />,
  },
});

export const searchModule = createFrontendModule({
  pluginId: 'search',
  extensions: [meshDecisionResultType],
});
