import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DerivedPlatform,
  isService,
  PlatformContextInput,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type {
  DatabaseLiveStore,
  PreviousState,
} from '../database/DatabaseLiveStore';
import { forEachComponentPage } from '../service/catalogReader';
import type { LiveClusterReader, ReadPass } from './clusterReader';
import { judgeServices, JudgedState, LIVE_FIELDS } from './liveStates';
import {
  LiveNotification,
  LiveNotifier,
  meshTabLink,
  NOTIFY_STATES,
} from './notifier';
import { derivePlatform } from './platformContext';

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

  /**
   * Stores actual states and drift for every service, and notifies owners of
   * transitions. The catalog is read page by page (1,000), each page joined
   * with its services' stored advice, decisions and previous states and
   * written before the next is read: memory holds a page, the cluster
   * snapshots and the refs seen. States of services gone from the catalog
   * are removed only after a complete read.
   */
  async record(read: LiveRead): Promise<LivePassOutcome> {
    const { store, logger } = this.deps;
    const seen = new Set<string>();
    let notified = 0;
    await forEachComponentPage(
      this.deps.catalog,
      this.deps.auth,
      LIVE_FIELDS,
      async items => {
        const services = items.filter(isService);
        const refs = services.map(e => stringifyEntityRef(e).toLowerCase());
        if (!refs.length) return;
        const [inputs, previous] = await Promise.all([
          store.inputs(refs),
          store.previous(refs),
        ]);
        const states = judgeServices(services, read, inputs, previous);
        await store.upsertStates(
          states.map(({ decisionId: _d, atRiskReason: _r, ...s }) => s),
        );
        refs.forEach(r => seen.add(r));
        for (const s of states) {
          const before = previous.get(s.entityRef.toLowerCase());
          for (const n of this.transitions(s, before)) {
            if (await this.notify(n.key, n.notification, read.at)) notified++;
          }
        }
      },
    );
    await store.removeStatesExcept(seen);
    await store.recordPass({
      at: read.at.toISOString(),
      clusters: read.states,
      platform: read.platform,
      requests: read.requests,
    });
    const unreachable = read.states.filter(s => !s.reachable).length;
    logger.info(
      `Mesh Advisor live pass: ${read.states.length} clusters (${unreachable} unreachable), ${read.requests} requests, ${seen.size} services, ${notified} notifications`,
    );
    return {
      services: seen.size,
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
    s: JudgedState,
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
