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
import { MeshAdvisorPermissionPolicy } from '../permissionPolicy';
import {
  OWNERSHIP_CLAIMS,
  onBehalfOfHttpAuth,
  userInfoWithClaims,
} from './testAuth';

/** Owns payments-api (payments-team). */
export const JONAS = 'user:default/jonas.weber';
/** Owns nothing in the MCP test catalog (checkout-team). */
export const PRIYA = 'user:default/priya.raman';

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

/**
 * The backend with the catalog, the permission backend, Mesh Advisor and the
 * MCP actions plugin; MCP spoken over HTTP with the SDK's own client, as
 * Claude Desktop, Cursor or an agent framework would.
 */
export async function startMcpBackend() {
  OWNERSHIP_CLAIMS[JONAS] = [JONAS, 'group:default/payments-team'];
  OWNERSHIP_CLAIMS[PRIYA] = [PRIYA, 'group:default/checkout-team'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-advisor-mcp-'));
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
  const api = request(backend.server);
  const baseUrl = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }`;
  async function stop() {
    await backend.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    await untilCatalogServes(api, 'payments-api');
  } catch (e) {
    await stop();
    throw e;
  }

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

  return { api, connect, call, stop };
}

/** A running MCP test backend (see {@link startMcpBackend}). */
export type McpBackend = Awaited<ReturnType<typeof startMcpBackend>>;
