import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TtlCache } from '../ttlCache';

/**
 * Which services' evaluations a caller may see: those of the entities the
 * catalog lets them read. `all` when the read permission is allowed
 * outright; otherwise the entity refs (lower case) the catalog returns to
 * them — none when it is denied.
 */
export type ReadAccess =
  | { all: true }
  | { all: false; refs: readonly string[] };

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

  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      catalog: CatalogService;
      cacheMs: number;
    },
  ) {
    this.kept = new TtlCache(deps.cacheMs);
  }

  of(credentials: BackstageCredentials): Promise<ReadAccess> {
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      subject?: string;
    };
    const key = `${principal.type}:${
      principal.userEntityRef ?? principal.subject ?? ''
    }`;
    return this.kept.get(key, () => this.resolve(credentials));
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
