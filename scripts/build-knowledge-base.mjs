#!/usr/bin/env node
// Turns data/knowledge-base.yaml into the module the isomorphic common package
// bundles (no YAML parser or file system needed in the browser).
// Usage: yarn kb:build   (a test fails when the two drift apart)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = parse(readFileSync(`${root}data/knowledge-base.yaml`, 'utf8'));
const json = JSON.stringify(data);
const out = `${root}plugins/mesh-advisor-common/src/knowledgeBase/bundled.generated.ts`;
writeFileSync(
  out,
  `// Generated from data/knowledge-base.yaml by \`yarn kb:build\`. Do not edit.\n` +
    `/* eslint-disable */\n` +
    `export const bundledKnowledgeBaseData: unknown = JSON.parse(${JSON.stringify(
      json,
    )});\n`,
);
console.log(`wrote ${out} (${json.length} bytes of JSON)`);
