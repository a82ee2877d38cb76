import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActualState,
  DerivedPlatform,
  isService,
  PlatformContextInput,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type {
  DatabaseLiveStore,
  PreviousState,
} from '../database/DatabaseLiveStore';
import { readAllComponents } from '../service/catalogReader';
import type { LiveClusterReader, ReadPass } from './clusterReader';
import { decisionAtRisk } from './drift';
import {
  LiveNotification,
  LiveNotifier,
  meshTabLink,
  NOTIFY_STATES,
} from './notifier';
import { derivePlatform } from './platformContext';
import { serviceActual } from './serviceActual';
import { workloadSelector } from './workloadSelector';

// Notification titles for the states owners are told about.
const TITLES = {
  drift: 'runs a different mesh than decided',
  'unmeshed-but-required': 'runs no mesh but requires one',
  'blocked-mesh': 'runs a mesh that cannot serve its requirements',
};

/** One live pass: clusters read, platform derived. */
export type LiveRead = ReadPass & { platform: DerivedPlatform; at: Date };

export type LivePassOutcome = {
  services: number;
  notified: number;
  requests: number;
  clustersUnreachable: number;
};

/**
 * Joins what the clusters run with the stored advice and accepted decisions:
 * reads the clusters (before the sweep, so the sweep evaluates against the
 * derived platform), then after the sweep stores each service's actual state
 * and drift and tells owners about transitions.
 */
export class LiveService {
  constructor(
    private readonly deps: {
      reader: LiveClusterReader;
      store: DatabaseLiveStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      platform: PlatformContextInput;
      notifier?: LiveNotifier;
    },
  ) {}

  /** Reads every cluster and derives the platform context (app-config overriding). */
  async readClusters(now = new Date()): Promise<LiveRead> {
    const pass = await this.deps.reader.read(now);
    return {
      ...pass,
      platform: derivePlatform(pass.states, this.deps.platform),
      at: now,
    };
  }

  /** The platform input for the sweep: config with the derived CNI and current mesh filled in. */
  platformFor(read: LiveRead): PlatformContextInput {
    return {
      ...this.deps.platform,
      cni: read.platform.cni,
      currentMesh: read.platform.currentMesh,
      clusters: read.platform.clusters,
    };
  }

  /** Stores actual states and drift for every service, and notifies owners of transitions. */
  async record(read: LiveRead, entities?: Entity[]): Promise<LivePassOutcome> {
    const { store, logger } = this.deps;
    const all =
      entities ?? (await readAllComponents(this.deps.catalog, this.deps.auth));
    const services = all.filter(isService);
    const [inputs, previous] = await Promise.all([
      store.inputs(),
      store.previous(),
    ]);
    const unreachable = read.states.filter(s => !s.reachable).length;

    const states = services.map(entity => {
      const entityRef = stringifyEntityRef(entity);
      const key = entityRef.toLowerCase();
      const input = inputs.get(key);
      const decided = input?.decision?.chosen ?? null;
      let actual = serviceActual({
        entityRef,
        selector: workloadSelector(entity),
        clusters: read.views,
        evaluation: input?.evaluation ?? null,
        decided,
        observedAt: read.at,
      });
      // No pods now because clusters failed (e.g. after a restart, before any
      // read succeeded): keep what was known, marked stale.
      const before = previous.get(key);
      if (
        actual.pods === 0 &&
        unreachable > 0 &&
        before &&
        before.actual.pods > 0
      ) {
        actual = { ...before.actual, stale: true };
      }
      return {
        ...actual,
        decisionAtRisk: Boolean(
          decisionAtRisk(input?.evaluation ?? null, decided),
        ),
        decisionId: input?.decision?.id ?? null,
        atRiskReason: decisionAtRisk(input?.evaluation ?? null, decided),
      };
    });

    await store.replaceStates(
      states.map(({ decisionId: _d, atRiskReason: _r, ...s }) => s),
    );
    await store.recordPass({
      at: read.at.toISOString(),
      clusters: read.states,
      platform: read.platform,
      requests: read.requests,
    });

    let notified = 0;
    for (const s of states) {
      for (const n of this.transitions(
        s,
        previous.get(s.entityRef.toLowerCase()),
      )) {
        if (await this.notify(n.key, n.notification, read.at)) notified++;
      }
    }
    logger.info(
      `Mesh Advisor live pass: ${read.states.length} clusters (${unreachable} unreachable), ${read.requests} requests, ${services.length} services, ${notified} notifications`,
    );
    return {
      services: services.length,
      notified,
      requests: read.requests,
      clustersUnreachable: unreachable,
    };
  }

  /**
   * The notifications a service's new state calls for, each with a key that
   * names the transition: the state it left and when that state was
   * observed. Replicas judging the same transition produce the same key.
   */
  private transitions(
    s: ActualState & {
      decisionAtRisk: boolean;
      decisionId: string | null;
      atRiskReason: string | null;
    },
    before: PreviousState | undefined,
  ): Array<{ key: string; notification: LiveNotification }> {
    const out: Array<{ key: string; notification: LiveNotification }> = [];
    const link = meshTabLink(s.entityRef);
    // A stale state is the last known one, not news.
    if (!s.stale && NOTIFY_STATES.has(s.drift) && before?.drift !== s.drift) {
      out.push({
        key: `${s.entityRef.toLowerCase()}|${s.drift}|from:${
          before?.drift ?? 'new'
        }@${before?.observedAt ?? 0}`,
        notification: {
          entityRef: s.entityRef,
          topic: s.drift,
          title: `${s.entityRef}: ${TITLES[s.drift as keyof typeof TITLES]}`,
          description: s.driftReason,
          link,
          severity: s.drift === 'blocked-mesh' ? 'high' : 'normal',
        },
      });
    }
    if (s.decisionAtRisk && !before?.decisionAtRisk && s.decisionId) {
      out.push({
        key: `${s.entityRef.toLowerCase()}|decision-at-risk|${s.decisionId}`,
        notification: {
          entityRef: s.entityRef,
          topic: 'decision-at-risk',
          title: `${s.entityRef}: the accepted decision for ${s.decided} is at risk`,
          description: `The current advice blocks ${s.decided} for this service: ${s.atRiskReason}`,
          link,
          severity: 'high',
        },
      });
    }
    return out;
  }

  private async notify(
    key: string,
    n: LiveNotification,
    now: Date,
  ): Promise<boolean> {
    const { notifier, store, logger } = this.deps;
    if (!notifier) return false;
    if (!(await store.claimNotification(key, n.entityRef, n.topic, now)))
      return false;
    try {
      await notifier.send(n);
      return true;
    } catch (e) {
      // The claim stays: a failed send is logged, not retried on every pass.
      logger.warn(
        `Mesh Advisor: notifying the owners of ${n.entityRef} (${
          n.topic
        }) failed: ${(e as Error).message}`,
      );
      return false;
    }
  }
}
