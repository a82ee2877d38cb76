import { ServiceUnavailableError } from '@backstage/errors';

/**
 * The catalog could not be asked, and nothing stored may be served instead:
 * 503 (the router adds Retry-After and logs the cause; the message names
 * no address).
 */
export class CatalogUnavailableError extends ServiceUnavailableError {
  /** What the catalog call threw; logged, never sent (a `cause` would be, in the message). */
  readonly reason: unknown;
  constructor(reason: unknown) {
    super(
      'The catalog is unreachable, and Mesh Advisor cannot tell without it what you may read or change',
    );
    this.reason = reason;
  }
}
