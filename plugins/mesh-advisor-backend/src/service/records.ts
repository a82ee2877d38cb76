import { createHash } from 'node:crypto';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  EvaluationResult,
  PlatformContext,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { ENGINE_VERSION } from '@mesh-advisor/plugin-mesh-advisor-common';
import type {
  EvaluationRecord,
  StoredResult,
} from '../database/EvaluationStore';

function relationTarget(
  entity: Entity,
  type: string,
  kind: string,
): string | undefined {
  const rel = entity.relations?.find(
    r => r.type === type && r.targetRef.startsWith(`${kind}:`),
  );
  return rel?.targetRef;
}

/** The entity's owner and system as full refs, from relations (the catalog resolved them) or spec. */
export function ownerAndSystem(entity: Entity): {
  owner?: string;
  system?: string;
} {
  const spec = (entity.spec ?? {}) as { owner?: unknown; system?: unknown };
  const ns = entity.metadata.namespace ?? 'default';
  const fromSpec = (v: unknown, defaultKind: string) => {
    if (typeof v !== 'string' || !v) return undefined;
    try {
      return stringifyEntityRef(
        parseEntityRef(v, { defaultKind, defaultNamespace: ns }),
      );
    } catch {
      return undefined;
    }
  };
  return {
    owner:
      relationTarget(entity, RELATION_OWNED_BY, 'group') ??
      relationTarget(entity, RELATION_OWNED_BY, 'user') ??
      fromSpec(spec.owner, 'group'),
    system:
      relationTarget(entity, RELATION_PART_OF, 'system') ??
      fromSpec(spec.system, 'system'),
  };
}

/**
 * The platform as far as it can change one service's result. The exact
 * service count matters only below the small-platform threshold, where the
 * reasons quote it; above it, a catalog gaining or losing a service must not
 * rewrite every row (the stored `platform.serviceCount` is then the count
 * when that row was last evaluated).
 */
export function platformForHash(
  platform: PlatformContext,
  threshold: number,
): PlatformContext {
  if (platform.serviceCount === undefined || platform.serviceCount < threshold)
    return platform;
  const { serviceCount: _countAboveThreshold, ...rest } = platform;
  return rest;
}

/** Hash of everything the stored row depends on: an unchanged service is not rewritten. */
export function inputHash(
  entity: Entity,
  depth: number,
  platform: PlatformContext,
  kbVersion: string,
): string {
  const { owner, system } = ownerAndSystem(entity);
  return createHash('sha1')
    .update(
      JSON.stringify([
        ENGINE_VERSION,
        kbVersion,
        platform,
        depth,
        entity.kind,
        entity.metadata,
        entity.spec,
        owner,
        system,
      ]),
    )
    .digest('hex');
}

/** The component refs in `spec.dependsOn`, full and lower case, as the call-chain depth reads them. */
export function dependsOnRefs(entity: Entity): string[] {
  const raw = (entity.spec as { dependsOn?: unknown } | undefined)?.dependsOn;
  if (!Array.isArray(raw)) return [];
  const refs: string[] = [];
  for (const d of raw) {
    if (typeof d !== 'string') continue;
    try {
      const parsed = parseEntityRef(d, {
        defaultKind: 'component',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      if (parsed.kind.toLowerCase() === 'component')
        refs.push(stringifyEntityRef(parsed).toLowerCase());
    } catch {
      // a malformed ref is the catalog's to report
    }
  }
  return refs;
}

/** The result as the store keeps it: serialized, with its table columns. */
export function storedResult(result: EvaluationResult): StoredResult {
  return {
    json: Buffer.from(JSON.stringify(result)),
    status: result.status,
    recommendedMesh: result.recommendation?.mesh ?? '',
    confidence: result.recommendation?.confidence ?? null,
    score: result.recommendation?.score ?? -1,
    issueCount: result.issues.length,
    engineVersion: result.engineVersion,
    knowledgeBaseVersion: result.knowledgeBaseVersion,
  };
}

export function toRecord(
  entity: Entity,
  result: EvaluationResult,
  hash: string,
  depth: number,
): EvaluationRecord {
  const { owner, system } = ownerAndSystem(entity);
  const m = entity.metadata;
  const searchText = [
    stringifyEntityRef(entity),
    m.title,
    owner,
    system,
    m.description,
    ...(m.tags ?? []),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind.toLowerCase(),
    namespace: (m.namespace ?? 'default').toLowerCase(),
    name: m.name,
    title: m.title,
    owner,
    system,
    searchText,
    inputHash: hash,
    result: storedResult(result),
    depth,
    dependsOn: dependsOnRefs(entity),
    catalogVersion: m.etag,
  };
}
