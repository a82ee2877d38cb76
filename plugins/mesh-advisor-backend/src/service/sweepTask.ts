import type {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { LiveService } from '../live/liveService';
import type { ReadCache } from '../readCache';
import { runSweep, SweepDeps } from './sweep';

/** The scheduler's id of the sweep: one run at a time across replicas. */
export const SWEEP_TASK_ID = 'mesh-advisor-sweep';

/** Right after a start the catalog may still be ingesting: look again this soon. */
const EMPTY_CATALOG_RETRY_MS = 30_000;

export interface SweepTaskDeps
  extends Pick<
    SweepDeps,
    'catalog' | 'auth' | 'store' | 'logger' | 'knowledgeBase' | 'platform'
  > {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** the clusters' live state, when clusters are configured */
  live?: LiveService;
  /** cleared after each sweep: the summary and pages this replica serves */
  readCache: Pick<ReadCache, 'clear'>;
}

/**
 * Schedules the sweep as a global task (once per run across replicas). An
 * empty catalog after a successful sweep is looked at again shortly, out of
 * schedule.
 */
export async function scheduleSweep(deps: SweepTaskDeps): Promise<void> {
  await deps.scheduler.scheduleTask({
    id: SWEEP_TASK_ID,
    scope: 'global',
    ...deps.schedule,
    fn: async () => {
      const outcome = await sweepWithLiveState(deps);
      if (outcome.outcome === 'succeeded' && outcome.services === 0) {
        setTimeout(
          () =>
            deps.scheduler.triggerTask(SWEEP_TASK_ID).catch(() => undefined),
          EMPTY_CATALOG_RETRY_MS,
        ).unref();
      }
    },
  });
}

/**
 * One sweep with the live state (issue 14): the clusters are read first, so
 * the sweep evaluates against the platform they show, and what they run is
 * recorded after a successful sweep. A failed cluster read falls back to the
 * configured platform. The read cache is cleared whatever the outcome: the
 * summary reports the last sweep.
 */
async function sweepWithLiveState(deps: SweepTaskDeps) {
  const { live, logger } = deps;
  const read = await live?.readClusters().catch(e => {
    logger.warn(`Mesh Advisor live read failed: ${e}`);
    return undefined;
  });
  const outcome = await runSweep({
    catalog: deps.catalog,
    auth: deps.auth,
    store: deps.store,
    logger,
    knowledgeBase: deps.knowledgeBase,
    platform: read && live ? live.platformFor(read) : deps.platform,
  });
  if (read && live && outcome.outcome === 'succeeded') {
    await live
      .record(read)
      .catch(e => logger.warn(`Mesh Advisor live pass failed: ${e}`));
  }
  deps.readCache.clear();
  return outcome;
}
