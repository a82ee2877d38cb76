import { createHash } from 'node:crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isService,
  KnowledgeBase,
  meshInputsOf,
  MeshInputsChangedPayload,
  PlatformContextInput,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { EvaluationStore, StoredEdges } from '../database/EvaluationStore';
import { GRAPH_FIELDS, SWEEP_FIELDS } from './catalogReader';
import { evaluationContext } from './evaluationContext';
import { dependsOnRefs } from './records';

/** The hash the catalog module announces: of the entity's mesh-relevant inputs. */
export const meshInputsHash = (entity: Entity) =>
  createHash('sha1').update(meshInputsOf(entity)).digest('hex');

/**
 * How long to wait for the catalog to serve the version an event announced:
 * the processor sees an entity before the catalog stitches and serves it
 * (about a second later, measured). Short steps first, ~20 s in all.
 */
const CATCH_UP_DELAYS_MS = [
  0,
  ...Array<number>(10).fill(200),
  ...Array<number>(8).fill(500),
  ...Array<number>(14).fill(1000),
];

export interface ChangeDeps {
  catalog: CatalogService;
  auth: AuthService;
  store: EvaluationStore;
  logger: LoggerService;
  knowledgeBase: KnowledgeBase;
  /** the configured platform: used until a sweep has stored the one it used */
  platform: PlatformContextInput;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Re-evaluates a service when the catalog announces that its mesh-relevant
 * inputs changed, and the services whose call-chain depth that changes.
 * Every replica receives the event; the one whose claim (a row keyed by
 * entity and inputs hash) lands does the work, so each change is evaluated
 * once. Events are handled one after another per replica.
 */
export class ChangeHandler {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ChangeDeps) {}

  /** Queues the event and returns at once (the bus must not wait on the evaluation). */
  accept(payload: unknown): Promise<void> {
    const p = payload as Partial<MeshInputsChangedPayload>;
    if (typeof p?.entityRef !== 'string' || typeof p?.inputsHash !== 'string')
      return Promise.resolve();
    const done = this.queue.then(() =>
      this.handle(p as MeshInputsChangedPayload).catch(e =>
        this.deps.logger.warn(
          `Mesh Advisor could not re-evaluate ${p.entityRef}; the next sweep will (${e})`,
        ),
      ),
    );
    this.queue = done;
    return Promise.resolve();
  }

