import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  Decision,
  DECISION_TRANSITIONS,
  DecisionPage,
  DecisionSnapshot,
  DecisionTransition,
  ENGINE_VERSION,
  isService,
  KnowledgeBase,
  MeshId,
  meshDecisionCreatePermission,
  meshDecisionTransitionPermission,
  NewDecision,
  transitionRefusal,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type {
  DecisionStore,
  DecisionStoreQuery,
} from '../database/DecisionStore';
import type { EvaluationStore } from '../database/EvaluationStore';
import type { ReadCache } from '../readCache';
import { renderAdr } from './adr';
import { CatalogUnavailableError } from './CatalogUnavailableError';

/** The kinds a decision can be about: a service, or a system or group deciding for many (platform scope). */
const DECIDABLE_KINDS = new Set(['component', 'system', 'group']);

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

  private userRef(credentials: BackstageCredentials): string {
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    if (principal.type !== 'user' || !principal.userEntityRef) {
      // The router only lets users in here; a service has no one to name as author.
      throw new NotAllowedError('Only users can file or change decisions');
    }
    return principal.userEntityRef;
  }

  /** `Component:Default/Payments-API` → `component:default/payments-api`: refs are case-insensitive, stored lower-case like evaluations. */
  private normalizeRef(raw: string, field = 'entityRef'): string {
    try {
      return stringifyEntityRef(parseEntityRef(raw.trim())).toLocaleLowerCase(
        'en-US',
      );
    } catch {
      throw new InputError(
        `${field}: "${raw}" is not an entity reference like component:default/payments-api`,
      );
    }
  }

  /** A user filter: `alice` and `user:default/alice` name the same user. */
  private normalizeUserRef(raw: string): string {
    try {
      return stringifyEntityRef(
        parseEntityRef(raw.trim(), {
          defaultKind: 'user',
          defaultNamespace: 'default',
        }),
      ).toLocaleLowerCase('en-US');
    } catch {
      throw new InputError(
        `author: "${raw}" is not a user reference like user:default/alice`,
      );
    }
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

  /** What Mesh Advisor advised for the entity at the time of filing. */
  private async snapshot(
    entityRef: string,
    kind: string,
  ): Promise<DecisionSnapshot | null> {
    if (kind === 'component') {
      const evaluation = await this.deps.evaluations.get(entityRef);
      if (!evaluation) return null;
      return {
        engineVersion: evaluation.engineVersion,
        knowledgeBaseVersion: evaluation.knowledgeBaseVersion,
        recommendation: evaluation.recommendation
          ? {
              mesh: evaluation.recommendation.mesh,
              confidence: evaluation.recommendation.confidence,
              score: evaluation.recommendation.score,
            }
          : null,
        scores: Object.fromEntries(
          evaluation.ranking.map(c => [c.mesh, c.score]),
        ),
        evaluatedAt: evaluation.evaluatedAt,
        scope: 'service',
      };
    }
    // Systems and groups decide for many services: keep the platform-level advice of the last sweep.
    const sweep = await this.deps.evaluations.lastSuccessfulSweep();
    const platform = (
      sweep?.summary as {
        platform?: {
          recommendation: { mesh: MeshId; confidence: string } | null;
          ranking: { mesh: MeshId; meanScore: number }[];
        };
      } | null
    )?.platform;
    if (!sweep || !platform) return null;
    const top = platform.recommendation;
    return {
      // The stored sweep summary does not record versions; the sweep ran this process's engine and knowledge base.
      engineVersion: ENGINE_VERSION,
      knowledgeBaseVersion: this.deps.knowledgeBase.version,
      recommendation: top
        ? {
            mesh: top.mesh,
            confidence: top.confidence,
            score:
              platform.ranking.find(c => c.mesh === top.mesh)?.meanScore ?? 0,
          }
        : null,
      scores: Object.fromEntries(
        platform.ranking.map(c => [c.mesh, c.meanScore]),
      ),
      evaluatedAt: sweep.finishedAt,
      scope: 'platform',
    };
  }

  async create(
    body: NewDecision,
    credentials: BackstageCredentials,
  ): Promise<Decision> {
    const author = this.userRef(credentials);
    const entityRef = this.normalizeRef(body.entityRef);
    const kind = parseEntityRef(entityRef).kind;
    if (!DECIDABLE_KINDS.has(kind)) {
      throw new InputError(
        `entityRef: decisions are about a service (Component), a System or a Group; ${entityRef} is a ${kind}`,
      );
    }
    const title = body.title.replace(/\s+/g, ' ').trim();
    const rationale = body.rationale.trim();
    if (title.length < 3) throw new InputError('title: at least 3 characters');
    if (rationale.length < 3)
      throw new InputError('rationale: at least 3 characters');

    const entity = await this.visibleEntity(entityRef, credentials);
    if (kind === 'component' && !isService(entity)) {
      const type = (entity.spec as { type?: unknown } | undefined)?.type;
      throw new InputError(
        `entityRef: ${entityRef} is a Component of type ${String(
          type,
        )}; decisions are about Components of type service`,
      );
    }
    await this.authorize(
      meshDecisionCreatePermission,
      entityRef,
      credentials,
      'file a mesh decision',
    );
    const created = await this.deps.store.create(
      {
        entityRef,
        chosen: body.chosen,
        title,
        context: body.context?.trim() ?? '',
        rationale,
        alternatives: [...new Set(body.alternatives ?? [])].filter(
          a => a !== body.chosen,
        ),
        author,
        snapshot: await this.snapshot(entityRef, kind),
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
        ? this.normalizeRef(filter.entityRef)
        : undefined,
      author: filter.author ? this.normalizeUserRef(filter.author) : undefined,
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
    const actor = this.userRef(credentials);
    const decision = await this.visibleDecision(id, credentials);
    await this.authorize(
      meshDecisionTransitionPermission,
      decision.entityRef,
      credentials,
      'change a mesh decision',
    );
    const t = DECISION_TRANSITIONS[body.action];
    if (body.action === 'supersede') {
      if (!body.supersededBy)
        throw new InputError(
          'supersededBy: required to supersede: the id of the newer decision',
        );
      if (body.supersededBy === id)
        throw new InputError(
          'supersededBy: a decision cannot supersede itself',
        );
    } else if (body.supersededBy !== undefined) {
      throw new InputError(
        `supersededBy: only for the supersede action, not ${body.action}`,
      );
    }
    if (body.version !== decision.version) {
      throw new ConflictError(
        `version: you edited version ${body.version}, but the decision is at version ${decision.version} (status ${decision.status}); reload and try again`,
      );
    }
    const refusal = transitionRefusal(body.action, decision.status);
    if (refusal) throw new InputError(refusal);
    if (body.action === 'supersede') {
      const newer = await this.deps.store.get(body.supersededBy!);
      if (!newer || newer.entityRef !== decision.entityRef) {
        throw new InputError(
          `supersededBy: ${body.supersededBy} is not a decision about ${decision.entityRef}`,
        );
      }
      if (newer.status !== 'proposed' && newer.status !== 'accepted') {
        throw new InputError(
          `supersededBy: ${newer.id} is ${newer.status}; only a proposed or accepted decision can supersede`,
        );
      }
      if (newer.createdAt < decision.createdAt) {
        throw new InputError(
          `supersededBy: ${newer.id} was filed before ${id}; only a newer decision can supersede`,
        );
      }
      if (newer.supersedes) {
        throw new InputError(
          `supersededBy: ${newer.id} already supersedes ${newer.supersedes}`,
        );
      }
    }
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
    switch (result.outcome) {
      case 'changed':
        this.deps.readCache.clear();
        return result.decision;
      case 'conflict':
        throw new ConflictError(
          `version: you edited version ${body.version}, but the decision is now at version ${result.current}; reload and try again`,
        );
      case 'newer-accepted':
        throw new InputError(
          `action: ${result.newer}, filed after this decision, is accepted for ${decision.entityRef}, and an older decision cannot replace it; reject this one, or file a new decision`,
        );
      default:
        throw new ConflictError(
          `supersededBy: ${result.reason} (changed meanwhile); reload and try again`,
        );
    }
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
