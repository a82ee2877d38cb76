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

/**
 * Services evaluated and handed to the store at a time. A chunk's records
 * (~8 kB of result each) live until its write returns, long enough to be
 * promoted to the old heap, where V8 lets garbage grow to a multiple of
 * the live heap before collecting it. At 100,000 services, whole catalog
 * pages (1,000) took the backend's peak RSS to ~1,030 MiB, chunks of 200 to
 * 500 to ~920 MiB at the same CPU; 100 kept it at ~640 MiB but cost 60 %
 * more CPU, the old heap collected far more often.
 */
const CHUNK = 250;

/** A failure while evaluating or storing, as opposed to reading the catalog. */
class StoreFailure extends Error {}

/**
 * One sweep, streamed: a light first read of every Component (name, type,
 * dependsOn) for the call-chain depths and the service count; then the
 * full entities page by page, each page evaluated and its changed rows
 * written in short transactions, so memory holds one page and the graph,
 * not the catalog. Services gone from the catalog are removed only once
 * the whole catalog has been read: a sweep that fails or dies midway
 * leaves every previous result served (some already refreshed). A catalog
 * outage keeps the last results, marked stale.
 */
export async function runSweep(deps: SweepDeps): Promise<SweepOutcome> {
  const { store, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const sweepId = await store.startSweep(now());

  try {
    const { depths, serviceCount } = await readDepths(deps);
    const { seen, written, summary } = await evaluateAndWrite(
      deps,
      depths,
      serviceCount,
      now,
    );

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
          summary,
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
    return sweepFailed(deps, sweepId, e as Error, now);
  }
}

/** The first, light pass: every Component's call-chain depth, and how many are services. */
async function readDepths(deps: SweepDeps) {
  const graph: Entity[] = [];
  let serviceCount = 0;
  await forEachComponentPage(
    deps.catalog,
    deps.auth,
    GRAPH_FIELDS,
    items => {
      for (const e of items) {
        graph.push(e);
        if (isService(e)) serviceCount++;
      }
    },
    deps.pageSize,
  );
  return { depths: callChainDepths(graph), serviceCount };
}

/**
 * The second pass: every service evaluated, counted into the summary and
 * its changed row written. One chunk's write is under way while the next
 * chunk is evaluated (and, between pages, the next page read): the
 * database (compressing and storing the results) and this process
 * (evaluating) work at the same time, not in turn. At most one write is
 * pending, so memory holds one page and two chunks of results.
 */
async function evaluateAndWrite(
  deps: SweepDeps,
  depths: Map<string, number>,
  serviceCount: number,
  now: () => Date,
) {
  const { store, knowledgeBase } = deps;
  const context = evaluationContext(knowledgeBase, deps.platform, serviceCount);
  const fleet = createFleetAccumulator(knowledgeBase);
  const counts = createSummaryCounts();
  const seen = new Set<string>();
  let written = 0;
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
  const evaluate = (entities: Entity[]) => {
    try {
      return entities.map(entity => {
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
  };
  try {
    await forEachComponentPage(
      deps.catalog,
      deps.auth,
      SWEEP_FIELDS,
      async items => {
        const services = items.filter(isService);
        for (let i = 0; i < services.length; i += CHUNK) {
          const records = evaluate(services.slice(i, i + CHUNK));
          await landed();
          pending = store.writeChanged(records, now());
          // awaited by the next chunk or after the last; never unhandled
          pending.catch(() => undefined);
        }
      },
      deps.pageSize,
    );
    await landed();
  } finally {
    // the catalog failed with a write under way: let it finish first
    await pending?.catch(() => undefined);
  }
  return { seen, written, summary: counts.summary(fleet.result()) };
}

/**
 * A failed sweep: evaluating or storing failed (the previous results stay
 * served), or the catalog could not be read (they are marked stale).
 */
async function sweepFailed(
  deps: SweepDeps,
  sweepId: number,
  e: Error,
  now: () => Date,
): Promise<SweepOutcome> {
  const { store, logger } = deps;
  let message: string;
  if (e instanceof StoreFailure) {
    message = SWEEP_FAILURES.evaluate;
    logger.error(
      `Mesh Advisor sweep failed; the previous results are kept (${e.message})`,
    );
  } else {
    message = SWEEP_FAILURES.catalog;
    logger.warn(
      `Mesh Advisor sweep failed, keeping the last results and marking them stale (catalog unreachable: ${e.message})`,
    );
    await store.markAllStale().catch(() => undefined);
  }
  await store
    .finishSweep(sweepId, 'failed', { message }, now())
    .catch(() => undefined);
  return { outcome: 'failed', services: 0, written: 0, removed: 0, message };
}
