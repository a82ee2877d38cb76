import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import {
  catalogServiceRef,
  CatalogService,
} from '@backstage/plugin-catalog-node';

/**
 * An in-memory catalog whose contents can change between sweeps and which
 * can be taken down, to test removal and outages. Reads may be restricted to
 * what a given user can see.
 */
export class FakeCatalog {
  entities: Entity[];
  down = false;
  /** entity refs each user may read; users not listed see everything */
  visibleTo = new Map<string, Set<string>>();

  constructor(entities: Entity[]) {
    this.entities = entities;
  }

  /** The entity `name` declares these annotations from now on (the next sweep sees them). */
  annotate(name: string, annotations: Record<string, string>) {
    this.entities = this.entities.map(e =>
      e.metadata.name === name
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: { ...e.metadata.annotations, ...annotations },
            },
          }
        : e,
    );
  }

  private client(): CatalogService {
    if (this.down) {
      const fail = async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
      };
      return new Proxy({} as CatalogService, {
        get: (_t, prop) => (prop === 'then' ? undefined : fail),
      });
    }
    return new InMemoryCatalogClient({
      entities: this.entities,
    }) as unknown as CatalogService;
  }

  private allowed(credentials: any, ref: string): boolean {
    const user = credentials?.principal?.userEntityRef;
    const visible = user && this.visibleTo.get(user);
    return !visible || visible.has(ref);
  }

  readonly service: CatalogService = new Proxy({} as CatalogService, {
    // `then` must stay undefined, or awaiting the service would treat it as a promise.
    get: (_t, method: keyof CatalogService | 'then') =>
      method === 'then'
        ? undefined
        : async (...args: any[]) => {
            const c = this.client();
            if (method === 'getEntityByRef') {
              const [ref, opts] = args;
              const e = await c.getEntityByRef(ref, opts);
              return e &&
                this.allowed(
                  opts?.credentials,
                  String(typeof ref === 'string' ? ref : '').toLowerCase() ||
                    `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase(),
                )
                ? e
                : undefined;
            }
            if (method === 'getEntitiesByRefs') {
              const [req, opts] = args;
              const res = await c.getEntitiesByRefs(req, opts);
              return {
                items: res.items.map((e, i) =>
                  e &&
                  this.allowed(
                    opts?.credentials,
                    req.entityRefs[i].toLowerCase(),
                  )
                    ? e
                    : undefined,
                ),
              };
            }
            if (method === 'getEntities') {
              const [req, opts] = args;
              const res = await c.getEntities(req, opts);
              return {
                items: res.items.filter(e =>
                  this.allowed(
                    opts?.credentials,
                    stringifyEntityRef(e).toLowerCase(),
                  ),
                ),
              };
            }
            return (c as any)[method](...args);
          },
  });

  factory() {
    return createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => this.service,
    });
  }
}
