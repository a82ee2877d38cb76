import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** The fields the sweep needs; everything else stays in the catalog. */
export const SWEEP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'metadata.annotations',
  'metadata.etag',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'spec.dependsOn',
  'relations',
];

/** What the first, light pass needs: the dependsOn graph and which are services. */
export const GRAPH_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.type',
  'spec.dependsOn',
];

export const PAGE_SIZE = 1000;

/**
 * Reads every Component from the catalog page by page, as the plugin
 * itself, handing each page to `onPage` before reading the next: memory
 * holds one page, however large the catalog.
 */
export async function forEachComponentPage(
  catalog: CatalogService,
  auth: AuthService,
  fields: string[],
  onPage: (items: Entity[], requestedAt: Date) => Promise<void> | void,
  pageSize = PAGE_SIZE,
  now: () => Date = () => new Date(),
): Promise<void> {
  const credentials = await auth.getOwnServiceCredentials();
  let cursor: string | undefined;
  do {
    const requestedAt = now();
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: pageSize, fields }
        : { filter: { kind: 'Component' }, limit: pageSize, fields },
      { credentials },
    );
    await onPage(page.items, requestedAt);
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
}
