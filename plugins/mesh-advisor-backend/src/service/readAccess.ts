import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TtlCache } from '../ttlCache';
import { ReadFilter, toReadFilter } from './readFilter';

/**
 * Which services' evaluations a caller may see: those of the entities the
 * catalog lets them read. `all` when the read permission is allowed
 * outright; otherwise the entity refs (lower case) the catalog returns to
 * them — none when it is denied.
 */
export type ReadAccess =
  | { all: true }
  | { all: false; refs: readonly string[] };

/**
 * Read access as the evaluations table can apply it: a conditional decision
 * whose conditions it can express becomes a filter on its columns (no
 * catalog request); anything else the catalog's answer, as for ReadAccess.
 */
export type StoredReadAccess = ReadAccess | { all: false; filter: ReadFilter };

const EVERYTHING: ReadAccess = { all: true };
const NOTHING: ReadAccess = { all: false, refs: [] };

/**
 * Asks the permission framework, then — for a conditional decision, such
 * as "only what your team owns" — the catalog itself, which applies the
 * conditions. The catalog is asked for every service the caller can read,
 * so each principal's answer is kept for `cacheMs` (as pages are).
 */
export class ReadAccessResolver {
  private readonly kept: TtlCache<ReadAccess>;
  private readonly keptForStore: TtlCache<StoredReadAccess>;

  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      catalog: CatalogService;
      cacheMs: number;
    },
  ) {
    this.kept = new TtlCache(deps.cacheMs);
    this.keptForStore = new TtlCache(deps.cacheMs);
  }

  of(credentials: BackstageCredentials): Promise<ReadAccess> {
    return this.kept.get(principalKey(credentials), () =>
      this.resolve(credentials),
    );
  }

  /** Read access for the evaluations table: a filter where it can express the conditions. */
  forStore(credentials: BackstageCredentials): Promise<StoredReadAccess> {
    return this.keptForStore.get(principalKey(credentials), async () => {
      const [decision] = await this.deps.permissions.authorizeConditional(
        [{ permission: catalogEntityReadPermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.ALLOW) return EVERYTHING;
      if (decision.result === AuthorizeResult.DENY) return NOTHING;
      const filter =
        decision.result === AuthorizeResult.CONDITIONAL &&
        decision.resourceType === 'catalog-entity'
          ? toReadFilter(decision.conditions)
          : undefined;
      return filter ? { all: false, filter } : this.of(credentials);
    });
  }

  private async resolve(credentials: BackstageCredentials) {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return EVERYTHING;
    if (decision.result === AuthorizeResult.DENY) return NOTHING;
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'Component', 'spec.type': 'service' },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    return {
      all: false,
      refs: items.map(e => stringifyEntityRef(e).toLowerCase()),
    } as ReadAccess;
  }
}

/** One cache entry per principal. */
function principalKey(credentials: BackstageCredentials) {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}
