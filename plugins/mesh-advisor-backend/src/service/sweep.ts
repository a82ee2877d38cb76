import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  callChainDepths,
  createEvaluator,
  createFleetAccumulator,
  isService,
  KnowledgeBase,
  PlatformContextInput,
  resolvePlatform,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { EvaluationStore } from '../database/EvaluationStore';
import { readAllComponents } from './catalogReader';
import { inputHash, platformForHash, toRecord } from './records';
import { buildSummary } from './summary';

export interface SweepDeps {
  catalog: CatalogService;
  auth: AuthService;
  store: EvaluationStore;
  logger: LoggerService;
  knowledgeBase: KnowledgeBase;
  platform: PlatformContextInput;
  now?: () => Date;
}

/**
 * What a failed sweep stores as its message, shown to every user by GET
 * /summary: what failed, never an address or error text (the log has them).
 */
export const SWEEP_FAILURES = {
  catalog:
    'catalog unreachable; the last results are kept and marked stale (details in the backend log)',
  evaluate:
    'evaluating or storing results failed; the previous results are kept (details in the backend log)',
} as const;

/**
 * A stored sweep message as it may be shown: earlier releases stored the
 * error text after these prefixes (with internal URLs), so it is reduced
 * to what failed.
 */
export function publicSweepMessage(stored: string | null | undefined) {
  if (!stored) return stored ?? null;
  if (stored.startsWith('catalog unreachable')) return SWEEP_FAILURES.catalog;
  if (stored.startsWith('evaluating or storing'))
    return SWEEP_FAILURES.evaluate;
  return 'the sweep failed (details in the backend log)';
}

export interface SweepOutcome {
  outcome: 'succeeded' | 'failed';
  services: number;
  written: number;
  removed: number;
  message?: string;
}

/**
 * One sweep: read every Component from the catalog, evaluate the services
 * (call-chain depth from dependsOn, service count from the catalog), store the
 * results and the summary. A catalog outage keeps the last results, marked
 * stale; a database failure rolls the write back whole.
 */
export async function runSweep(deps: SweepDeps): Promise<SweepOutcome> {
  const { catalog, auth, store, logger, knowledgeBase } = deps;
  const now = deps.now ?? (() => new Date());
  const sweepId = await store.startSweep(now());

  let entities: Entity[];
  try {
    entities = await readAllComponents(catalog, auth);
  } catch (e) {
    const message = SWEEP_FAILURES.catalog;
    logger.warn(
      `Mesh Advisor sweep failed, keeping the last results and marking them stale (catalog unreachable: ${
        (e as Error).message
      })`,
    );
    await store.markAllStale();
    await store.finishSweep(sweepId, 'failed', { message }, now());
    return { outcome: 'failed', services: 0, written: 0, removed: 0, message };
  }

  try {
    const services = entities.filter(isService);
    const platform = resolvePlatform({
      ...deps.platform,
      serviceCount: services.length,
    });
    const evaluate = createEvaluator({ knowledgeBase, platform });
    const hashedPlatform = platformForHash(
      platform,
      // no threshold known: hash the exact count (rewrites more, never less)
      platform.smallPlatformThreshold ??
        knowledgeBase.guidance.smallPlatformThreshold.value ??
        Infinity,
    );
    const depths = callChainDepths(entities);
    const fleet = createFleetAccumulator(knowledgeBase);
    const records = services.map(entity => {
      const depth = depths.get(stringifyEntityRef(entity)) ?? 1;
      const result = evaluate(entity, depth);
      fleet.add(result);
      return toRecord(
        entity,
        result,
        inputHash(entity, depth, hashedPlatform, knowledgeBase.version),
      );
    });

    const { written, removed } = await store.replaceAll(records, now());
    const summary = buildSummary(
      records.map(r => r.result),
      fleet.result(),
    );
    await store.finishSweep(
      sweepId,
      'succeeded',
      { services: services.length, written, removed, summary },
      now(),
    );
    logger.info(
      `Mesh Advisor sweep: ${services.length} services evaluated, ${written} written, ${removed} removed`,
    );
    return {
      outcome: 'succeeded',
      services: services.length,
      written,
      removed,
    };
  } catch (e) {
    // Evaluating or storing failed: the previous results stay as they were.
    const message = SWEEP_FAILURES.evaluate;
    logger.error(
      `Mesh Advisor sweep failed; the previous results are kept (${
        (e as Error).message
      })`,
    );
    await store
      .finishSweep(sweepId, 'failed', { message }, now())
      .catch(() => undefined);
    return { outcome: 'failed', services: 0, written: 0, removed: 0, message };
  }
}
