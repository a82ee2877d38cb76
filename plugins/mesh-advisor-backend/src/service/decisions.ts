import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  Decision,
  DECISION_TRANSITIONS,
  DecisionPage,
  DecisionTransition,
  isService,
  KnowledgeBase,
  meshDecisionCreatePermission,
  meshDecisionTransitionPermission,
  NewDecision,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type {
  DecisionStore,
  DecisionStoreQuery,
} from '../database/DecisionStore';
import type { EvaluationStore } from '../database/EvaluationStore';
import type { ReadCache } from '../readCache';
import { renderAdr } from './adr';
import { CatalogUnavailableError } from './CatalogUnavailableError';
import {
  checkNewDecision,
  normalizeEntityRef,
  normalizeUserRef,
  userRefOf,
} from './decisionInput';
import { adviceSnapshot } from './decisionSnapshot';
import {
  checkSuccessor,
  checkTransition,
  refusedChangeError,
} from './decisionTransitionChecks';

/** How many store pages one GET /decisions reads at most to fill a page with decisions the caller may see. */
const MAX_LIST_ROUNDS = 5;

export interface DecisionServiceDeps {
  store: DecisionStore;
  /** what was advised, recorded with a filed decision */
  evaluations: Pick<EvaluationStore, 'get' | 'lastSuccessfulSweep'>;
  /** cleared when a decision is filed or changed: the overview's decision columns and counts show it at once */
  readCache: Pick<ReadCache, 'clear'>;
  catalog: CatalogService;
  permissions: PermissionsService;
  auth: AuthService;
  knowledgeBase: KnowledgeBase;
  /** whether the caller may read every entity (decides what is served while the catalog is down) */
  mayReadAll?: (credentials: BackstageCredentials) => Promise<boolean>;
  now?: () => Date;
}

/**
 * Filing and transitioning adoption decisions. The author and actors come
 * from the caller's Backstage identity; reading follows catalog read access;
 * creating and transitioning are permission-checked against the entity.
 */
export class DecisionService {
  private readonly now: () => Date;
  constructor(private readonly deps: DecisionServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Whether stored decisions may be served without the catalog's word on each entity. */
  private async mayReadAll(credentials: BackstageCredentials) {
    return (await this.deps.mayReadAll?.(credentials)) ?? false;
  }

  /** The entity, as the caller may see it; 404 when they may not; 503 when the catalog cannot say. */
  private async visibleEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    let entity: Entity | undefined;
    try {
      entity = await this.deps.catalog.getEntityByRef(entityRef, {
        credentials,
      });
    } catch (e) {
      throw new CatalogUnavailableError(e);
    }
    if (!entity)
      throw new NotFoundError(
        `No entity ${entityRef} in the catalog (or you may not read it)`,
      );
    return entity;
  }

