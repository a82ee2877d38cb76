// The backend under test, run by backend.bench.js in a child process of its
// own (its own event loop), started with `--config <bench config>`:
// createBackend from @backstage/backend-defaults with the real Mesh Advisor
// plugin, Backstage's auth, request logging and error handling, and an
// in-memory catalog service holding BENCH_SERVICES synthetic services
// (mutableCatalog below).
// Tells the parent `ready` over IPC once listening, and takes commands:
//  - { cmd: 'add' }: one more service in the catalog;
//  - { cmd: 'change', i }: service i's annotations change, and the change is
//    announced on the events service as the catalog module does once the
//    catalog has processed it;
//  - { cmd: 'rss' }: answers the process's peak RSS so far (bytes), its
//    memory now (process.memoryUsage()), the live heap the synthetic catalog
//    holds (catalogHeap, measured between two full collections as it was
//    built) and the RSS before the backend started (rssBeforeStart: Node,
//    the modules, the TypeScript loader and the catalog), so the report can
//    tell the bench's own share from the backend's.
// Callers whose static-token subject starts with `team-` read under an
// owner-only conditional catalog decision (IS_ENTITY_OWNER, the team's
// group), as a permission policy would return; everyone else may read all.
require('@backstage/cli/config/nodeTransform.cjs');
const { createHash } = require('node:crypto');
const { setFlagsFromString } = require('node:v8');
const { runInNewContext } = require('node:vm');
const { createBackend } = require('@backstage/backend-defaults');
const {
  coreServices,
  createBackendModule,
  createServiceFactory,
} = require('@backstage/backend-plugin-api');
const { catalogServiceRef } = require('@backstage/plugin-catalog-node');
const { eventsServiceRef } = require('@backstage/plugin-events-node');
const { AuthorizeResult } = require('@backstage/plugin-permission-common');
const {
  MESH_INPUTS_CHANGED_TOPIC,
  meshInputsOf,
} = require('@mesh-advisor/plugin-mesh-advisor-common');
const { meshAdvisorPlugin } = require('../src/plugin');
const { syntheticCatalog, syntheticService } = require('./catalog');

/** Keeps the listed fields (`a.b`) of an entity, as the catalog's `fields` does. */
function pick(entity, fields) {
  if (!fields) return entity;
  const out = {};
  for (const field of fields) {
    const path = field.split('.');
    let value = entity;
    for (const key of path) value = value?.[key];
    if (value === undefined) continue;
    let target = out;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[path[path.length - 1]] = value;
  }
  return out;
}

/**
 * The synthetic catalog (all Components), read as the catalog service is:
 * pages by cursor, by refs, by ref. Backstage's InMemoryCatalogClient filters
 * every entity again for each page (its cursor is an offset into a fresh
 * filter), which at 100,000 entities made the test double, not Mesh Advisor,
 * most of a sweep; this pages by offset over the list as it is.
 */
function mutableCatalog(entities) {
  const refOf = e =>
    `component:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase();
  const byRef = new Map(entities.map(e => [refOf(e), e]));
  /** One more entity. (A changed one is the same object: nothing to do.) */
  const add = e => {
    entities.push(e);
    byRef.set(refOf(e), e);
  };
  const service = {
    async queryEntities(request) {
      const offset = request.cursor ? Number(request.cursor) : 0;
      const limit = request.limit ?? entities.length;
      const next = offset + limit;
      return {
        items: entities.slice(offset, next).map(e => pick(e, request.fields)),
        totalItems: entities.length,
        pageInfo: next < entities.length ? { nextCursor: String(next) } : {},
      };
    },
    async getEntitiesByRefs(request) {
      return {
        items: request.entityRefs.map(ref => {
          const e = byRef.get(ref.toLowerCase());
          return e ? pick(e, request.fields) : undefined;
        }),
      };
    },
    async getEntityByRef(ref) {
      return byRef.get(String(ref).toLowerCase());
    },
    async getEntities(request) {
      return { items: entities.map(e => pick(e, request?.fields)) };
    },
  };
  return { service, entities, add };
}

const ownerOnly = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
    async authorizeConditional(requests, { credentials }) {
      const subject = String(credentials.principal?.subject ?? '');
      const team = subject.match(/team-\d+/)?.[0];
      return requests.map(() =>
        team
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_OWNER',
                resourceType: 'catalog-entity',
                params: { claims: [`group:default/${team}`] },
              },
            }
          : { result: AuthorizeResult.ALLOW },
      );
    },
  }),
});

/** The live heap now: after a full collection (once, at start, not during the sweep). */
function liveHeap() {
  setFlagsFromString('--expose-gc');
  runInNewContext('gc')();
  return process.memoryUsage().heapUsed;
}

async function main() {
  const heapBefore = liveHeap();
  const catalog = mutableCatalog(
    syntheticCatalog(Number(process.env.BENCH_SERVICES)),
  );
  // what the bench's own in-memory catalog holds, not the plugin
  const catalogHeap = liveHeap() - heapBefore;
  const rssBeforeStart = process.memoryUsage().rss;
  let events;
  const backend = createBackend();
  backend.add(meshAdvisorPlugin);
  backend.add(ownerOnly);
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog.service,
    }),
  );
  backend.add(
    createBackendModule({
      pluginId: 'mesh-advisor',
      moduleId: 'bench-events',
      register(reg) {
        reg.registerInit({
          deps: { e: eventsServiceRef },
          async init({ e }) {
            events = e;
          },
        });
      },
    }),
  );
  await backend.start();
  process.on('message', async m => {
    if (m?.cmd === 'add') {
      catalog.add(syntheticService(catalog.entities.length));
      process.send({ cmd: 'add', done: true });
    } else if (m?.cmd === 'change') {
      const e = catalog.entities[m.i];
      e.metadata = {
        ...e.metadata,
        etag: `change-${m.n}`,
        annotations: {
          ...e.metadata.annotations,
          'mesh-advisor.io/replicas': String(100 + m.n),
        },
      };
      await events.publish({
        topic: MESH_INPUTS_CHANGED_TOPIC,
        eventPayload: {
          entityRef: `component:default/${e.metadata.name}`,
          inputsHash: createHash('sha1').update(meshInputsOf(e)).digest('hex'),
        },
      });
      process.send({ cmd: 'change', done: true, etag: e.metadata.etag });
    } else if (m?.cmd === 'rss') {
      process.send({
        cmd: 'rss',
        bytes: process.resourceUsage().maxRSS * 1024,
        memory: process.memoryUsage(),
        catalogHeap,
        rssBeforeStart,
      });
    }
  });
  // createBackend stops the backend and exits on SIGTERM; the parent sends it
  // when done, and a parent that died takes its child along.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.send?.('ready');
}

main().catch(e => {
  // eslint-disable-next-line no-console
  console.error(e);
  process.exit(1);
});
