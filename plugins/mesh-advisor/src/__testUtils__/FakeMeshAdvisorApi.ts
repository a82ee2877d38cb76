import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ActualState,
  ActualStatePage,
  ActualStateQuery,
  Decision,
  DECISION_TRANSITIONS,
  DecisionEvent,
  DecisionListQuery,
  DecisionPage,
  DecisionTransition,
  DecisionWithEvents,
  evaluateEntity,
  EvaluateRequest,
  EvaluationListQuery,
  EvaluationPage,
  EvaluationRow,
  KnowledgeBase,
  LiveClusters,
  MeshAdvisorSummary,
  NewDecision,
  StoredEvaluation,
  transitionRefusal,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { MeshAdvisorApi } from '../api/MeshAdvisorApi';
import {
  createdEvent,
  FIXTURE_EVALUATED_AT,
  FIXTURE_KNOWLEDGE_BASE,
  FIXTURE_PLATFORM,
  fixtureId,
  summaryFixture,
} from './fixtures';
import { responseError } from './responseError';

type Method = keyof MeshAdvisorApi;

/** A recorded call to the fake. */
export type FakeCall = { method: Method; args: unknown[] };

export type FakeMeshAdvisorApiOptions = {
  /** stored evaluations by entity ref */
  evaluations?: Record<string, StoredEvaluation>;
  /** entity refs the sweep has not reached: 404 unless live */
  notStored?: string[];
  rows?: EvaluationRow[];
  summary?: MeshAdvisorSummary;
  decisions?: Decision[];
  events?: Record<string, DecisionEvent[]>;
  knowledgeBase?: KnowledgeBase;
  /** the caller's identity, used as author and actor */
  user?: string;
  /** what services actually run (GET /live/services); none: no live state */
  actualStates?: ActualState[];
  /** the last live pass (GET /live/clusters); derived from actualStates when left out */
  liveClusters?: LiveClusters;
};

const SORT_VALUE: Record<string, (r: EvaluationRow) => string | number> = {
  name: r => r.name,
  mesh: r => r.recommendedMesh ?? '',
  status: r => r.status,
  score: r => r.score ?? -1,
  owner: r => r.owner ?? '',
  system: r => r.system ?? '',
  evaluatedAt: r => r.evaluatedAt,
};

