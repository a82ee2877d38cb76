import { ResponseError } from '@backstage/errors';

/** The HTTP status of a failed backend call, when there was one. */
export function statusOf(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** What the server said went wrong, else the error's own message. */
export function serverMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.cause?.message || error.message;
  return error instanceof Error ? error.message : String(error);
}
