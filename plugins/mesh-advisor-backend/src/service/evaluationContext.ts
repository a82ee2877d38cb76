import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  createEvaluator,
  EvaluationResult,
  KnowledgeBase,
  PlatformContext,
  PlatformContextInput,
  resolvePlatform,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { EvaluationRecord } from '../database/EvaluationStore';
import { inputHash, platformForHash, toRecord } from './records';

/**
 * What evaluating one service needs, set up once per sweep or change: the
 * resolved platform, the evaluator and the platform as far as it goes into
 * the hash.
 */
export function evaluationContext(
  knowledgeBase: KnowledgeBase,
  platformInput: PlatformContextInput,
  serviceCount: number,
) {
  const platform: PlatformContext = resolvePlatform({
    ...platformInput,
    serviceCount,
  });
  const evaluate = createEvaluator({ knowledgeBase, platform });
  const hashedPlatform = platformForHash(
    platform,
    // no threshold known: hash the exact count (rewrites more, never less)
    platform.smallPlatformThreshold ??
      knowledgeBase.guidance.smallPlatformThreshold.value ??
      Infinity,
  );
  const hashOf = (entity: Entity, depth: number) =>
    inputHash(entity, depth, hashedPlatform, knowledgeBase.version);
  return {
    platform,
    /** The service's record as it would be stored, with its input hash. */
    record(entity: Entity, depth: number): EvaluationRecord {
      const result = evaluate(entity, depth);
      return toRecord(entity, result, hashOf(entity, depth), depth);
    },
    /**
     * The service's result, and its record only if its input hash differs
     * from the stored one (serializing a result costs as much as
     * evaluating it).
     */
    evaluate(
      entity: Entity,
      depth: number,
      storedHash: string | undefined,
    ): { result: EvaluationResult; changed?: EvaluationRecord } {
      const result = evaluate(entity, depth);
      const hash = hashOf(entity, depth);
      if (hash === storedHash) return { result };
      return { result, changed: toRecord(entity, result, hash, depth) };
    },
  };
}

/** The key the call-chain depths are kept under. */
export const depthKey = (entity: Entity) => stringifyEntityRef(entity);
