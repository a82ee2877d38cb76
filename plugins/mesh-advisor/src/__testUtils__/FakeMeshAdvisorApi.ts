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
import {
  linkSuperseding,
  matchingDecisions,
  proposedDecision,
  supersedePreviousOnAccept,
} from './fakeDecisions';
import { liveClustersOf, matchingActualStates } from './fakeLive';
import { clone, pageOf } from './fakePaging';
import { matchingRows } from './fakeRows';
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
    const rows = matchingRows(this.rows, query);
    return clone({
      ...pageOf(rows, limit, query.cursor),
      totalCount: rows.length,
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
    const matching = matchingDecisions(this.decisions, query);
    const limit = query.limit ?? 50;
    return clone(pageOf(matching, limit, query.cursor));
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
    const decision = proposedDecision(
      body,
      fixtureId(this.nextId++),
      now,
      this.user,
    );
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
    let refused: string | undefined;
    if (body.action === 'accept')
      refused = supersedePreviousOnAccept(this, decision);
    if (body.action === 'supersede')
      refused = linkSuperseding(this, decision, body.supersededBy);
    if (refused) throw await responseError(400, refused);
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
    return clone(liveClustersOf(this.actualStates));
  }

  async listActualStates(
    query: ActualStateQuery = {},
  ): Promise<ActualStatePage> {
    await this.record('listActualStates', [query]);
    const limit = query.limit ?? 100;
    if (limit < 1 || limit > 500) {
      throw await responseError(400, 'limit: an integer from 1 to 500');
    }
    const matching = matchingActualStates(this.actualStates, query);
    return clone(pageOf(matching, limit, query.cursor));
  }
}
