import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { LiveService } from '../live/liveService';
import { runSweep, SweepOutcome } from './sweep';
import { scheduleSweep, SWEEP_TASK_ID, SweepTaskDeps } from './sweepTask';

jest.mock('./sweep', () => ({ runSweep: jest.fn() }));
const sweep = runSweep as jest.MockedFunction<typeof runSweep>;

const CONFIGURED = { cni: 'cilium', clusters: 2 };
const FROM_CLUSTERS = { cni: 'calico', clusters: 3 };
const outcome = (o: Partial<SweepOutcome>): SweepOutcome => ({
  outcome: 'succeeded',
  services: 5,
  written: 0,
  removed: 0,
  ...o,
});

/** Schedules the sweep with fakes; `run` invokes the scheduled task once. */
async function scheduled(live?: Partial<LiveService>) {
  let task: SchedulerServiceTaskInvocationDefinition | undefined;
  const scheduler = {
    scheduleTask: jest.fn(
      async (t: SchedulerServiceTaskInvocationDefinition) => {
        task = t;
      },
    ),
    triggerTask: jest.fn(async () => {}),
  };
  const readCache = { clear: jest.fn() };
  const deps = {
    scheduler,
    schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
    logger: mockServices.logger.mock(),
    platform: CONFIGURED,
    live: live as LiveService | undefined,
    readCache,
    // catalog, auth, store and knowledge base go only to runSweep, mocked here
  } as unknown as SweepTaskDeps;
  await scheduleSweep(deps);
  const run = () => task!.fn(new AbortController().signal);
  return { task: task!, run, scheduler, readCache };
}

describe('scheduleSweep', () => {
  afterEach(() => {
    jest.useRealTimers();
    sweep.mockReset();
  });

  it('schedules one global task under the sweep id, with the configured schedule', async () => {
    const { task } = await scheduled();
    expect(task).toMatchObject({
      id: SWEEP_TASK_ID,
      scope: 'global',
      frequency: { minutes: 10 },
    });
    expect(SWEEP_TASK_ID).toBe('mesh-advisor-sweep');
  });

  it('looks again 30 s after a sweep found no service, and only then', async () => {
    jest.useFakeTimers();
    const { run, scheduler, readCache } = await scheduled();
    sweep.mockResolvedValueOnce(outcome({ services: 0 }));
    await run();
    expect(readCache.clear).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(29_999);
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(scheduler.triggerTask).toHaveBeenCalledWith(SWEEP_TASK_ID);

    scheduler.triggerTask.mockClear();
    sweep.mockResolvedValueOnce(outcome({ services: 3 }));
    await run();
    sweep.mockResolvedValueOnce(outcome({ outcome: 'failed', services: 0 }));
    await run();
    jest.advanceTimersByTime(60_000);
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
    expect(readCache.clear).toHaveBeenCalledTimes(3);
  });

  it('sweeps against the platform the clusters show and records them after a successful sweep', async () => {
    const read = { at: new Date() };
    const live = {
      readClusters: jest.fn().mockResolvedValue(read),
      platformFor: jest.fn().mockReturnValue(FROM_CLUSTERS),
      record: jest.fn().mockResolvedValue({}),
    };
    const { run } = await scheduled(live);
    sweep.mockResolvedValueOnce(outcome({}));
    await run();
    expect(sweep.mock.calls[0][0].platform).toBe(FROM_CLUSTERS);
    expect(live.record).toHaveBeenCalledWith(read);

    sweep.mockResolvedValueOnce(outcome({ outcome: 'failed' }));
    await run();
    expect(live.record).toHaveBeenCalledTimes(1);
  });

  it('sweeps against the configured platform when the clusters cannot be read', async () => {
    const live = {
      readClusters: jest.fn().mockRejectedValue(new Error('unreachable')),
      platformFor: jest.fn(),
      record: jest.fn(),
    };
    const { run, readCache } = await scheduled(live);
    sweep.mockResolvedValueOnce(outcome({}));
    await run();
    expect(sweep.mock.calls[0][0].platform).toBe(CONFIGURED);
    expect(live.record).not.toHaveBeenCalled();
    expect(readCache.clear).toHaveBeenCalled();
  });
});
