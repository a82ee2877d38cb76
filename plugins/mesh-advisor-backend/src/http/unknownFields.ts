import { InputError } from '@backstage/errors';
import type { NextFunction, Request, Response } from 'express';

type BodySchema = {
  additionalProperties?: boolean;
  properties?: Record<string, unknown>;
};

/**
 * The OpenAPI validator rejects unknown body fields without naming them
 * ("must NOT have additional properties"). This names them, for the
 * operations whose body schema is closed. Runs before the validator.
 */
export function rejectUnknownBodyFields(spec: { paths: Record<string, any> }) {
  const closed: { pattern: RegExp; method: string; allowed: Set<string> }[] =
    [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, any>)) {
      const schema: BodySchema | undefined =
        op?.requestBody?.content?.['application/json']?.schema;
      if (schema?.additionalProperties === false && schema.properties) {
        const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        closed.push({
          pattern,
          method: method.toUpperCase(),
          allowed: new Set(Object.keys(schema.properties)),
        });
      }
    }
  }
  return (req: Request, _res: Response, next: NextFunction) => {
    const body = req.body;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const route = closed.find(
        c => c.method === req.method && c.pattern.test(req.path),
      );
      const unknown = route
        ? Object.keys(body).filter(k => !route.allowed.has(k))
        : [];
      if (unknown.length) {
        next(
          new InputError(
            `${unknown.join(', ')}: not a field of this request; allowed: ${[
              ...route!.allowed,
            ].join(', ')}`,
          ),
        );
        return;
      }
    }
    next();
  };
}
