/* Test-only helper: runs in Jest (Node), never in the browser bundle. It
 * reads the backend's OpenAPI document from the monorepo. */
/* eslint-disable no-restricted-imports */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import { parse } from 'yaml';
/* eslint-enable no-restricted-imports */

/** The backend's OpenAPI document: the contract the frontend builds against. */
export const OPENAPI_PATH = resolve(
  __dirname,
  '../../../mesh-advisor-backend/src/schema/openapi.yaml',
);

type Json = { [key: string]: any };

const SCHEMA_BASE = 'https://mesh-advisor.local/schemas/';

/** `#/components/schemas/X` → an absolute id ajv knows, everywhere in a schema. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$ref' && typeof value === 'string') {
      const match = value.match(/^#\/components\/schemas\/(.+)$/);
      if (!match) throw new Error(`Unsupported $ref ${value}`);
      out.$ref = `${SCHEMA_BASE}${match[1]}`;
    } else {
      out[key] = rewriteRefs(value);
    }
  }
  return out;
}

/** `#/components/responses/X` → the response object. */
function resolveResponse(doc: Json, response: Json): Json {
  const ref = response.$ref as string | undefined;
  if (!ref) return response;
  const name = ref.replace('#/components/responses/', '');
  return doc.components.responses[name];
}

export type OpenApiValidator = {
  /** The operation's response schema for a status (its JSON content). */
  responseSchema(operationId: string, status: number): Json;
  /** Errors validating `data` as the operation's response; [] when valid. */
  validateResponse(
    operationId: string,
    status: number,
    data: unknown,
  ): string[];
  /** Errors validating `data` as the operation's request body; [] when valid. */
  validateRequestBody(operationId: string, data: unknown): string[];
  /** Every operationId in the document. */
  operationIds: string[];
};

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    e =>
      `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`,
  );
}

/** Loads the OpenAPI document and compiles validators for its schemas. */
export function loadOpenApiValidator(path = OPENAPI_PATH): OpenApiValidator {
  const doc = parse(readFileSync(path, 'utf8')) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('date-time', (s: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s),
  );
  ajv.addFormat(
    'uuid',
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  );
  for (const [name, schema] of Object.entries(doc.components.schemas as Json)) {
    ajv.addSchema(rewriteRefs(schema) as Json, `${SCHEMA_BASE}${name}`);
  }

  const operations = new Map<string, Json>();
  for (const pathItem of Object.values(doc.paths as Json)) {
    for (const op of Object.values(pathItem as Json)) {
      if (op && typeof op === 'object' && op.operationId) {
        operations.set(op.operationId, op);
      }
    }
  }
  const operation = (id: string) => {
    const op = operations.get(id);
    if (!op) throw new Error(`No operation ${id} in ${path}`);
    return op;
  };

  const responseSchema = (operationId: string, status: number) => {
    const response = operation(operationId).responses?.[String(status)];
    if (!response) {
      throw new Error(`${operationId} documents no ${status} response`);
    }
    const content = resolveResponse(doc, response).content ?? {};
    const media = content['application/json'] ?? Object.values(content)[0];
    return rewriteRefs(media?.schema ?? {}) as Json;
  };

  return {
    operationIds: [...operations.keys()],
    responseSchema,
    validateResponse(operationId, status, data) {
      const validate = ajv.compile(responseSchema(operationId, status));
      return validate(data) ? [] : describe(validate.errors);
    },
    validateRequestBody(operationId, data) {
      const schema =
        operation(operationId).requestBody?.content?.['application/json']
          ?.schema;
      if (!schema) throw new Error(`${operationId} takes no JSON body`);
      const validate = ajv.compile(rewriteRefs(schema) as Json);
      return validate(data) ? [] : describe(validate.errors);
    },
  };
}
