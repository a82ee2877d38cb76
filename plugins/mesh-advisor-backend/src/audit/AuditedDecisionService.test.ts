import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  as,
  CONFIG,
  DEFAULT_GRANTS,
  fakePermissions,
  OTHER,
  OWNER,
} from '../__testUtils__/decisionHarness';
import { meshAdvisorPlugin } from '../plugin';
import { loadExampleEntities } from '../__testUtils__/exampleCatalog';
import { FakeCatalog } from '../__testUtils__/fakeCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

type Recorded = {
  eventId: string;
  status: 'initiated' | 'succeeded' | 'failed';
  severityLevel?: string;
  meta: Record<string, unknown>;
  error?: string;
};

/** Keeps what the plugin reports to the auditor, in order. */
function recordingAuditor() {
  const events: Recorded[] = [];
  const service: AuditorService = {
    async createEvent(options: AuditorServiceCreateEventOptions) {
      const base = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
      };
      events.push({ ...base, status: 'initiated', meta: { ...options.meta } });
      return {
        async success(p) {
          events.push({
            ...base,
            status: 'succeeded',
            meta: { ...options.meta, ...p?.meta },
          });
        },
        async fail(p) {
          events.push({
            ...base,
            status: 'failed',
            meta: { ...options.meta, ...p.meta },
            error: `${p.error.name}: ${p.error.message}`,
          });
        },
      };
    },
  };
  const factory = createServiceFactory({
    service: coreServices.auditor,
    deps: {},
    factory: () => service,
  });
  return { events, factory };
}

describe.each(databases.eachSupportedId())('audit events on %s', databaseId => {
  async function start() {
    const knex = await databases.init(databaseId);
    const auditor = recordingAuditor();
    const backend = await startTestBackend({
      features: [
        meshAdvisorPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: CONFIG }),
        new FakeCatalog(loadExampleEntities()).factory(),
        fakePermissions(DEFAULT_GRANTS).factory,
        auditor.factory,
      ],
    });
    const api = request(backend.server);
    const post = (user: string, path: string, body: object) =>
      api
        .post(`/api/mesh-advisor${path}`)
        .set('Authorization', as(user))
        .send(body);
    const ours = () =>
      auditor.events.filter(e => e.eventId.startsWith('decision-'));
    return { post, events: ours };
  }

  const proposal = {
    entityRef: 'component:default/payments-api',
    chosen: 'linkerd',
    title: 'payments-api adopts Linkerd',
    rationale: 'a secret-free rationale that must not be logged',
  };

  it('emits decision-create on success and on refusal, with actor, entity and decision id, never the text', async () => {
    const { post, events } = await start();
    const refused = await post(OTHER, '/decisions', proposal);
    expect(refused.status).toBe(403);
    const filed = await post(OWNER, '/decisions', proposal);
    expect(filed.status).toBe(201);

    expect(events()).toEqual([
      {
        eventId: 'decision-create',
        severityLevel: 'medium',
        status: 'initiated',
        meta: {
          actor: OTHER,
          entityRef: proposal.entityRef,
          chosen: 'linkerd',
        },
      },
      expect.objectContaining({
        eventId: 'decision-create',
        status: 'failed',
        error: expect.stringMatching(
          /^NotAllowedError: .*mesh-advisor\.decision\.create/,
        ),
      }),
      expect.objectContaining({ status: 'initiated' }),
      {
        eventId: 'decision-create',
        severityLevel: 'medium',
        status: 'succeeded',
        meta: {
          actor: OWNER,
          entityRef: proposal.entityRef,
          chosen: 'linkerd',
          decisionId: filed.body.id,
          status: 'proposed',
          version: 1,
        },
      },
    ]);
    expect(JSON.stringify(events())).not.toContain('secret-free');
    expect(JSON.stringify(events())).not.toContain(proposal.title);
  });

  it('emits decision-transition for accept, reject and supersede, and for each refusal', async () => {
    const { post, events } = await start();
    const first = (await post(OWNER, '/decisions', proposal)).body;
    const second = (
      await post(OWNER, '/decisions', { ...proposal, chosen: 'istio-ambient' })
    ).body;
    const third = (
      await post(OWNER, '/decisions', { ...proposal, chosen: 'cilium' })
    ).body;
    const transitions = (id: string) => `/decisions/${id}/transitions`;

    // refused: not an owner; a stale version; an invalid action for the status
    expect(
      (
        await post(OTHER, transitions(first.id), {
          action: 'accept',
          version: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post(OWNER, transitions(first.id), {
          action: 'accept',
          version: 7,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await post(OWNER, transitions(first.id), {
          action: 'supersede',
          version: 1,
          supersededBy: second.id,
        })
      ).status,
    ).toBe(400);
    // succeeded: accept, supersede (by a newer proposal), reject
    expect(
      (
        await post(OWNER, transitions(first.id), {
          action: 'accept',
          version: 1,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post(OWNER, transitions(first.id), {
          action: 'supersede',
          version: 2,
          supersededBy: second.id,
          note: 'a private note',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post(OWNER, transitions(third.id), {
          action: 'reject',
          version: 1,
        })
      ).status,
    ).toBe(200);

    const outcomes = events()
      .filter(
        e => e.eventId === 'decision-transition' && e.status !== 'initiated',
      )
      .map(e => [
        e.meta.action,
        e.status,
        e.meta.decisionId,
        e.error?.split(':')[0] ?? e.meta.status,
      ]);
    expect(outcomes).toEqual([
      ['accept', 'failed', first.id, 'NotAllowedError'],
      ['accept', 'failed', first.id, 'ConflictError'],
      ['supersede', 'failed', first.id, 'InputError'],
      ['accept', 'succeeded', first.id, 'accepted'],
      ['supersede', 'succeeded', first.id, 'superseded'],
      ['reject', 'succeeded', third.id, 'rejected'],
    ]);
    const superseded = events().find(
      e => e.meta.action === 'supersede' && e.status === 'succeeded',
    )!;
    expect(superseded.meta).toMatchObject({
      actor: OWNER,
      entityRef: 'component:default/payments-api',
      supersededBy: second.id,
      expectedVersion: 2,
      version: 3,
    });
    expect(JSON.stringify(events())).not.toContain('a private note');
    // every initiated event is closed by exactly one outcome
    const initiated = events().filter(e => e.status === 'initiated').length;
    expect(events().length).toBe(initiated * 2);
  });

  it('audits decisions filed through the file-mesh-decision action too', async () => {
    const { post, events } = await start();
    const res = await post(
      OWNER,
      '/.backstage/actions/v1/actions/mesh-advisor:file-mesh-decision/invoke',
      { ...proposal, entityRef: 'payments-api' },
    );
    expect(res.status).toBe(200);
    expect(events().map(e => [e.eventId, e.status, e.meta.decisionId])).toEqual(
      [
        ['decision-create', 'initiated', undefined],
        ['decision-create', 'succeeded', res.body.output.id],
      ],
    );
  });
});
