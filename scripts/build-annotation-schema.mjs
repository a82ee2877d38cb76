#!/usr/bin/env node
// Writes the JSON Schema of the mesh-advisor.io/* annotations, generated from
// the vocabulary (plugins/mesh-advisor-common/src/vocabulary.ts) and the
// parser's limits, for editors (yaml-language-server) and CI linters.
// Usage: yarn annotations:schema            writes the schema
//        yarn annotations:schema --check    fails when it and the vocabulary drift apart
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './lib/generated.mjs';

const require = createRequire(import.meta.url);
// Backstage's own TypeScript loader: the vocabulary is the one source of truth.
require('@backstage/cli/config/nodeTransform.cjs');
const common = fileURLToPath(
  new URL('../plugins/mesh-advisor-common/', import.meta.url),
);
const {
  ANNOTATIONS,
  ANNOTATION_DOCS,
  CAPABILITIES,
  OPS_CAPACITIES,
  EXPOSURES,
} = require(`${common}src/vocabulary.ts`);
const { ANNOTATION_LIMITS } = require(`${common}src/annotations.ts`);

/** The parser lower-cases before comparing: `[mM][tT][lL][sS]`. */
const caseless = word =>
  [...word]
    .map(c =>
      c.toLowerCase() !== c.toUpperCase()
        ? `[${c.toLowerCase()}${c.toUpperCase()}]`
        : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
const oneOf = words => `(?:${words.map(caseless).join('|')})`;

// Comma-separated capabilities; empty entries are skipped, as the parser does;
// at most capabilityTokens entries (fewer commas than that).
const capability = oneOf(CAPABILITIES);
const capabilityList = `^(?![^,]*(?:,[^,]*){${ANNOTATION_LIMITS.capabilityTokens}})\\s*(?:${capability})?\\s*(?:,\\s*(?:${capability})?\\s*)*$`;
// Plain decimals, as the parser reads them (no exponent, hex or separators).
const positive = '^\\s*\\+?(?=[\\d.]*[1-9])(?:\\d+\\.?\\d*|\\.\\d+)\\s*$';
const nonNegative =
  '^\\s*(?:\\+?(?:\\d+\\.?\\d*|\\.\\d+)|-(?:0+\\.?0*|\\.0+))\\s*$';
const nonNegativeInteger =
  '^\\s*(?:\\+?(?:\\d+\\.?0*|\\.0+)|-(?:0+\\.?0*|\\.0+))\\s*$';
const word = words => `^\\s*${oneOf(words)}\\s*$`;

const rules = {
  requires: {
    pattern: capabilityList,
    message: `comma-separated capabilities: ${CAPABILITIES.join(', ')}`,
    examples: ['mtls', 'mtls, jwt-auth', ...CAPABILITIES],
  },
  prefers: {
    pattern: capabilityList,
    message: `comma-separated capabilities: ${CAPABILITIES.join(', ')}`,
    examples: ['tracing, golden-metrics', ...CAPABILITIES],
  },
  latencyBudgetMs: {
    pattern: positive,
    message: 'a number > 0, in milliseconds (e.g. "2" or "0.5")',
    examples: ['2', '0.5', '5'],
  },
  replicas: {
    pattern: nonNegativeInteger,
    message: 'an integer ≥ 0',
    examples: ['3', '6'],
  },
  rps: {
    pattern: nonNegative,
    message: 'a number ≥ 0, requests per second at peak',
    examples: ['100', '1200'],
  },
  opsCapacity: {
    pattern: word(OPS_CAPACITIES),
    message: OPS_CAPACITIES.join(' | '),
    examples: [...OPS_CAPACITIES],
  },
  exposure: {
    pattern: word(EXPOSURES),
    message: EXPOSURES.join(' | '),
    examples: [...EXPOSURES],
  },
  exclude: {
    pattern: word(['true', 'false']),
    message: 'true | false',
    examples: ['true', 'false'],
  },
};

const annotationProperties = Object.fromEntries(
  Object.entries(ANNOTATIONS).map(([name, key]) => {
    const r = rules[name];
    if (!r) throw new Error(`no schema rule for annotation ${key}`);
    return [
      key,
      {
        type: 'string',
        description: ANNOTATION_DOCS[name],
        maxLength: ANNOTATION_LIMITS.valueLength,
        pattern: r.pattern,
        // shown by yaml-language-server and VS Code instead of the pattern
        patternErrorMessage: `${key}: expected ${r.message}`,
        examples: [...new Set(r.examples)],
      },
    ];
  }),
);

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://unpkg.com/@mesh-advisor/plugin-mesh-advisor-common/schema/annotations.schema.json',
  title: 'Mesh Advisor annotations',
  description:
    'The mesh-advisor.io/* annotations of a Backstage catalog entity: what a service needs from a service mesh. Generated from the vocabulary by `yarn annotations:schema`; other fields of the entity are left to the catalog schema.',
  type: 'object',
  properties: {
    metadata: {
      type: 'object',
      properties: {
        annotations: {
          type: 'object',
          properties: annotationProperties,
          // any annotation, except a mesh-advisor.io/* one Mesh Advisor does not know
          propertyNames: {
            pattern: `^(?!mesh-advisor\\.io/)|^(?:${Object.values(ANNOTATIONS)
              .map(k => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
              .join('|')})$`,
            patternErrorMessage: `not a Mesh Advisor annotation; known: ${Object.values(
              ANNOTATIONS,
            ).join(', ')}`,
          },
        },
      },
    },
  },
};

const out = `${common}schema/annotations.schema.json`;
const text = `${JSON.stringify(schema, null, 2)}\n`;
writeOrCheck(out, text, {
  inSync: 'annotation schema in sync',
  drifted:
    'The annotation vocabulary changed but its JSON Schema did not: run `yarn annotations:schema`.',
});
