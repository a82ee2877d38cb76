import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

/** The example catalog the app ships (data/examples), as entities. */
export function loadExampleEntities(): Entity[] {
  const dir = resolvePackagePath(
    '@mesh-advisor/plugin-mesh-advisor-backend',
    '../../data/examples',
  );
  const files = [
    'org.yaml',
    'systems.yaml',
    ...fs.readdirSync(path.join(dir, 'components')).map(f => `components/${f}`),
  ];
  return files.flatMap(f =>
    parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))
      .map(d => d.toJS() as Entity)
      .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } })),
  );
}

/** How many Components of type service the example catalog has. */
export const SERVICES = 38;
