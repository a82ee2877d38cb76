import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/** Mesh Advisor for Backstage's new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'mesh-advisor',
  extensions: [],
});
