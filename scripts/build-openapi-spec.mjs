#!/usr/bin/env node
// Turns the backend's OpenAPI document (the source of truth) into the typed
// constant its router is built from. The Java-based generator of
// `backstage-repo-tools schema openapi generate` cannot run offline; this
// keeps the same shape (`spec` + `createOpenApiRouter`).
// Usage: yarn openapi:build   (a check fails when the two drift apart)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { writeOrCheck } from './lib/generated.mjs';

const dir = fileURLToPath(
  new URL('../plugins/mesh-advisor-backend/src/schema/', import.meta.url),
);
const spec = parse(readFileSync(`${dir}openapi.yaml`, 'utf8'));
const text = `// Generated from openapi.yaml by \`yarn openapi:build\`. Do not edit.
/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(spec, null, 2)} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
const out = `${dir}openapi.generated.ts`;
writeOrCheck(out, text, {
  inSync: 'OpenAPI spec in sync',
  drifted:
    'openapi.yaml changed but openapi.generated.ts did not: run `yarn openapi:build`.',
});
