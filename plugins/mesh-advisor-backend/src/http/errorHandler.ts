import { randomBytes } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { NextFunction, Request, Response } from 'express';

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** Errors whose message we wrote for the client (4xx); they pass through as they are. */
const CLIENT_ERRORS = new Set([
  InputError.name,
  AuthenticationError.name,
  NotAllowedError.name,
  NotFoundError.name,
  ConflictError.name,
  NotModifiedError.name,
]);

/**
 * Network and database connection failures: the catalog or the database is
 * down or restarting, not a fault in the request. Node's socket error
 * codes, PostgreSQL connection and shutdown classes (08…, 57P0…), Knex's
 * pool timeout, and the catalog answering with a 5xx.
 */
export function isUnavailable(e: unknown): boolean {
  const err = e as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    statusCode?: unknown;
    cause?: unknown;
  };
  if (!err || typeof err !== 'object') return false;
  const code = String(err.code ?? '');
  if (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|08\w{3}|57P0\d)$/.test(
      code,
    )
  )
    return true;
  if (err.name === 'KnexTimeoutError' || err.name === 'FetchError') return true;
  if (err.name === 'ResponseError' && Number(err.statusCode) >= 500)
    return true;
  if (
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|connection error and is not queryable|socket hang up|Timeout acquiring a connection/.test(
      String(err.message ?? ''),
    )
  )
    return true;
  return err.cause !== undefined && err.cause !== e && isUnavailable(err.cause);
}

/**
 * The last error middleware of the plugin's router: what reaches a client
 * names no internal address, SQL or stack. Client errors (4xx) pass
 * through; an unreachable catalog or database becomes 503 with
 * Retry-After; anything else a 500 naming only a log id. The details go to
 * the log with that id.
 */
export function hideInternalErrors(logger: LoggerService) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    const e = err as Error;
    if (e && CLIENT_ERRORS.has(e.name)) {
      next(e);
      return;
    }
    const status = Number((e as { statusCode?: unknown })?.statusCode);
    // body-parser's own 4xx (malformed JSON, unsupported charset): its message names no internals
    if (
      Number.isInteger(status) &&
      status >= 400 &&
      status < 500 &&
      e.name !== 'ResponseError'
    ) {
      next(new InputError(e.message));
      return;
    }
    const logId = randomBytes(10).toString('hex');
    const unavailable =
      isUnavailable(e) || e?.name === ServiceUnavailableError.name;
    const logged = (e as { reason?: unknown })?.reason ?? e;
    logger
      .child({ logId })
      .error(
        `${req.method} ${req.baseUrl}${req.path} failed (logId=${logId})`,
        logged instanceof Error ? logged : new Error(String(logged)),
      );
    if (unavailable) {
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      // Our own 503s say what is unavailable, without addresses or causes.
      const what =
        e?.name === ServiceUnavailableError.name && e.cause === undefined
          ? e.message
          : 'A service Mesh Advisor depends on (the catalog or the database) is unavailable';
      next(
        new ServiceUnavailableError(
          `${what}; try again in ${RETRY_AFTER_SECONDS} seconds (logId=${logId})`,
        ),
      );
      return;
    }
    const internal = new Error(`An internal error occurred (logId=${logId})`);
    delete internal.stack;
    next(internal);
  };
}
