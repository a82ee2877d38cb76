import type { AuthService, BackstageCredentials, BackstageUserPrincipal, PermissionsService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult, BasicPermission, ResourcePermission } from '@backstage/plugin-permission-common';
import {
  KnowledgeBase,
  MeshId,
  meshDecisionCreatePermission,
  meshDecisionTransitionPermission,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { Decision, DecisionSnapshot, DecisionStatus, DecisionStore } from '../database/DecisionStore';
import type { EvaluationStore } from '../database/EvaluationStore';
import { renderAdr } from './adr';

export interface CreateDecisionBody {
  entityRef: string;
  chosen: MeshId;
  title: string;
  context?: string;
  rationale: string;
  alternatives?: MeshId[];
}

export interface TransitionBody {
  action: 'accept' | 'reject' | 'supersede';
  version: number;
  supersededBy?: string;
  note?: string;
}

/** Which action moves a decision from which status to which. */
const TRANSITIONS: Record<TransitionBody['action'], { from: DecisionStatus; to: DecisionStatus; event: 'accepted' | 'rejected' | 'superseded' }> = {
  accept: { from: 'proposed', to: 'accepted', event: 'accepted' },
  reject: { from: 'proposed', to: 'rejected', event: 'rejected' },
  supersede: { from: 'accepted', to: 'superseded', event: 'superseded' },
};

export interface DecisionServiceDeps {
  store: DecisionStore;
  evaluations: EvaluationStore;
  catalog: CatalogService;
  permissions: PermissionsService;
  auth: AuthService;
  knowledgeBase: KnowledgeBase;
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
    return (credentials.principal as BackstageUserPrincipal).userEntityRef;
  }

  private normalizeRef(raw: string): string {
    try {
      return stringifyEntityRef(parseEntityRef(raw));
    } catch {
      throw new InputError(`entityRef: "${raw}" is not an entity reference like component:default/payments-api`);
    }
  }

  /** The entity, as the caller may see it; 404 when they may not. */
  private async visibleEntity(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog (or you may not read it)`);
    return entity;
  }

  private async authorize(permission: BasicPermission | ResourcePermission<'catalog-entity'>, entityRef: string, credentials: BackstageCredentials, what: string) {
    const [decision] = await this.deps.permissions.authorize([{ permission: permission as ResourcePermission<'catalog-entity'>, resourceRef: entityRef }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not ${what} for ${entityRef} (permission ${permission.name}); ask one of its owners.`);
    }
  }

  private async snapshot(entityRef: string, kind: string): Promise<DecisionSnapshot | null> {
    const evaluation = await this.deps.evaluations.get(entityRef);
    if (evaluation) {
      return {
        engineVersion: evaluation.engineVersion,
        knowledgeBaseVersion: evaluation.knowledgeBaseVersion,
        recommendation: evaluation.recommendation
          ? { mesh: evaluation.recommendation.mesh, confidence: evaluation.recommendation.confidence, score: evaluation.recommendation.score }
          : null,
        scores: Object.fromEntries(evaluation.ranking.map(c => [c.mesh, c.score])),
        evaluatedAt: evaluation.evaluatedAt,
        scope: 'service',
      };
    }
    if (kind === 'component') return null;
    // Systems and groups decide for many services: keep the platform-level advice.
    const sweep = await this.deps.evaluations.lastSuccessfulSweep();
    const platform = (sweep?.summary as { platform?: { recommendation: { mesh: MeshId; confidence: string } | null; ranking: { mesh: MeshId; meanScore: number }[] } } | null)?.platform;
    if (!platform) return null;
    return {
      engineVersion: '',
      knowledgeBaseVersion: this.deps.knowledgeBase.version,
      recommendation: platform.recommendation ? { ...platform.recommendation, score: platform.ranking[0]?.meanScore ?? 0 } : null,
      scores: Object.fromEntries(platform.ranking.map(c => [c.mesh, c.meanScore])),
      evaluatedAt: sweep?.finishedAt ?? null,
      scope: 'platform',
    };
  }

  async create(body: CreateDecisionBody, credentials: BackstageCredentials): Promise<Decision> {
    const entityRef = this.normalizeRef(body.entityRef);
    const entity = await this.visibleEntity(entityRef, credentials);
    await this.authorize(meshDecisionCreatePermission, entityRef, credentials, 'file a mesh decision');
    const title = body.title.trim();
    const rationale = body.rationale.trim();
    if (title.length < 3) throw new InputError('title: at least 3 characters');
    if (rationale.length < 3) throw new InputError('rationale: at least 3 characters');
    return this.deps.store.create(
      {
        entityRef,
        chosen: body.chosen,
        title,
        context: body.context?.trim() ?? '',
        rationale,
        alternatives: [...new Set(body.alternatives ?? [])].filter(a => a !== body.chosen),
        author: this.userRef(credentials),
        snapshot: await this.snapshot(entityRef, entity.kind.toLowerCase()),
      },
      this.now(),
    );
  }

  async list(filter: { entityRef?: string; status?: DecisionStatus; chosen?: MeshId; author?: string; limit: number; cursor?: string }, credentials: BackstageCredentials) {
    const page = await this.deps.store.list({ ...filter, entityRef: filter.entityRef ? this.normalizeRef(filter.entityRef) : undefined });
    // Reading follows catalog read access: drop decisions about entities the caller cannot see.
    const refs = [...new Set(page.items.map(d => d.entityRef))];
    if (!refs.length) return page;
    const { items } = await this.deps.catalog.getEntitiesByRefs({ entityRefs: refs, fields: ['kind', 'metadata.name', 'metadata.namespace'] }, { credentials });
    const visible = new Set(refs.filter((_, i) => items[i]));
    return { items: page.items.filter(d => visible.has(d.entityRef)), nextCursor: page.nextCursor };
  }

  private async visibleDecision(id: string, credentials: BackstageCredentials): Promise<Decision> {
    const decision = await this.deps.store.get(id);
    if (!decision) throw new NotFoundError(`No decision ${id}`);
    const entity = await this.deps.catalog.getEntityByRef(decision.entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No decision ${id}`);
    return decision;
  }

  async get(id: string, credentials: BackstageCredentials) {
    const decision = await this.visibleDecision(id, credentials);
    return { ...decision, events: await this.deps.store.events(id) };
  }

  async transition(id: string, body: TransitionBody, credentials: BackstageCredentials): Promise<Decision> {
    const decision = await this.visibleDecision(id, credentials);
    await this.authorize(meshDecisionTransitionPermission, decision.entityRef, credentials, 'change a mesh decision');
    const t = TRANSITIONS[body.action];
    if (body.version !== decision.version) {
      throw new ConflictError(`version: you edited version ${body.version}, but the decision is at version ${decision.version} (status ${decision.status}); reload and try again`);
    }
    if (decision.status !== t.from) {
      throw new InputError(`action: cannot ${body.action} a ${decision.status} decision; only a ${t.from} one`);
    }
    if (body.action === 'supersede') {
      if (!body.supersededBy) throw new InputError('supersededBy: required to supersede: the id of the newer decision');
      if (body.supersededBy === id) throw new InputError('supersededBy: a decision cannot supersede itself');
      const newer = await this.deps.store.get(body.supersededBy);
      if (!newer || newer.entityRef !== decision.entityRef) {
        throw new InputError(`supersededBy: ${body.supersededBy} is not a decision about ${decision.entityRef}`);
      }
      if (newer.status === 'rejected' || newer.status === 'superseded') {
        throw new InputError(`supersededBy: ${body.supersededBy} is ${newer.status}; only a proposed or accepted decision can supersede`);
      }
    } else if (body.supersededBy) {
      throw new InputError(`supersededBy: only for the supersede action`);
    }
    const result = await this.deps.store.changeStatus(
      { id, expectedVersion: body.version, to: t.to, event: t.event, actor: this.userRef(credentials), note: body.note, supersededBy: body.supersededBy },
      this.now(),
    );
    if ('conflict' in result) {
      throw new ConflictError(`version: you edited version ${body.version}, but the decision is now at version ${result.conflict}; reload and try again`);
    }
    return result;
  }

  async adr(id: string, credentials: BackstageCredentials): Promise<string> {
    const decision = await this.visibleDecision(id, credentials);
    return renderAdr(decision, await this.deps.store.events(id), this.deps.knowledgeBase);
  }
}
