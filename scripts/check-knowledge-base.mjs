// Fails when data/knowledge-base.yaml and the module the common package bundles drift apart.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const yaml = JSON.stringify(
  parse(readFileSync(`${root}data/knowledge-base.yaml`, 'utf8')),
);
const generated = readFileSync(
  `${root}plugins/mesh-advisor-common/src/knowledgeBase/bundled.generated.ts`,
  'utf8',
);
const match = generated.match(/JSON\.parse\((".*")\);/s);
if (!match || JSON.parse(match[1]) !== yaml) {
  console.error(
    'data/knowledge-base.yaml changed but the bundled copy did not: run `yarn kb:build`.',
  );
  process.exit(1);
}
console.log('knowledge base in sync');
