import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the collator is tested against the real Mesh Advisor backend it reads from
import meshAdvisorPlugin from '@mesh-advisor/plugin-mesh-advisor-backend';
import {
  MESH_DECISION_DOCUMENT_TYPE,
  MeshDecisionCollatorFactory,
  MeshDecisionDocument,
} from './MeshDecisionCollatorFactory';

jest.setTimeout(60_000);

const service = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'mesh-advisor.io/requires': 'mtls' },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const ALICE = 'user:default/alice';

/**
 * The collator against the real Mesh Advisor backend (in-memory catalog,
 * SQLite): decisions are filed through the REST API, collated page by page,
 * and indexed by the Lunr engine the search backend uses by default.
 */
describe('MeshDecisionCollatorFactory', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        meshAdvisorPlugin,
        catalogServiceMock.factory({
          entities: [
            service('payments-api', 'group:default/payments-team'),
            service('checkout-api', 'group:default/checkout-team'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            meshAdvisor: {
              schedule: {
                frequency: { minutes: 10 },
                initialDelay: { minutes: 10 },
              },
            },
          },
        }),
      ],
    });
    stop = () => backend.stop();
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/mesh-advisor`;
    const file = async (body: object) => {
      const res = await fetch(`${baseUrl}/decisions`, {
        method: 'POST',
        headers: {
          Authorization: mockCredentials.user.header(ALICE),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    };
    await file({
      entityRef: 'component:default/payments-api',
      chosen: 'linkerd',
      title: 'Adopt the lightest mesh',
      rationale: 'mTLS with the least memory per pod.',
    });
    await file({
      entityRef: 'component:default/payments-api',
      chosen: 'istio-ambient',
      title: 'Try ambient later',
      rationale: 'No sidecars to upgrade.',
    });
    await file({
      entityRef: 'component:default/checkout-api',
      chosen: 'linkerd',
      title: 'Checkout adopts Linkerd',
      rationale: 'Same as the rest of the shop.',
      context: 'Black Friday capacity',
    });
  });
  afterAll(() => stop?.());

  async function collect(pageSize: number) {
    const factory = MeshDecisionCollatorFactory.fromOptions({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth({ pluginId: 'search' }),
      pageSize,
    });
    const docs: MeshDecisionDocument[] = [];
    for await (const d of await factory.getCollator()) docs.push(d);
    return { factory, docs };
  }

  it('reads every decision through the pages, as documents readable to whoever may read the entity', async () => {
    const { factory, docs } = await collect(2);
    expect(factory.type).toBe(MESH_DECISION_DOCUMENT_TYPE);
    expect(factory.visibilityPermission?.name).toBe('catalog.entity.read');
    expect(docs).toHaveLength(3);
    const checkout = docs.find(d => d.title === 'Checkout adopts Linkerd')!;
    expect(checkout).toMatchObject({
      text: 'checkout-api adopts Linkerd (proposed). — Same as the rest of the shop. — Black Friday capacity',
      location: `/catalog/default/component/checkout-api/mesh#decision-${checkout.decisionId}`,
      entityRef: 'component:default/checkout-api',
      mesh: 'linkerd',
      status: 'proposed',
      author: ALICE,
      authorization: { resourceRef: 'component:default/checkout-api' },
    });
    // search engines key documents by location: one per decision
    expect(new Set(docs.map(d => d.location)).size).toBe(docs.length);
    // one page or many: the same documents
    expect((await collect(500)).docs).toEqual(docs);
  });

  it('makes "payments linkerd" find the payments decision for Linkerd first', async () => {
    const { factory } = await collect(500);
    const engine = new LunrSearchEngine({ logger: mockServices.logger.mock() });
    await pipeline(
      await factory.getCollator(),
      await engine.getIndexer(factory.type),
    );
    const { results } = await engine.query({ term: 'payments linkerd' });
    expect(results[0].document).toMatchObject({
      title: 'Adopt the lightest mesh',
      entityRef: 'component:default/payments-api',
      mesh: 'linkerd',
    });
  });

  it('fails the run, naming the status, when Mesh Advisor refuses', async () => {
    const factory = MeshDecisionCollatorFactory.fromOptions({
      discovery: {
        getBaseUrl: async () => `${baseUrl}/no-such-route`,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth({ pluginId: 'search' }),
    });
    const read = async () => {
      for await (const _ of await factory.getCollator()) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow(/404/);
  });
});
