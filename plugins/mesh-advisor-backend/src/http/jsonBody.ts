import { createHash } from 'node:crypto';
import type express from 'express';

/**
 * A JSON response body serialized once, with its entity tag, for a value
 * served many times (a reused page or summary): neither the serialization
 * nor the hash Express would compute for the ETag is repeated per request.
 */
export interface JsonBody {
  json: string;
  etag: string;
}

export function jsonBody(value: unknown): JsonBody {
  const json = JSON.stringify(value);
  const hash = createHash('sha1').update(json).digest('base64url');
  // weak, as Express's own: the same JSON, not necessarily the same bytes on the wire
  return { json, etag: `W/"${json.length.toString(16)}-${hash}"` };
}

/** Sends it; Express keeps an ETag that is set, and answers 304 to a matching If-None-Match. */
export function sendJsonBody(res: express.Response, body: JsonBody) {
  res.set('ETag', body.etag).type('json').send(body.json);
}
