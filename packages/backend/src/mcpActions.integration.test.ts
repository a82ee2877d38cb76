import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { isPermission } from '@backstage/plugin-permission-common';
import type {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import meshAdvisorPlugin from '@mesh-advisor/plugin-mesh-advisor-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import { MeshAdvisorPermissionPolicy } from './permissionPolicy';
import {
  OWNERSHIP_CLAIMS,
  onBehalfOfHttpAuth,
  userInfoWithClaims,
} from './__testUtils__/testAuth';

jest.setTimeout(60_000);

const JONAS = 'user:default/jonas.weber';
const PRIYA = 'user:default/priya.raman';
OWNERSHIP_CLAIMS[JONAS] = [JONAS, 'group:default/payments-team'];
OWNERSHIP_CLAIMS[PRIYA] = [PRIYA, 'group:default/checkout-team'];

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments-team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: checkout-team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: vault-team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  annotations: { mesh-advisor.io/requires: 'mtls, jwt-auth' }
spec: { type: service, lifecycle: production, owner: group:payments-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger-vault
  annotations: { mesh-advisor.io/requires: mtls }
spec: { type: service, lifecycle: production, owner: group:vault-team }
`;

/**
 * The app's owners-only policy for decisions, plus a catalog that hides the
 * vault team's services from everyone else: what "unreadable" means here.
 */
const policyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'mcp-test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        const app = new MeshAdvisorPermissionPolicy();
        policy.setPolicy({
          async handle(req: PolicyQuery, user?: PolicyQueryUser) {
            if (isPermission(req.permission, catalogEntityReadPermission))
              return createCatalogConditionalDecision(req.permission, {
                not: catalogConditions.isEntityOwner({
                  claims: ['group:default/vault-team'],
                }),
              });
            return app.handle(req, user);
          },
        });
      },
    });
  },
});

/**
 * The backend with the catalog, the permission backend, Mesh Advisor and the
 * MCP actions plugin; MCP spoken over HTTP with the SDK's own client, as
 * Claude Desktop, Cursor or an agent framework would.
 */
describe('Mesh Advisor over MCP', () => {
  let dir: string;
  let baseUrl: string;
  let api: ReturnType<typeof request>;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-advisor-mcp-'));
    fs.writeFileSync(path.join(dir, 'catalog.yaml'), CATALOG);
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        policyModule,
        meshAdvisorPlugin,
        mcpActionsPlugin,
        userInfoWithClaims,
        onBehalfOfHttpAuth,
        mockConfig(dir),
      ],
    });
    stop = () => backend.stop();
    api = request(backend.server);
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }`;
    await untilCatalogServes(api, 'payments-api');
  });
  afterAll(async () => {
    await stop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function connect(user: string) {
    const client = new Client({ name: 'mesh-advisor-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${baseUrl}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header(user) },
          },
        },
      ),
    );
    return client;
  }

  /** The tool's text and structured output; `isError` as the server said. */
  async function call(user: string, name: string, args: object) {
    const client = await connect(user);
    try {
      const result = await client.callTool({
        name: `mesh-advisor.${name}`,
        arguments: args as Record<string, unknown>,
      });
      const text = (result.content as { type: string; text: string }[])
        .map(c => c.text)
        .join('\n');
      return {
        isError: Boolean(result.isError),
        text,
        output: result.structuredContent as any,
      };
    } finally {
      await client.close();
    }
  }

  it('lists the five tools with their input schemas and hints', async () => {
    const client = await connect(JONAS);
    const { tools } = await client.listTools();
    await client.close();
    const ours = new Map(
      tools
        .filter(t => t.name.startsWith('mesh-advisor.'))
        .map(t => [t.name.slice('mesh-advisor.'.length), t]),
    );
    expect([...ours.keys()].sort()).toEqual([
      'file-mesh-decision',
      'get-mesh-advice',
      'get-platform-mesh-recommendation',
      'list-mesh-unsatisfied-services',
      'what-if-mesh-advice',
    ]);
    const advice = ours.get('get-mesh-advice')!;
    expect(advice.inputSchema.required).toEqual(['entityRef']);
    expect(advice.description).toContain('cited sources');
    expect(advice.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    const file = ours.get('file-mesh-decision')!;
    expect(file.annotations).toMatchObject({
      destructiveHint: true,
      readOnlyHint: false,
    });
    expect((file.inputSchema.properties as any).chosen.enum).toEqual([
      'istio-ambient',
      'istio-sidecar',
      'linkerd',
      'cilium',
      'none',
    ]);
  });

  it('answers get-mesh-advice for a readable service, with blockers and sources', async () => {
    const { isError, output } = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'payments-api',
    });
    expect(isError).toBe(false);
    expect(output.entityRef).toBe('component:default/payments-api');
    expect(output.status).toBe('evaluated');
    expect(output.recommendation.mesh).not.toBe('none');
    expect(output.ranking).toHaveLength(5);
    // Linkerd has no JWT authentication: blocked, and the blocker cites its source
    const linkerd = output.ranking.find((c: any) => c.mesh === 'linkerd');
    expect(linkerd.blocked).toBe(true);
    expect(linkerd.blockers[0].sources[0].url).toMatch(/^https:\/\//);
    expect(output.reasons.length).toBeGreaterThan(0);
  });

  it('refuses get-mesh-advice for a service the caller may not read, as if it did not exist', async () => {
    const hidden = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'component:default/ledger-vault',
    });
    expect(hidden.isError).toBe(true);
    expect(hidden.text).toMatch(/^NotFoundError: .*ledger-vault/);
    const missing = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'component:default/no-such-service',
    });
    expect(missing.text.replace('no-such-service', 'ledger-vault')).toBe(
      hidden.text,
    );
  });

  it('what-if runs the engine on changed annotations and saves nothing', async () => {
    const { isError, output } = await call(JONAS, 'what-if-mesh-advice', {
      entityRef: 'payments-api',
      changes: { requires: 'mtls' },
    });
    expect(isError).toBe(false);
    expect(output.baseline.mesh).not.toBeNull();
    // without the JWT requirement nothing blocks Linkerd any more
    expect(output.ranking.find((c: any) => c.mesh === 'linkerd').blocked).toBe(
      false,
    );
    // nothing saved: the service's own advice is unchanged
    const after = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'payments-api',
    });
    expect(
      after.output.ranking.find((c: any) => c.mesh === 'linkerd').blocked,
    ).toBe(true);
    const hidden = await call(JONAS, 'what-if-mesh-advice', {
      entityRef: 'ledger-vault',
      changes: { requires: 'mtls' },
    });
    expect(hidden.text).toMatch(/^NotFoundError/);
  });

  it('refuses file-mesh-decision to a non-owner and files it for an owner', async () => {
    const decision = {
      entityRef: 'component:default/payments-api',
      chosen: 'istio-ambient',
      title: 'payments-api adopts Istio ambient',
      rationale: 'JWT at the waypoint, no sidecars.',
    };
    const refused = await call(PRIYA, 'file-mesh-decision', decision);
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(
      /^NotAllowedError: .*mesh-advisor\.decision\.create/,
    );

    const filed = await call(JONAS, 'file-mesh-decision', decision);
    expect(filed.isError).toBe(false);
    expect(filed.output).toMatchObject({
      entityRef: 'component:default/payments-api',
      chosen: 'istio-ambient',
      status: 'proposed',
      author: JONAS,
      version: 1,
    });
    // the same decision the REST API and the Mesh tab show
    const res = await api
      .get(`/api/mesh-advisor/decisions/${filed.output.id}`)
      .set('Authorization', mockCredentials.user.header(PRIYA));
    expect(res.status).toBe(200);
    expect(res.body.events[0]).toMatchObject({ type: 'created', actor: JONAS });
  });

  it('answers bad input with a clear error naming the field', async () => {
    const noRef = await call(JONAS, 'get-mesh-advice', {});
    expect(noRef.isError).toBe(true);
    expect(noRef.text).toMatch(/^InputError: .*entityRef/s);

    const badMesh = await call(JONAS, 'file-mesh-decision', {
      entityRef: 'payments-api',
      chosen: 'linkrd',
      title: 'Adopt it',
      rationale: 'Because.',
    });
    expect(badMesh.isError).toBe(true);
    expect(badMesh.text).toMatch(/^InputError: .*chosen/s);

    const badRef = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'component:',
    });
    expect(badRef.text).toMatch(/^InputError: entityRef: /);
  });
});

function mockConfig(dir: string) {
  return mockServices.rootConfig.factory({
    data: {
      permission: { enabled: true },
      backend: { actions: { pluginSources: ['mesh-advisor'] } },
      catalog: {
        rules: [{ allow: ['Component', 'Group', 'Location'] }],
        locations: [{ type: 'file', target: path.join(dir, 'catalog.yaml') }],
      },
      meshAdvisor: {
        schedule: { frequency: { minutes: 10 }, initialDelay: { minutes: 10 } },
      },
    },
  });
}

/** Waits until the catalog has processed the location, relations included. */
async function untilCatalogServes(
  api: ReturnType<typeof request>,
  name: string,
) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await api
      .get(`/api/catalog/entities/by-name/component/default/${name}`)
      .set('Authorization', mockCredentials.user.header(JONAS));
    if (
      res.status === 200 &&
      res.body.relations?.some((r: any) => r.type === 'ownedBy')
    )
      return;
    if (Date.now() > deadline)
      throw new Error(`catalog never served ${name}: ${res.status}`);
    await new Promise(r => setTimeout(r, 200));
  }
}
