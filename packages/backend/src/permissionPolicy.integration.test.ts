import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import meshAdvisorPlugin from '@mesh-advisor/plugin-mesh-advisor-backend';
import request from 'supertest';
import {
  onBehalfOfHttpAuth,
  OWNERSHIP_CLAIMS,
  userInfoWithClaims,
} from './__testUtils__/testAuth';
import { meshAdvisorPermissionPolicyModule } from './permissionPolicy';

jest.setTimeout(60_000);

const JONAS = 'user:default/jonas.weber';
const PRIYA = 'user:default/priya.raman';
// Ownership claims, as the sign-in resolver would put them in the token.
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
kind: Component
metadata:
  name: payments-api
  annotations: { mesh-advisor.io/requires: 'mtls, jwt-auth' }
spec: { type: service, lifecycle: production, owner: group:payments-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout-api }
spec: { type: service, lifecycle: production, owner: group:checkout-team }
`;

/**
 * The real thing, end to end: the catalog backend, the permission backend
 * with the app's policy module, and Mesh Advisor asking it whether a user may
 * file and change decisions.
 */
describe('owners-only policy, with the real permission and catalog backends', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-advisor-policy-'));
    fs.writeFileSync(path.join(dir, 'catalog.yaml'), CATALOG);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lets owners file and accept decisions, refuses others with 403', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        meshAdvisorPermissionPolicyModule,
        meshAdvisorPlugin,
        userInfoWithClaims,
        onBehalfOfHttpAuth,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Component', 'Group', 'Location'] }],
              locations: [
                { type: 'file', target: path.join(dir, 'catalog.yaml') },
              ],
            },
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
    const api = request(server);
    const as = (user: string) => mockCredentials.user.header(user);

    // wait for the catalog to process the location, relations included
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await api
        .get('/api/catalog/entities/by-name/component/default/payments-api')
        .set('Authorization', as(JONAS));
      if (
        res.status === 200 &&
        res.body.relations?.some((r: any) => r.type === 'ownedBy')
      )
        break;
      if (Date.now() > deadline)
        throw new Error(
          `catalog never served payments-api: ${res.status} ${JSON.stringify(
            res.body,
          )}`,
        );
      await new Promise(r => setTimeout(r, 200));
    }

    const body = {
      entityRef: 'component:default/payments-api',
      chosen: 'istio-sidecar',
      title: 'Adopt Istio sidecars',
      rationale: 'JWT at the proxy.',
    };
    const denied = await api
      .post('/api/mesh-advisor/decisions')
      .set('Authorization', as(PRIYA))
      .send(body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('mesh-advisor.decision.create');

    const filed = await api
      .post('/api/mesh-advisor/decisions')
      .set('Authorization', as(JONAS))
      .send(body);
    expect(filed.status).toBe(201);
    expect(filed.body.author).toBe(JONAS);

    const transitions = `/api/mesh-advisor/decisions/${filed.body.id}/transitions`;
    const deniedAccept = await api
      .post(transitions)
      .set('Authorization', as(PRIYA))
      .send({ action: 'accept', version: 1 });
    expect(deniedAccept.status).toBe(403);
    expect(deniedAccept.body.error.message).toContain(
      'mesh-advisor.decision.transition',
    );
    // reading follows catalog read access, which the policy allows everyone
    expect(
      (
        await api
          .get(`/api/mesh-advisor/decisions/${filed.body.id}`)
          .set('Authorization', as(PRIYA))
      ).status,
    ).toBe(200);

    const accepted = await api
      .post(transitions)
      .set('Authorization', as(JONAS))
      .send({ action: 'accept', version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 2 });

    // Jonas does not own checkout-api; Priya does
    const notOwner = await api
      .post('/api/mesh-advisor/decisions')
      .set('Authorization', as(JONAS))
      .send({ ...body, entityRef: 'component:default/checkout-api' });
    expect(notOwner.status).toBe(403);

    const own = await api
      .post('/api/mesh-advisor/decisions')
      .set('Authorization', as(PRIYA))
      .send({ ...body, entityRef: 'component:default/checkout-api' });
    expect(own.status).toBe(201);

    const anonymous = await api
      .post('/api/mesh-advisor/decisions')
      .set('Authorization', mockCredentials.none.header())
      .send(body);
    expect(anonymous.status).toBe(401);
  });
});