  private async authorize(
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    credentials: BackstageCredentials,
    what: string,
  ) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${what} for ${entityRef} (permission ${permission.name}); ask one of its owners.`,
      );
    }
  }

  async create(
    body: NewDecision,
    credentials: BackstageCredentials,
  ): Promise<Decision> {
    const author = userRefOf(credentials);
    const { kind, ...fields } = checkNewDecision(body);
    const entity = await this.visibleEntity(fields.entityRef, credentials);
    if (kind === 'component' && !isService(entity)) {
      const type = (entity.spec as { type?: unknown } | undefined)?.type;
      throw new InputError(
        `entityRef: ${fields.entityRef} is a Component of type ${String(
          type,
        )}; decisions are about Components of type service`,
      );
    }
    await this.authorize(
      meshDecisionCreatePermission,
      fields.entityRef,
      credentials,
      'file a mesh decision',
    );
    const created = await this.deps.store.create(
      {
        ...fields,
        author,
        snapshot: await adviceSnapshot(this.deps, fields.entityRef, kind),
      },
      this.now(),
    );
    this.deps.readCache.clear();
    return created;
  }

  /**
   * Newest first. Reading follows catalog read access: decisions about
   * entities the caller cannot see are left out, and further store pages are
   * read to fill the page (a few at most; the cursor then resumes there).
   */
  async list(
    filter: DecisionStoreQuery,
    credentials: BackstageCredentials,
  ): Promise<DecisionPage> {
    const base = {
      status: filter.status,
      chosen: filter.chosen,
      entityRef: filter.entityRef
        ? normalizeEntityRef(filter.entityRef)
        : undefined,
      author: filter.author ? normalizeUserRef(filter.author) : undefined,
    };
    const visibility = new Map<string, boolean>();
    const items: Decision[] = [];
    // Set when the catalog could not be asked and the caller may read everything.
    let stale = false;
    let cursor = filter.cursor;
    for (let round = 0; round < MAX_LIST_ROUNDS; round++) {
      const page = await this.deps.store.list({
        ...base,
        limit: filter.limit,
        cursor,
      });
      const unknown = [...new Set(page.items.map(d => d.entityRef))].filter(
        ref => !visibility.has(ref),
      );
      if (unknown.length && stale) {
        unknown.forEach(ref => visibility.set(ref, true));
      } else if (unknown.length) {
        try {
          const { items: entities } = await this.deps.catalog.getEntitiesByRefs(
            {
              entityRefs: unknown,
              fields: ['kind', 'metadata.name', 'metadata.namespace'],
            },
            { credentials },
          );
          unknown.forEach((ref, i) =>
            visibility.set(ref, Boolean(entities[i])),
          );
        } catch (e) {
          if (!(await this.mayReadAll(credentials)))
            throw new CatalogUnavailableError(e);
          stale = true;
          unknown.forEach(ref => visibility.set(ref, true));
        }
      }
      for (const [i, d] of page.items.entries()) {
        if (!visibility.get(d.entityRef)) continue;
        items.push(d);
        if (items.length === filter.limit) {
          const more = i < page.items.length - 1 || page.nextCursor !== null;
          return {
            items,
            nextCursor: more ? this.deps.store.cursorAfter(d) : null,
            ...(stale ? { stale } : {}),
          };
        }
      }
      if (!page.nextCursor)
        return { items, nextCursor: null, ...(stale ? { stale } : {}) };
      cursor = page.nextCursor;
    }
    return { items, nextCursor: cursor ?? null, ...(stale ? { stale } : {}) };
  }

  /** The decision, if the caller may read its entity; 404 alike when it does not exist and when they may not. */
  private async visibleDecision(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Decision> {
    const decision = await this.deps.store.get(id);
    if (!decision) throw new NotFoundError(`No decision ${id}`);
    let entity: Entity | undefined;
    try {
      entity = await this.deps.catalog.getEntityByRef(decision.entityRef, {
        credentials,
      });
    } catch (e) {
      // the catalog is down: stored decisions stay readable to whoever may read everything
      if (await this.mayReadAll(credentials)) return decision;
      throw new CatalogUnavailableError(e);
    }
    if (!entity) throw new NotFoundError(`No decision ${id}`);
    return decision;
  }

  async get(id: string, credentials: BackstageCredentials) {
    const decision = await this.visibleDecision(id, credentials);
    return { ...decision, events: await this.deps.store.events(id) };
  }

  async transition(
    id: string,
    body: DecisionTransition,
    credentials: BackstageCredentials,
  ): Promise<Decision> {
    const actor = userRefOf(credentials);
    const decision = await this.visibleDecision(id, credentials);
    await this.authorize(
      meshDecisionTransitionPermission,
      decision.entityRef,
      credentials,
      'change a mesh decision',
    );
    checkTransition(decision, body);
    if (body.supersededBy) {
      const newer = await this.deps.store.get(body.supersededBy);
      checkSuccessor(decision, body.supersededBy, newer);
    }
    const t = DECISION_TRANSITIONS[body.action];
    const result = await this.deps.store.changeStatus(
      {
        id,
        expectedVersion: body.version,
        from: t.from,
        to: t.to,
        event: t.event,
        actor,
        note: body.note?.trim() || undefined,
        supersededBy: body.supersededBy,
      },
      this.now(),
    );
    if (result.outcome !== 'changed')
      throw refusedChangeError(result, body, decision);
    this.deps.readCache.clear();
    return result.decision;
  }

  async adr(id: string, credentials: BackstageCredentials): Promise<string> {
    const decision = await this.visibleDecision(id, credentials);
    return renderAdr(
      decision,
      await this.deps.store.events(id),
      this.deps.knowledgeBase,
    );
  }
}
