import { ResponseError } from '@backstage/errors';
import { MeshAdvisorClient, toQueryString } from './MeshAdvisorClient';
import { errorBody } from '../__testUtils__/responseError';

function setup(responses: Response[]) {
  const requests: { url: string; init?: RequestInit }[] = [];
  const fetchApi = {
    fetch: jest.fn(async (url: string, init?: RequestInit) => {
      requests.push({ url, init });
      return responses.shift()!;
    }),
  };
  const discoveryApi = {
    getBaseUrl: jest.fn(async () => 'http://backend/api/mesh-advisor'),
  };
  const client = new MeshAdvisorClient({
    discoveryApi,
    fetchApi: fetchApi as any,
  });
  return { client, requests, discoveryApi };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('MeshAdvisorClient', () => {
  it('leaves empty query values out', () => {
    expect(toQueryString({ a: 'x', b: undefined, c: '', d: 0, e: null })).toBe(
      '?a=x&d=0',
    );
    expect(toQueryString({})).toBe('');
  });

  it('asks the mesh-advisor base URL for an entity evaluation, live on request', async () => {
    const { client, requests, discoveryApi } = setup([json({}), json({})]);
    await client.getEntityEvaluation('component:default/checkout');
    await client.getEntityEvaluation(
      { kind: 'Component', namespace: 'team a', name: 'x' },
      { live: true },
    );
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('mesh-advisor');
    expect(requests.map(r => r.url)).toEqual([
      'http://backend/api/mesh-advisor/entities/default/component/checkout/evaluation',
      'http://backend/api/mesh-advisor/entities/team%20a/component/x/evaluation?live=true',
    ]);
  });

  it('sends the overview filters, sort and cursor as query parameters', async () => {
    const { client, requests } = setup([
      json({ items: [], totalCount: 0, nextCursor: null }),
    ]);
    await client.listEvaluations({
      owner: 'team-a',
      mesh: 'linkerd',
      decision: 'differs',
      q: 'pay ment',
      sort: 'score',
      order: 'desc',
      limit: 50,
      cursor: 'abc',
      system: undefined,
    });
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/api/mesh-advisor/evaluations');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      owner: 'team-a',
      mesh: 'linkerd',
      decision: 'differs',
      q: 'pay ment',
      sort: 'score',
      order: 'desc',
      limit: '50',
      cursor: 'abc',
    });
  });

  it('posts transitions as JSON with the version', async () => {
    const { client, requests } = setup([json({ id: 'd1' })]);
    await client.transitionDecision('d1', { action: 'accept', version: 3 });
    expect(requests[0].url).toBe(
      'http://backend/api/mesh-advisor/decisions/d1/transitions',
    );
    expect(requests[0].init?.method).toBe('POST');
    expect(JSON.parse(String(requests[0].init?.body))).toEqual({
      action: 'accept',
      version: 3,
    });
  });

  it('turns error responses into ResponseErrors with the server message', async () => {
    const { client } = setup([
      json(
        errorBody(409, 'ConflictError', 'version: you edited version 1'),
        409,
      ),
    ]);
    const error = await client
      .transitionDecision('d1', { action: 'accept', version: 1 })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe('version: you edited version 1');
  });

  it('returns the ADR as markdown text', async () => {
    const { client, requests } = setup([
      new Response('# Adopt Linkerd', {
        headers: { 'content-type': 'text/markdown' },
      }),
    ]);
    await expect(client.getDecisionAdr('d1')).resolves.toBe('# Adopt Linkerd');
    expect(requests[0].url).toBe(
      'http://backend/api/mesh-advisor/decisions/d1/adr.md',
    );
  });
});
