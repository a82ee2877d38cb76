import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ActualStatePage,
  ActualStateQuery,
  Decision,
  DecisionListQuery,
  DecisionPage,
  DecisionTransition,
  DecisionWithEvents,
  EvaluateRequest,
  EvaluationListQuery,
  EvaluationPage,
  KnowledgeBase,
  LiveClusters,
  MeshAdvisorSummary,
  NewDecision,
  StoredEvaluation,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { MeshAdvisorApi } from './MeshAdvisorApi';

type QueryValue = string | number | boolean | undefined | null;

/** `?a=1&b=x`, leaving out empty values; '' when nothing is left. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The default {@link MeshAdvisorApi}: talks to the mesh-advisor backend
 * through the app's `fetchApi` (which adds the user's credentials).
 * @public
 */
export class MeshAdvisorClient implements MeshAdvisorApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('mesh-advisor');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.request(path);
    return (await response.json()) as T;
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const response = await this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  async getEntityEvaluation(
    entityRef: CompoundEntityRef | string,
    options?: { live?: boolean },
  ): Promise<StoredEvaluation> {
    const ref =
      typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
    const path = [ref.namespace, ref.kind.toLocaleLowerCase('en-US'), ref.name]
      .map(encodeURIComponent)
      .join('/');
    return this.get(
      `/entities/${path}/evaluation${toQueryString({
        live: options?.live ? 'true' : undefined,
      })}`,
    );
  }

  async listEvaluations(
    query: EvaluationListQuery = {},
  ): Promise<EvaluationPage> {
    return this.get(`/evaluations${toQueryString(query)}`);
  }

  async getSummary(): Promise<MeshAdvisorSummary> {
    return this.get('/summary');
  }

  async evaluate(request: EvaluateRequest): Promise<StoredEvaluation> {
    return this.post('/evaluate', request);
  }

  async getKnowledgeBase(): Promise<KnowledgeBase> {
    return this.get('/knowledge-base');
  }

  async listDecisions(query: DecisionListQuery = {}): Promise<DecisionPage> {
    return this.get(`/decisions${toQueryString(query)}`);
  }

  async getDecision(id: string): Promise<DecisionWithEvents> {
    return this.get(`/decisions/${encodeURIComponent(id)}`);
  }

  async createDecision(decision: NewDecision): Promise<Decision> {
    return this.post('/decisions', decision);
  }

  async transitionDecision(
    id: string,
    transition: DecisionTransition,
  ): Promise<Decision> {
    return this.post(
      `/decisions/${encodeURIComponent(id)}/transitions`,
      transition,
    );
  }

  async getDecisionAdr(id: string): Promise<string> {
    const response = await this.request(
      `/decisions/${encodeURIComponent(id)}/adr.md`,
      { headers: { Accept: 'text/markdown' } },
    );
    return response.text();
  }

  async getLiveClusters(): Promise<LiveClusters> {
    return this.get('/live/clusters');
  }

  async listActualStates(
    query: ActualStateQuery = {},
  ): Promise<ActualStatePage> {
    return this.get(`/live/services${toQueryString(query)}`);
  }
}
