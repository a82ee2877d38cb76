import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createEvaluator,
  EvaluationPage,
  EvaluationResult,
  isService,
  KnowledgeBase,
  MeshAdvisorSummary,
  PlatformContextInput,
  resolvePlatform,
  StoredEvaluation,
  StoredSummary,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type {
  EvaluationStore,
  EvaluationStoreQuery,
} from '../database/EvaluationStore';
import { CatalogUnavailableError } from './CatalogUnavailableError';
import { JsonBody, jsonBody } from '../http/jsonBody';
import { ReadAccessResolver } from './readAccess';
import type { ReadCache } from '../readCache';
import { publicSweepMessage } from './sweep';

/** Reading evaluations, stored or live, and evaluating what-if entities. */
export class EvaluationService {
  constructor(
    private readonly deps: {
      store: EvaluationStore;
      catalog: CatalogService;
      knowledgeBase: KnowledgeBase;
      platform: PlatformContextInput;
      permissions: PermissionsService;
      /** the replica's read cache, shared with the store: holds the summary */
      readCache: ReadCache;
      /** how long this replica keeps a caller's read access (ms; 0: never) */
      cacheMs?: number;
    },
  ) {
    this.readAccess = new ReadAccessResolver({
      permissions: deps.permissions,
      catalog: deps.catalog,
      cacheMs: deps.cacheMs ?? 2000,
    });
  }

  private readonly readAccess: ReadAccessResolver;

  /**
   * Whether the caller may read every entity (catalog read allowed outright),
   * so stored data can be served without asking the catalog about each one.
   * False when that cannot be known either.
   */
  mayReadAll(credentials: BackstageCredentials): Promise<boolean> {
    return this.readAccess.of(credentials).then(
      a => a.all,
      () => false,
    );
  }

  /**
   * The entity's evaluation. The catalog is asked first, with the caller's
   * credentials, so a user only sees evaluations of entities they may read.
   * When the catalog cannot be asked, a caller who may read every entity
   * gets the stored evaluation marked stale; anyone else 503, as serving it
   * would bypass their read access.
   */
  async forEntity(
    ref: { namespace: string; kind: string; name: string },
    live: boolean,
    credentials: BackstageCredentials,
  ): Promise<StoredEvaluation> {
    const entityRef = stringifyEntityRef(ref);
    let entity: Entity | undefined;
    try {
      entity = await this.deps.catalog.getEntityByRef(entityRef, {
        credentials,
      });
    } catch (e) {
      return this.storedDuringOutage(entityRef, credentials, e);
    }
    if (!entity)
      throw new NotFoundError(
        `No entity ${entityRef} in the catalog (or you may not read it)`,
      );
    if (!isService(entity)) {
      const type = (entity.spec as { type?: string } | undefined)?.type;
      throw new NotFoundError(
        `${entityRef} is a ${entity.kind}${
          type ? ` of type ${type}` : ''
        }; Mesh Advisor evaluates Components of type service`,
      );
    }
    const stored = await this.deps.store.get(entityRef);
    if (stored && !live) return stored;
    // Live, or not swept yet: evaluate now, with the depth and service count of the last sweep.
    const result = await this.evaluateNow(
      entity,
      stored?.callChainDepth ?? 1,
      stored?.platform.serviceCount,
    );
    return {
      ...result,
      evaluatedAt: new Date().toISOString(),
      stale: false,
      catalogVersion: entity.metadata.etag ?? null,
      live: true,
    };
  }

  private async storedDuringOutage(
    entityRef: string,
    credentials: BackstageCredentials,
    cause: unknown,
  ): Promise<StoredEvaluation> {
    const stored = (await this.mayReadAll(credentials))
      ? await this.deps.store.get(entityRef.toLowerCase())
      : undefined;
    if (stored) return { ...stored, stale: true };
    throw new CatalogUnavailableError(cause);
  }

