import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  callChainDepths,
  createFleetAccumulator,
  createSummaryCounts,
  isService,
  KnowledgeBase,
  PlatformContextInput,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { EvaluationStore } from '../database/EvaluationStore';
import {
  forEachComponentPage,
  GRAPH_FIELDS,
  SWEEP_FIELDS,
} from './catalogReader';
import { depthKey, evaluationContext } from './evaluationContext';

export interface SweepDeps {
  catalog: CatalogService;
  auth: AuthService;
  store: EvaluationStore;
  logger: LoggerService;
  knowledgeBase: KnowledgeBase;
  platform: PlatformContextInput;
  now?: () => Date;
  /** entities per catalog page (tests use small pages) */
  pageSize?: number;
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

const DAY_MS = 24 * 60 * 60 * 1000;

/** A failure while evaluating or storing, as opposed to reading the catalog. */
class StoreFailure extends Error {}

/**
 * One sweep, streamed: a light first read of every Component (name, type,
 * dependsOn) for the call-chain depths and the service count; then the
 * full entities page by page, each page evaluated and its changed rows
 * written in short transactions before the next is read, so memory holds
 * one page and the graph, not the catalog. Services gone from the catalog
 * are removed only once the whole catalog has been read: a sweep that
 * fails or dies midway leaves every previous result served (some already
 * refreshed). A catalog outage keeps the last results, marked stale.
 */
export async function runSweep(deps: SweepDeps): Promise<SweepOutcome> {
  const { catalog, auth, store, logger, knowledgeBase } = deps;
  const now = deps.now ?? (() => new Date());
  const sweepId = await store.startSweep(now());

  try {
    const graph: Entity[] = [];
    let serviceCount = 0;
    await forEachComponentPage(
      catalog,
      auth,
      GRAPH_FIELDS,
      items => {
        for (const e of items) {
          graph.push(e);
          if (isService(e)) serviceCount++;
        }
      },
      deps.pageSize,
    );
    const depths = callChainDepths(graph);
    graph.length = 0;

    const context = evaluationContext(
      knowledgeBase,
      deps.platform,
      serviceCount,
    );
    const fleet = createFleetAccumulator(knowledgeBase);
    const counts = createSummaryCounts();
    const seen = new Set<string>();
    let written = 0;
    // One page's write is under way while the next page is read and
    // evaluated: the database (compressing and storing the results) and
    // this process (evaluating) work at the same time, not in turn. At most
    // one write is pending, so memory holds two pages.
    let pending: Promise<number> | undefined;
    const landed = async () => {
      if (!pending) return;
      const write = pending;
      pending = undefined;
      try {
        written += await write;
      } catch (e) {
        throw new StoreFailure((e as Error).message);
      }
    };
    try {
      await forEachComponentPage(
        catalog,
        auth,
        SWEEP_FIELDS,
        async items => {
          let records;
          try {
            records = items.filter(isService).map(entity => {
              const record = context.record(
                entity,
                depths.get(depthKey(entity)) ?? 1,
              );
              seen.add(record.entityRef);
              fleet.add(record.result);
              counts.add(record.result);
              return record;
            });
          } catch (e) {
            throw new StoreFailure((e as Error).message);
          }
          await landed();
          pending = store.writeChanged(records, now());
          // awaited by the next page or after the last; never unhandled
          pending.catch(() => undefined);
        },
        deps.pageSize,
      );
      await landed();
    } finally {
      // the catalog failed with a write under way: let it finish first
      await pending?.catch(() => undefined);
    }

    let removed: number;
    try {
      removed = await store.removeAllExcept(seen);
      await store.forgetChangesBefore(new Date(now().getTime() - DAY_MS));
      await store.afterBulkChange(written + removed, seen.size);
      await store.finishSweep(
        sweepId,
        'succeeded',
        {
          services: seen.size,
          written,
          removed,
          summary: counts.summary(fleet.result()),
          platform: deps.platform,
        },
        now(),
      );
    } catch (e) {
      throw new StoreFailure((e as Error).message);
    }
    logger.info(
      `Mesh Advisor sweep: ${seen.size} services evaluated, ${written} written, ${removed} removed`,
    );
    return { outcome: 'succeeded', services: seen.size, written, removed };
  } catch (e) {
    if (e instanceof StoreFailure) {
      // Evaluating or storing failed: the previous results stay served.
      const message = SWEEP_FAILURES.evaluate;
      logger.error(
        `Mesh Advisor sweep failed; the previous results are kept (${e.message})`,
      );
      await store
        .finishSweep(sweepId, 'failed', { message }, now())
        .catch(() => undefined);
      return {
        outcome: 'failed',
        services: 0,
        written: 0,
        removed: 0,
        message,
      };
    }
    const message = SWEEP_FAILURES.catalog;
    logger.warn(
      `Mesh Advisor sweep failed, keeping the last results and marking them stale (catalog unreachable: ${
        (e as Error).message
      })`,
    );
    await store.markAllStale().catch(() => undefined);
    await store
      .finishSweep(sweepId, 'failed', { message }, now())
      .catch(() => undefined);
    return { outcome: 'failed', services: 0, written: 0, removed: 0, message };
  }
}
