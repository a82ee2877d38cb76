import express from 'express';
import request from 'supertest';
import { jsonBody, sendJsonBody } from './jsonBody';

describe('jsonBody', () => {
  const body = jsonBody({ items: [{ name: 'ledger' }], totalCount: 1 });
  const app = express().get('/', (_req, res) => sendJsonBody(res, body));

  it('sends the JSON with its entity tag, which changes with the content', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ items: [{ name: 'ledger' }], totalCount: 1 });
    expect(res.headers.etag).toBe(body.etag);
    expect(jsonBody({ items: [], totalCount: 0 }).etag).not.toBe(body.etag);
  });

  it('answers 304 to a client that has it', async () => {
    const res = await request(app).get('/').set('If-None-Match', body.etag);
    expect(res.status).toBe(304);
  });
});
