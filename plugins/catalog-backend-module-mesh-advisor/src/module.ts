import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MeshAdvisorAnnotationsProcessor } from './processor';

/**
 * Adds Mesh Advisor's annotation validation to the catalog.
 * @public
 */
export const catalogModuleMeshAdvisor = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mesh-advisor',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new MeshAdvisorAnnotationsProcessor());
      },
    });
  },
});
