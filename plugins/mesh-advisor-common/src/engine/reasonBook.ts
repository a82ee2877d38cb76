import { CompiledKnowledgeBase } from '../knowledgeBase/compile';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import type { PlatformContext } from '../platform';
import { OPS_CAPACITIES, OpsCapacity } from '../vocabulary';
import { type MeshPage, meshPage } from './meshPage';
import { reason, sourceRefs } from './sourceRefs';
import type { Companion, Reason, SourceRef } from './types';

/**
 * The parts of an explanation that do not depend on the service — a
 * capability a mesh lacks, its operational burden at each capacity, what
 * the platform already runs — written once per knowledge base and platform
 * and shared, frozen, by every result. Only the sentences with the
 * service's own figures are written per evaluation (see explain.ts).
 */
export interface ReasonBook {
  meshes: MeshPage[];
  /** the explanation for a service that declares nothing a mesh would serve */
  declaresNothing: Reason;
  /** the Envoy Gateway companion for an edge service, by whether the pick is Linkerd */
  companion: { linkerd: Companion; other: Companion } | null;
}

/** Index into `MeshPage.operations` for a capacity as declared (or not) by a (deprecated) service. */
export function operationsKey(
  capacity: OpsCapacity,
  declared: boolean,
  deprecated: boolean,
): number {
  return (
    OPS_CAPACITIES.indexOf(capacity) * 4 +
    (declared ? 2 : 0) +
    (deprecated ? 1 : 0)
  );
}

/**
 * Key of the overhead sentence, which depends on the data-plane path, the
 * replicas and the call-chain depth only; undefined when out of range.
 */
export function overheadKey(
  waypoint: boolean,
  replicas: number,
  depth: number,
): number | undefined {
  if (replicas >= 2 ** 20 || depth >= 64) return undefined;
  return (replicas * 64 + depth) * 2 + (waypoint ? 1 : 0);
}

function companions(kb: KnowledgeBase): ReasonBook['companion'] {
  const gw = kb.meshes['envoy-gateway'];
  if (!gw) return null;
  const sources = Object.freeze([
    ...sourceRefs(kb, gw.guidanceSources),
    ...sourceRefs(kb, gw.license.sources),
  ]) as SourceRef[];
  const companion = (linkerd: string) =>
    Object.freeze<Companion>({
      id: 'envoy-gateway',
      name: gw.name,
      reason: `Edge-facing: put ${gw.name} (Gateway API, north–south) in front of the mesh for ingress, TLS and rate limiting.${linkerd}`,
      sources,
    });
  return {
    linkerd: companion(
      ' Linkerd ships no ingress of its own, so a gateway is needed anyway.',
    ),
    other: companion(''),
  };
}

/** Writes the book for one knowledge base and platform. */
export function writeReasonBook(
  ckb: CompiledKnowledgeBase,
  platform: PlatformContext,
): ReasonBook {
  const { kb } = ckb;
  const threshold =
    platform.smallPlatformThreshold ?? ckb.smallPlatformThreshold;
  const none = kb.meshes.none!;
  return {
    meshes: ckb.meshes.map(m => meshPage(m, ckb, platform, threshold)),
    declaresNothing: reason(
      'mesh.none',
      'The service declares no requirement or preference a mesh would serve, so the mesh would be pure cost.',
      'against',
      sourceRefs(
        kb,
        none.guidanceSources.length
          ? none.guidanceSources
          : none.license.sources,
      ),
    ),
    companion: companions(kb),
  };
}
