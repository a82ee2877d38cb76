import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { MeshInputsChangePublisher } from './changePublisher';
import {
  AnnotationErrorMode,
  MeshAdvisorAnnotationsProcessor,
} from './processor';

/**
 * Adds Mesh Advisor's annotation validation to the catalog, and announces
 * changes to the inputs Mesh Advisor evaluates on the events service. Configure with
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
        events: eventsServiceRef,
      },
      async init({ catalog, config, logger, events }) {
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
        catalog.addProcessor(
          new MeshInputsChangePublisher({
            events,
            logger,
            rejectsMalformed: mode === 'error',
          }),
        );
      },
    });
  },
});
