import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_PREFIX,
  parseAnnotations,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/**
 * What to do with malformed annotations:
 * - `error` (default): report them as entity errors, where Backstage shows
 *   processing errors. Like any invalid entity, the catalog then keeps the
 *   last valid version of the entity, and does not add a new one until fixed.
 * - `warn`: log them and keep the entity as it is; Mesh Advisor's own UI shows
 *   the problems and their fixes on the Mesh tab.
 * @public
 */
export type AnnotationErrorMode = 'error' | 'warn';

/**
 * Reports malformed `mesh-advisor.io/*` annotations with the engine's own
 * messages (annotation, bad value, allowed values, did-you-mean).
 * @public
 */
export class MeshAdvisorAnnotationsProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      mode?: AnnotationErrorMode;
      logger?: LoggerService;
    } = {},
  ) {}

  getProcessorName(): string {
    return 'MeshAdvisorAnnotationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const annotations = entity.metadata.annotations;
    if (
      !annotations ||
      !Object.keys(annotations).some(k => k.startsWith(ANNOTATION_PREFIX))
    )
      return entity;
    for (const issue of parseAnnotations(annotations).issues) {
      if (this.options.mode === 'warn') {
        this.options.logger?.warn(
          `${stringifyEntityRef(entity)}: ${issue.message}`,
        );
      } else {
        emit(processingResult.inputError(location, issue.message));
      }
    }
    return entity;
  }
}
