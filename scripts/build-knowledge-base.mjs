#!/usr/bin/env node
// Turns data/knowledge-base.yaml into the module the isomorphic common package
// bundles (no YAML parser or file system needed in the browser).
// Usage: yarn kb:build            writes the module
//        yarn kb:build --check    fails when the module and the YAML drift apart
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { writeOrCheck } from './lib/generated.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = parse(readFileSync(`${root}data/knowledge-base.yaml`, 'utf8'));
const json = JSON.stringify(data);
const out = `${root}plugins/mesh-advisor-common/src/knowledgeBase/bundled.generated.ts`;
const text =
  `// Generated from data/knowledge-base.yaml by \`yarn kb:build\`. Do not edit.\n` +
  `/* eslint-disable */\n` +
  `export const bundledKnowledgeBaseData: unknown = JSON.parse(${JSON.stringify(
    json,
  )});\n`;

writeOrCheck(out, text, {
  inSync: 'knowledge base in sync',
  drifted:
    'data/knowledge-base.yaml changed but the bundled copy did not: run `yarn kb:build`.',
});
