import type { Entity } from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessor, CatalogProcessorEmit, processingResult } from '@backstage/plugin-catalog-node';
import { ANNOTATION_PREFIX, parseAnnotations } from '@mesh-advisor/plugin-mesh-advisor-common';

/**
 * Reports malformed `mesh-advisor.io/*` annotations as entity errors, with
 * the engine's own messages, so they show where Backstage shows entity
 * problems. The entity itself is left untouched.
 * @public
 */
export class MeshAdvisorAnnotationsProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'MeshAdvisorAnnotationsProcessor';
  }

  async postProcessEntity(entity: Entity, location: LocationSpec, emit: CatalogProcessorEmit): Promise<Entity> {
    const annotations = entity.metadata.annotations;
    if (!annotations || !Object.keys(annotations).some(k => k.startsWith(ANNOTATION_PREFIX))) return entity;
    for (const issue of parseAnnotations(annotations).issues) {
      emit(processingResult.inputError(location, issue.message));
    }
    return entity;
  }
}