  async evaluateNow(
    entity: Entity,
    callChainDepth = 1,
    serviceCount?: number,
    platform?: PlatformContextInput,
  ): Promise<EvaluationResult> {
    const evaluate = createEvaluator({
      knowledgeBase: this.deps.knowledgeBase,
      platform: resolvePlatform({
        ...this.deps.platform,
        ...(serviceCount !== undefined ? { serviceCount } : {}),
        ...platform,
      }),
    });
    return evaluate(entity, callChainDepth);
  }

  list(query: EvaluationStoreQuery): Promise<EvaluationPage> {
    return this.deps.store.list(query);
  }

  /**
   * A page of the services the caller may read, as a JSON response body.
   * When they may read every one, or under a read filter the table applies,
   * the store hands out the same page object while it reuses it (see
   * meshAdvisor.cacheSeconds), so each is serialized once, not once per
   * request.
   */
  async listJson(
    query: EvaluationStoreQuery,
    credentials: BackstageCredentials,
  ): Promise<JsonBody> {
    const access = await this.readAccess.forStore(credentials);
    if (!access.all && !('filter' in access)) {
      if (!access.refs.length)
        return jsonBody({ items: [], totalCount: 0, nextCursor: null });
      return jsonBody(await this.list({ ...query, onlyRefs: access.refs }));
    }
    // A filtered page is cached per filter, like the shared pages.
    const page = await this.list(
      access.all ? query : { ...query, readFilter: access.filter },
    );
    let body = this.serialized.get(page);
    if (!body) {
      body = jsonBody(page);
      this.serialized.set(page, body);
    }
    return body;
  }

  private readonly serialized = new WeakMap<EvaluationPage, JsonBody>();

  /**
   * The summary changes once per sweep; each replica keeps it for a moment
   * rather than re-reading and re-parsing it on every request.
   */
  summary() {
    return this.cachedSummary().then(s => s.value);
  }

  /**
   * The summary as a JSON response body. It is ~40 kB (the platform
   * recommendation lists unsatisfied services), so it is serialized once per
   * cached summary rather than once per request. The counts are the
   * platform's; a caller who may not read every service sees only those
   * they may read among the unsatisfied.
   */
  async summaryJson(credentials: BackstageCredentials): Promise<JsonBody> {
    const access = await this.readAccess.forStore(credentials);
    if (access.all) return (await this.cachedSummary()).json;
    const summary = await this.summary();
    if (!summary.platform) return jsonBody(summary);
    const readable =
      'filter' in access
        ? await this.deps.store.readableAmong(
            summary.platform.unsatisfied.map(u => u.entityRef),
            access.filter,
          )
        : new Set(access.refs);
    return jsonBody({
      ...summary,
      platform: {
        ...summary.platform,
        unsatisfied: summary.platform.unsatisfied.filter(u =>
          readable.has(u.entityRef.toLowerCase()),
        ),
      },
    });
  }

  /** Cleared with the pages: by a sweep through this replica, or a decision. */
  private cachedSummary() {
    return this.deps.readCache.get('summary', async () => {
      const value = await this.readSummary();
      return { value, json: jsonBody(value) };
    });
  }

  private async readSummary(): Promise<MeshAdvisorSummary> {
    const [last, success] = await Promise.all([
      this.deps.store.lastSweep(),
      this.deps.store.lastSuccessfulSweep(),
    ]);
    const stored = success?.summary as StoredSummary | undefined;
    return {
      total: stored?.total ?? 0,
      byMesh: stored?.byMesh ?? {},
      byStatus: stored?.byStatus ?? {},
      stale: last?.outcome === 'failed',
      lastSweep: last
        ? {
            startedAt: last.startedAt,
            finishedAt: last.finishedAt,
            outcome: last.outcome,
            message: publicSweepMessage(last.message),
            services: last.services,
          }
        : null,
      lastSuccessAt: success?.finishedAt ?? null,
      platform: stored?.platform ?? null,
    };
  }
}
