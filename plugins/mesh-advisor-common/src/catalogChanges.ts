import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_PREFIX } from './vocabulary';

/**
 * The events-service topic on which the catalog module announces that a
 * Component's mesh-relevant inputs changed (issue 17).
 * @public
 */
export const MESH_INPUTS_CHANGED_TOPIC = 'mesh-advisor.entity-inputs-changed';

/** @public */
export type MeshInputsChangedPayload = {
  /** the entity ref, lower case */
  entityRef: string;
  /** hash of {@link meshInputsOf} as the catalog processed it */
  inputsHash: string;
};

/**
 * What of an entity can change Mesh Advisor's result for it or for the
 * services that depend on it, as one canonical string: the
 * `mesh-advisor.io/*` annotations, `spec.type`, `spec.owner`,
 * `spec.system` and `spec.dependsOn`. The catalog module and the backend
 * both hash it, so the backend can tell whether the catalog already serves
 * the version an event announced.
 * @public
 */
export function meshInputsOf(entity: Entity): string {
  const annotations = Object.entries(entity.metadata.annotations ?? {})
    .filter(([k]) => k.startsWith(ANNOTATION_PREFIX))
    // keys are distinct, so comparing with < alone orders them
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  return JSON.stringify([
    entity.kind.toLowerCase(),
    (entity.metadata.namespace ?? 'default').toLowerCase(),
    entity.metadata.name.toLowerCase(),
    annotations,
    spec.type ?? null,
    spec.owner ?? null,
    spec.system ?? null,
    spec.dependsOn ?? null,
  ]);
}
