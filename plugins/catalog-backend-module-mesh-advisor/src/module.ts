import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AnnotationErrorMode,
  MeshAdvisorAnnotationsProcessor,
} from './processor';

/**
 * Adds Mesh Advisor's annotation validation to the catalog. Configure with
 * `meshAdvisor.annotationErrors: error | warn` (default `error`).
 * @public
 */
export const catalogModuleMeshAdvisor = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mesh-advisor',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, config, logger }) {
        const mode =
          config.getOptionalString('meshAdvisor.annotationErrors') ?? 'error';
        if (mode !== 'error' && mode !== 'warn') {
          throw new Error(
            `Invalid config meshAdvisor.annotationErrors: "${mode}"; allowed: error | warn`,
          );
        }
        catalog.addProcessor(
          new MeshAdvisorAnnotationsProcessor({
            mode: mode as AnnotationErrorMode,
            logger,
          }),
        );
      },
    });
  },
});