  /** Resolves when every event accepted so far is handled (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** One entity with the fields the sweep reads (so its hash is the sweep's). */
  private async byRef(ref: string, fields: string[]) {
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: [ref], fields },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return items[0] ?? undefined;
  }

  /** Handles one change; returns how many services it re-evaluated (0: another replica claimed it). */
  async handle({ entityRef, inputsHash }: MeshInputsChangedPayload) {
    const { store } = this.deps;
    const now = this.deps.now ?? (() => new Date());
    const ref = entityRef.toLowerCase();
    if (!(await store.claimChange(ref, inputsHash, now()))) return 0;

    const sleep =
      this.deps.sleep ?? ((ms: number) => new Promise(r => setTimeout(r, ms)));
    let entity: Entity | undefined;
    let readAt = now();
    for (const delay of CATCH_UP_DELAYS_MS) {
      if (delay) await sleep(delay);
      readAt = now();
      entity = await this.byRef(ref, SWEEP_FIELDS);
      if (entity && meshInputsHash(entity) === inputsHash) break;
    }
    // gone (the sweep removes it) or not caught up: evaluate what is served
    if (!entity) return 0;
    const evaluated = await this.reevaluate(entity, readAt);
    await store.changeEvaluated(ref, inputsHash, evaluated);
    return evaluated;
  }

  /**
   * The entity's new depth from its dependsOn and the stored depths, then
   * upwards through the stored dependsOn of the services that depend on it,
   * as far as depths change; those services and the entity are evaluated
   * again and written where their inputs changed.
   */
  private async reevaluate(entity: Entity, readAt: Date): Promise<number> {
    const { store, catalog, auth, knowledgeBase } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const ref = stringifyEntityRef(entity).toLowerCase();
    // What is stored, read as the walk needs it (the entity, what it depends
    // on, who depends on what changed), not every row for each change.
    const stored = new Map<string, StoredEdges | null>();
    const remember = (edges: StoredEdges[]) => {
      for (const e of edges)
        if (!stored.has(e.entityRef)) stored.set(e.entityRef, e);
    };
    const own = dependsOnRefs(entity);
    const wanted = [ref, ...own];
    remember(await store.edgesOf(wanted));
    for (const r of wanted) if (!stored.has(r)) stored.set(r, null);
    const storedOf = async (r: string) => {
      if (!stored.has(r)) {
        remember(await store.edgesOf([r]));
        if (!stored.has(r)) stored.set(r, null);
      }
      return stored.get(r) ?? undefined;
    };
    const dependentsMemo = new Map<string, string[]>();
    const dependentsOf = async (r: string) => {
      let list = dependentsMemo.get(r);
      if (!list) {
        const edges = await store.dependentsOf(r);
        remember(edges);
        list = edges.map(e => e.entityRef);
        dependentsMemo.set(r, list);
      }
      return list;
    };
    const storedDepth = stored.get(ref)?.depth;
    stored.set(ref, {
      entityRef: ref,
      depth: storedDepth ?? 1,
      dependsOn: own,
    });

    // depths of components not stored (not services): read from the catalog
    const unstored = new Map<string, number>();
    const depthOf = async (
      r: string,
      changed: Map<string, number>,
      visiting: Set<string>,
    ): Promise<number> => {
      const known =
        changed.get(r) ?? (await storedOf(r))?.depth ?? unstored.get(r);
      if (known !== undefined) return known;
      if (visiting.has(r)) return 0;
      visiting.add(r);
      const e = await this.byRef(r, GRAPH_FIELDS);
      let depth = 0;
      if (e) {
        depth = 1;
        for (const d of dependsOnRefs(e))
          depth = Math.max(depth, 1 + (await depthOf(d, changed, visiting)));
      }
      visiting.delete(r);
      unstored.set(r, depth);
      return depth;
    };
    const recompute = async (r: string, changed: Map<string, number>) => {
      let depth = 1;
      for (const d of (await storedOf(r))!.dependsOn)
        depth = Math.max(depth, 1 + (await depthOf(d, changed, new Set([r]))));
      return depth;
    };

    const changed = new Map<string, number>();
    changed.set(ref, await recompute(ref, new Map()));
    const queue = [ref];
    const visits = new Map<string, number>();
    while (queue.length) {
      const r = queue.shift()!;
      for (const up of await dependentsOf(r)) {
        // a cycle is cut: each service is revisited at most twice
        const seen = visits.get(up) ?? 0;
        if (seen >= 2) continue;
        visits.set(up, seen + 1);
        const depth = await recompute(up, changed);
        if (depth !== (changed.get(up) ?? (await storedOf(up))?.depth)) {
          changed.set(up, depth);
          queue.push(up);
        }
      }
    }

    const refs = [...changed.keys()].filter(
      r => r === ref || changed.get(r) !== stored.get(r)?.depth,
    );
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs.filter(r => r !== ref), fields: SWEEP_FIELDS },
      { credentials },
    );
    const entities = [entity, ...items.filter((e): e is Entity => !!e)].filter(
      isService,
    );
    if (!entities.length) return 0;

    const [platform, lastSweep] = await Promise.all([
      store.lastPlatform(),
      store.lastSuccessfulSweep(),
    ]);
    const context = evaluationContext(
      knowledgeBase,
      (platform as PlatformContextInput | undefined) ?? this.deps.platform,
      lastSweep?.services ?? (await store.serviceCount()),
    );
    const records = entities.map(e =>
      context.record(e, changed.get(stringifyEntityRef(e).toLowerCase()) ?? 1),
    );
    // a sweep that read the catalog after this entity was read is newer
    await store.writeChanged(
      records,
      (this.deps.now ?? (() => new Date()))(),
      readAt,
    );
    return records.length;
  }
}
