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
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'spec.dependsOn',
  'relations',
];

const PAGE_SIZE = 1000;

/** Reads every Component from the catalog, page by page, as the plugin itself. */
export async function readAllComponents(
  catalog: CatalogService,
  auth: AuthService,
): Promise<Entity[]> {
  const credentials = await auth.getOwnServiceCredentials();
  const entities: Entity[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, fields: SWEEP_FIELDS }
        : {
            filter: { kind: 'Component' },
            limit: PAGE_SIZE,
            fields: SWEEP_FIELDS,
          },
      { credentials },
    );
    entities.push(...page.items);
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return entities;
}
