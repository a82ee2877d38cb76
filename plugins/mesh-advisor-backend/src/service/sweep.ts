import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  callChainDepths,
  createFleetAccumulator,
  SUMMARY_MAX_UNSATISFIED,
  createSummaryCounts,
  isService,
  KnowledgeBase,
  PlatformContextInput,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type {
  EvaluationRecord,
  EvaluationStore,
} from '../database/EvaluationStore';
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
 * Services evaluated and written at a time, one chunk after another. What
 * a chunk allocates lives until its write returns; measured at 100,000
 * services, larger chunks, or evaluating the next chunk while one is being
 * written, let more of it outlive young-generation collections (more CPU
 * in the old-generation collector, or a larger heap).
 */
const CHUNK = 100;

/** A failure while evaluating or storing, as opposed to reading the catalog. */
class StoreFailure extends Error {}

/**
 * One sweep, streamed: a light first read of every Component (name, type,
 * dependsOn) for the call-chain depths and the service count; then the
 * full entities page by page, each page evaluated and its changed rows
 * written in short transactions before the next is read, so memory holds
 * one page and the graph, not the catalog. Services gone from the catalog are removed only once
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
 * The second pass: every service evaluated, counted into the summary and,
 * if its inputs changed since it was stored, serialized at once and
 * written. The stored hashes of a chunk are read before it is evaluated,
 * so no result outlives its evaluation: when the sweep kept results until
 * their rows were written, V8 saw them survive and allocated every later
 * result directly in the old heap (allocation-site pretenuring), where a
 * 100,000-service sweep left ~0.5 GiB of garbage at a time and the peak
 * RSS passed 1 GiB.
 */
async function evaluateAndWrite(
  deps: SweepDeps,
  depths: Map<string, number>,
  serviceCount: number,
  now: () => Date,
) {
  const { store, knowledgeBase } = deps;
  const context = evaluationContext(knowledgeBase, deps.platform, serviceCount);
  // the stored summary lists at most this many: the rest are only counted
  const fleet = createFleetAccumulator(knowledgeBase, {
    maxUnsatisfied: SUMMARY_MAX_UNSATISFIED,
  });
  const counts = createSummaryCounts();
  const seen = new Set<string>();
  let written = 0;
  const evaluate = (entities: Entity[], stored: Map<string, string>) => {
    const changed: EvaluationRecord[] = [];
    for (const entity of entities) {
      const ref = depthKey(entity);
      const { result, changed: record } = context.evaluate(
        entity,
        depths.get(ref) ?? 1,
        stored.get(ref),
      );
      seen.add(ref);
      fleet.add(result);
      counts.add(result);
      if (record) changed.push(record);
    }
    return changed;
  };
  await forEachComponentPage(
    deps.catalog,
    deps.auth,
    SWEEP_FIELDS,
    async (items, requestedAt) => {
      const services = items.filter(isService);
      for (let i = 0; i < services.length; i += CHUNK) {
        const chunk = services.slice(i, i + CHUNK);
        written += await asStoreFailure(async () => {
          const stored = await store.inputHashes(chunk.map(depthKey));
          const changed = evaluate(chunk, stored);
          // a change handled since this page was read is not overwritten
          return changed.length
            ? store.writeChanged(changed, now(), requestedAt)
            : 0;
        });
      }
    },
    deps.pageSize,
    now,
  );
  return { seen, written, summary: counts.summary(fleet.result()) };
}

/** Runs `f`; its failure is one of evaluating or storing, not of the catalog. */
async function asStoreFailure<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new StoreFailure((e as Error).message);
  }
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