function fullRef(value: string, kind: string): string {
  return stringifyEntityRef(parseEntityRef(value, { defaultKind: kind }));
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/**
 * An in-memory {@link MeshAdvisorApi} that behaves like the backend: the
 * same filters, cursor pagination, decision rules and errors, built from
 * fixtures the real engine produced. Records every call.
 */
export class FakeMeshAdvisorApi implements MeshAdvisorApi {
  readonly calls: FakeCall[] = [];
  evaluations: Record<string, StoredEvaluation>;
  notStored: Set<string>;
  rows: EvaluationRow[];
  summary: MeshAdvisorSummary;
  decisions: Decision[];
  events: Record<string, DecisionEvent[]>;
  knowledgeBase: KnowledgeBase;
  user: string;
  actualStates: ActualState[];
  liveClusters?: LiveClusters;
  private failures = new Map<Method, { status: number; message: string }>();
  private nextId = 100;

  constructor(options: FakeMeshAdvisorApiOptions = {}) {
    this.evaluations = options.evaluations ?? {};
    this.notStored = new Set(options.notStored ?? []);
    this.rows = options.rows ?? [];
    this.actualStates = options.actualStates ?? [];
    this.liveClusters = options.liveClusters;
    this.summary =
      options.summary ?? summaryFixture(Object.values(this.evaluations));
    this.decisions = options.decisions ?? [];
    this.events =
      options.events ??
      Object.fromEntries(this.decisions.map(d => [d.id, [createdEvent(d)]]));
    this.knowledgeBase = options.knowledgeBase ?? FIXTURE_KNOWLEDGE_BASE;
    this.user = options.user ?? 'user:default/guest';
  }

  /** Makes every later call of `method` fail with this status. */
  failWith(method: Method, status: number, message: string): this {
    this.failures.set(method, { status, message });
    return this;
  }

  /** The arguments of every call to `method`, in order. */
  callsTo(method: Method): unknown[][] {
    return this.calls.filter(c => c.method === method).map(c => c.args);
  }

  private async record(method: Method, args: unknown[]) {
    this.calls.push({ method, args: clone(args) });
    const failure = this.failures.get(method);
    if (failure) throw await responseError(failure.status, failure.message);
  }

  async getEntityEvaluation(
    entityRef: string | { kind: string; namespace: string; name: string },
    options?: { live?: boolean },
  ): Promise<StoredEvaluation> {
    await this.record('getEntityEvaluation', [entityRef, options]);
    const ref =
      typeof entityRef === 'string'
        ? stringifyEntityRef(parseEntityRef(entityRef))
        : stringifyEntityRef(entityRef);
    const stored = this.evaluations[ref];
    if (!stored)
      throw await responseError(404, `No entity ${ref} in the catalog`);
    if (this.notStored.has(ref) && !options?.live) {
      throw await responseError(404, `${ref} has not been evaluated yet`);
    }
    return clone(
      options?.live ? { ...stored, live: true, stale: false } : stored,
    );
  }

  async listEvaluations(
    query: EvaluationListQuery = {},
  ): Promise<EvaluationPage> {
    await this.record('listEvaluations', [query]);
    const limit = query.limit ?? 50;
    if (limit < 1 || limit > 500) {
      throw await responseError(400, 'limit: must be between 1 and 500');
    }
    const q = query.q?.trim().toLowerCase();
    const decisionOk = (r: EvaluationRow) => {
      switch (query.decision) {
        case 'none':
          return !r.decision;
        case 'differs':
          return (
            r.decision?.status === 'accepted' &&
            r.decision.chosen !== r.recommendedMesh
          );
        case 'proposed':
        case 'accepted':
          return r.decision?.status === query.decision;
        default:
          return true;
      }
    };
    const rows = this.rows.filter(
      r =>
        (!query.owner || r.owner === fullRef(query.owner, 'group')) &&
        (!query.system || r.system === fullRef(query.system, 'system')) &&
        (!query.mesh || r.recommendedMesh === query.mesh) &&
        (!query.status || r.status === query.status) &&
        decisionOk(r) &&
        (!q ||
          [r.entityRef, r.title, r.owner, r.system]
            .filter(Boolean)
            .join(' ')
            .toLowerCase()
            .includes(q)),
    );
    const value = SORT_VALUE[query.sort ?? 'name'];
    const direction = query.order === 'desc' ? -1 : 1;
    rows.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const cmp = x < y ? -1 : x > y ? 1 : 0; // eslint-disable-line no-nested-ternary
      return cmp * direction || a.entityRef.localeCompare(b.entityRef);
    });
    const offset = query.cursor ? Number(atob(query.cursor)) : 0;
    const items = rows.slice(offset, offset + limit);
    const end = offset + items.length;
    return clone({
      items,
      totalCount: rows.length,
      nextCursor: end < rows.length ? btoa(String(end)) : null,
    });
  }

  async getSummary(): Promise<MeshAdvisorSummary> {
    await this.record('getSummary', []);
    return clone(this.summary);
  }

  async evaluate(request: EvaluateRequest): Promise<StoredEvaluation> {
    await this.record('evaluate', [request]);
    const result = evaluateEntity(request.entity as Entity, {
      knowledgeBase: this.knowledgeBase,
      platform: request.platform ?? FIXTURE_PLATFORM,
      callChainDepth: request.callChainDepth ?? 1,
    });
    return clone({
      ...result,
      evaluatedAt: FIXTURE_EVALUATED_AT,
      stale: false,
      live: true,
    });
  }

  async getKnowledgeBase(): Promise<KnowledgeBase> {
    await this.record('getKnowledgeBase', []);
    return clone(this.knowledgeBase);
  }

  async listDecisions(query: DecisionListQuery = {}): Promise<DecisionPage> {
    await this.record('listDecisions', [query]);
    const entityRef = query.entityRef
      ? stringifyEntityRef(parseEntityRef(query.entityRef))
      : undefined;
    const matching = this.decisions
      .filter(
        d =>
          (!entityRef || d.entityRef === entityRef) &&
          (!query.status || d.status === query.status) &&
          (!query.chosen || d.chosen === query.chosen) &&
          (!query.author || d.author === query.author),
      )
      .sort(
        (a, b) =>
          b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
      );
    const limit = query.limit ?? 50;
    const offset = query.cursor ? Number(atob(query.cursor)) : 0;
    const items = matching.slice(offset, offset + limit);
    const end = offset + items.length;
    return clone({
      items,
      nextCursor: end < matching.length ? btoa(String(end)) : null,
    });
  }

  private async find(id: string): Promise<Decision> {
    const decision = this.decisions.find(d => d.id === id);
    if (!decision) throw await responseError(404, `No decision ${id}`);
    return decision;
  }

  async getDecision(id: string): Promise<DecisionWithEvents> {
    await this.record('getDecision', [id]);
    const decision = await this.find(id);
    return clone({ ...decision, events: this.events[id] ?? [] });
  }

  async createDecision(body: NewDecision): Promise<Decision> {
    await this.record('createDecision', [body]);
    if (body.title.trim().length < 3) {
      throw await responseError(400, 'title: at least 3 characters');
    }
    if (body.rationale.trim().length < 3) {
      throw await responseError(400, 'rationale: at least 3 characters');
    }
    const now = new Date(
      Date.parse(FIXTURE_EVALUATED_AT) + this.nextId * 1000,
    ).toISOString();
    const decision: Decision = {
      id: fixtureId(this.nextId++),
      entityRef: stringifyEntityRef(parseEntityRef(body.entityRef)),
      chosen: body.chosen,
      status: 'proposed',
      title: body.title.trim(),
      context: body.context?.trim() ?? '',
      rationale: body.rationale.trim(),
      alternatives: (body.alternatives ?? []).filter(a => a !== body.chosen),
      author: this.user,
      createdAt: now,
      updatedAt: now,
      version: 1,
      supersedes: null,
      supersededBy: null,
      snapshot: null,
    };
    this.decisions.push(decision);
    this.events[decision.id] = [createdEvent(decision)];
    return clone(decision);
  }

  async transitionDecision(
    id: string,
    body: DecisionTransition,
  ): Promise<Decision> {
    await this.record('transitionDecision', [id, body]);
    const decision = await this.find(id);
    const t = DECISION_TRANSITIONS[body.action];
    if (body.version !== decision.version) {
      throw await responseError(
        409,
        `version: you edited version ${body.version}, but the decision is at version ${decision.version} (status ${decision.status}); reload and try again`,
      );
    }
    const refusal = transitionRefusal(body.action, decision.status);
    if (refusal) throw await responseError(400, refusal);
    if (body.action === 'accept') {
      // as the backend: one decision in force per entity
      const previous = this.decisions.find(
        d =>
          d.id !== id &&
          d.entityRef === decision.entityRef &&
          d.status === 'accepted',
      );
      if (previous && previous.createdAt > decision.createdAt)
        throw await responseError(
          400,
          `action: ${previous.id}, filed after this decision, is accepted for ${decision.entityRef}, and an older decision cannot replace it; reject this one, or file a new decision`,
        );
      if (previous && !decision.supersedes) {
        previous.status = 'superseded';
        previous.version += 1;
        previous.supersededBy = id;
        decision.supersedes = previous.id;
        (this.events[previous.id] ??= []).push({
          type: 'superseded',
          actor: this.user,
          at: new Date().toISOString(),
          fromStatus: 'accepted',
          toStatus: 'superseded',
          version: previous.version,
          note: `Superseded by ${id} on its acceptance`,
        });
      }
    }
    if (body.action === 'supersede') {
      const newer = this.decisions.find(d => d.id === body.supersededBy);
      if (!newer || newer.entityRef !== decision.entityRef) {
        throw await responseError(
          400,
          `supersededBy: ${body.supersededBy} is not a decision about ${decision.entityRef}`,
        );
      }
      decision.supersededBy = newer.id;
      newer.supersedes = decision.id;
    }
    const at = new Date().toISOString();
    const from = decision.status;
    decision.status = t.to;
    decision.version += 1;
    decision.updatedAt = at;
    (this.events[id] ??= []).push({
      type: t.event,
      actor: this.user,
      at,
      fromStatus: from,
      toStatus: t.to,
      version: decision.version,
      note: body.note ?? null,
    });
    return clone(decision);
  }

  async getDecisionAdr(id: string): Promise<string> {
    await this.record('getDecisionAdr', [id]);
    const d = await this.find(id);
    return `---\nstatus: ${d.status}\n---\n\n# ${d.title}\n\n${d.rationale}\n`;
  }

  async getLiveClusters(): Promise<LiveClusters> {
    await this.record('getLiveClusters', []);
    if (this.liveClusters) return clone(this.liveClusters);
    const count = (key: (a: ActualState) => string) =>
      this.actualStates.reduce<Record<string, number>>((acc, a) => {
        acc[key(a)] = (acc[key(a)] ?? 0) + 1;
        return acc;
      }, {});
    const pods = this.actualStates.reduce<Record<string, number>>((acc, a) => {
      for (const [mesh, n] of Object.entries(a.podsByMesh)) {
        acc[mesh] = (acc[mesh] ?? 0) + (n ?? 0);
      }
      return acc;
    }, {});
    const at = this.actualStates.length
      ? this.actualStates[0].observedAt
      : null;
    return clone({
      at,
      requests: at ? 3 : 0,
      clusters: at
        ? [
            {
              name: 'east',
              reachable: true,
              stale: false,
              readAt: at,
              error: null,
              cni: 'calico' as const,
              cniEvidence: 'kube-system/calico-node',
              ztunnel: true,
              ciliumEnvoy: false,
              ciliumMutualAuth: false,
              pods: Object.values(pods).reduce((a, b) => a + b, 0),
              podsByMesh: pods,
            },
          ]
        : [],
      platform: null,
      services: {
        drift: count(a => a.drift),
        mesh: count(a => a.mesh ?? 'unknown'),
        pods,
      },
    });
  }

  async listActualStates(
    query: ActualStateQuery = {},
  ): Promise<ActualStatePage> {
    await this.record('listActualStates', [query]);
    const limit = query.limit ?? 100;
    if (limit < 1 || limit > 500) {
      throw await responseError(400, 'limit: an integer from 1 to 500');
    }
    const matching = this.actualStates
      .filter(
        a =>
          (!query.drift || a.drift === query.drift) &&
          (!query.mesh || (a.mesh ?? 'unknown') === query.mesh) &&
          (query.stale === undefined || a.stale === query.stale),
      )
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    const offset = query.cursor ? Number(atob(query.cursor)) : 0;
    const items = matching.slice(offset, offset + limit);
    const end = offset + items.length;
    return clone({
      items,
      nextCursor: end < matching.length ? btoa(String(end)) : null,
    });
  }
}
