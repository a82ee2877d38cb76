import { ResponseError } from '@backstage/errors';

/** Backstage's standard error body, as the backend's error handler sends it. */
export function errorBody(status: number, name: string, message: string) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/api/mesh-advisor' },
    response: { statusCode: status },
  };
}

const NAMES: Record<number, string> = {
  400: 'InputError',
  401: 'AuthenticationError',
  403: 'NotAllowedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  500: 'Error',
};

/** The ResponseError the real client throws for such a response. */
export async function responseError(
  status: number,
  message: string,
  name = NAMES[status] ?? 'Error',
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(JSON.stringify(errorBody(status, name, message)), {
      status,
      statusText: name,
      headers: { 'content-type': 'application/json' },
    }),
  );
}
