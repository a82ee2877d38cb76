import { InputError } from '@backstage/errors';
import express, { NextFunction, Request, Response } from 'express';

/** The most a request body may weigh; more answers 413. */
export const MAX_BODY_BYTES = 256 * 1024;
/** How deeply a request body may nest objects and arrays. */
export const MAX_BODY_DEPTH = 32;
/** Page sizes (the `limit` query parameter). */
export const MAX_PAGE_SIZE = 500;

/**
 * The JSON body parser, answering 413 itself to a body over
 * {@link MAX_BODY_BYTES}: Backstage's OpenAPI router turns every error a
 * middleware passes on into a 400.
 */
export function jsonBodyParser() {
  const parse = express.json({ limit: MAX_BODY_BYTES });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, err => {
      if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
        res.status(413).json({
          error: {
            name: 'PayloadTooLargeError',
            message: `request body: larger than ${MAX_BODY_BYTES} bytes (the limit)`,
          },
          request: { method: req.method, url: req.url },
          response: { statusCode: 413 },
        });
        return;
      }
      next(err);
    });
}

const NUL = '\u0000';

/**
 * Where in a JSON value a NUL character is (PostgreSQL text cannot store
 * one), or where it nests deeper than `maxDepth`; undefined when neither.
 * Iterative, so a deep body cannot exhaust the stack.
 */
function findUnstorable(
  value: unknown,
  root: string,
  maxDepth: number,
): { path: string; problem: 'nul' | 'depth' } | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [
    { v: value, path: root, depth: 0 },
  ];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes(NUL)) return { path, problem: 'nul' };
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { path, problem: 'depth' };
    for (const [k, child] of Object.entries(v)) {
      const at = Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`;
      if (k.includes(NUL)) return { path: at, problem: 'nul' };
      stack.push({ v: child, path: at, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Rejects (400) NUL characters anywhere in the path, query or body, and
 * bodies nested deeper than {@link MAX_BODY_DEPTH}, before anything reaches
 * the validator, the engine or SQL.
 */
export function rejectUnstorableInput() {
  return (req: Request, _res: Response, next: NextFunction) => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      next(new InputError('path: not valid percent-encoding'));
      return;
    }
    if (path.includes(NUL)) {
      next(new InputError('path: contains a NUL character (\\u0000)'));
      return;
    }
    const found =
      findUnstorable(req.query, 'query', 4) ??
      findUnstorable(req.body, 'body', MAX_BODY_DEPTH);
    if (found?.problem === 'nul') {
      next(
        new InputError(
          `${found.path}: contains a NUL character (\\u0000), which cannot be stored`,
        ),
      );
      return;
    }
    if (found) {
      next(
        new InputError(
          `${found.path}: nested deeper than ${
            found.path.startsWith('query') ? 4 : MAX_BODY_DEPTH
          } levels (the limit)`,
        ),
      );
      return;
    }
    next();
  };
}

/**
 * The `limit` query parameter: a plain decimal integer in 1–500. The
 * OpenAPI validator lets `Infinity`, `1.5` or `1e400` through as numbers.
 */
export function parseLimit(raw: unknown, fallback = 50): number {
  if (raw === undefined) return fallback;
  const text = String(raw);
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw new InputError(
      `limit: "${text.slice(
        0,
        40,
      )}" is not an integer from 1 to ${MAX_PAGE_SIZE}`,
    );
  return n;
}
