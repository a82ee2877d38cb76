import { createHash } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  MESH_INPUTS_CHANGED_TOPIC,
  MeshInputsChangedPayload,
  meshInputsOf,
  parseAnnotations,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/**
 * Announces on the events service when a Component's mesh-relevant inputs
 * (`mesh-advisor.io/*` annotations, `spec.type`, `spec.owner`,
 * `spec.system`, `spec.dependsOn`) changed since this replica last
 * processed it, so Mesh Advisor's backend re-evaluates it within seconds.
 * The catalog emits no entity-changed event of its own; a processor sees
 * every entity on every processing pass. What this replica saw first after
 * starting is not announced: the backend's sweep reconciles that (and a
 * new service's Mesh tab evaluates it live until then).
 * @public
 */
export class MeshInputsChangePublisher implements CatalogProcessor {
  /** entity ref → hash of its inputs as last processed here (~80 bytes each) */
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly options: {
      events: EventsService;
      logger?: LoggerService;
      /** whether malformed annotations keep the entity out of the catalog */
      rejectsMalformed?: boolean;
    },
  ) {}

  getProcessorName(): string {
    return 'MeshAdvisorInputsChangePublisher';
  }

  async postProcessEntity(entity: Entity): Promise<Entity> {
    if (entity.kind?.toLowerCase() !== 'component') return entity;
    // rejected entities never reach the catalog: nothing changed for the backend
    if (
      this.options.rejectsMalformed &&
      parseAnnotations(entity.metadata.annotations ?? {}).issues.length
    )
      return entity;
    const entityRef = stringifyEntityRef(entity).toLowerCase();
    const inputsHash = createHash('sha1')
      .update(meshInputsOf(entity))
      .digest('hex');
    const before = this.seen.get(entityRef);
    this.seen.set(entityRef, inputsHash);
    if (before === undefined || before === inputsHash) return entity;
    const eventPayload: MeshInputsChangedPayload = { entityRef, inputsHash };
    // not awaited: processing must not wait on the subscribers
    this.options.events
      .publish({ topic: MESH_INPUTS_CHANGED_TOPIC, eventPayload })
      .catch(e =>
        this.options.logger?.warn(
          `Mesh Advisor: could not announce the change of ${entityRef}: ${e}`,
        ),
      );
    return entity;
  }
}
