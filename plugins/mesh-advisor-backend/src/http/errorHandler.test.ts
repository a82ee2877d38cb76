import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { InputError, NotFoundError, ResponseError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { CatalogUnavailableError } from '../service/CatalogUnavailableError';
import { hideInternalErrors, RETRY_AFTER_SECONDS } from './errorHandler';

/** What a route throws → what the client gets, through Backstage's own error middleware as in the backend. */
function appThrowing(error: unknown) {
  const logger = mockServices.logger.mock();
  const app = express();
  app.get('/', () => {
    throw error;
  });
  app.use(hideInternalErrors(logger));
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { app, logger };
}

const connectionRefused = Object.assign(
  new Error('connect ECONNREFUSED 10.1.2.3:7007'),
  { code: 'ECONNREFUSED', name: 'FetchError' },
);
const pgShutdown = Object.assign(
  new Error(
    'select * from "mesh_advisor_decisions" - terminating connection due to administrator command',
  ),
  { code: '57P01' },
);

describe('hideInternalErrors', () => {
  it('passes client errors through as they are', async () => {
    for (const [error, status] of [
      [new InputError('limit: not an integer'), 400],
      [new NotFoundError('No decision x'), 404],
    ] as const) {
      const res = await request(appThrowing(error).app).get('/');
      expect(res.status).toBe(status);
      expect(res.body.error.message).toBe(error.message);
    }
  });

  it('answers 503 with Retry-After to an unreachable catalog or database, naming no address or SQL, and logs the details with the log id', async () => {
    for (const error of [
      connectionRefused,
      pgShutdown,
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('Knex: Timeout acquiring a connection'), {
        name: 'KnexTimeoutError',
      }),
    ]) {
      const { app, logger } = appThrowing(error);
      const res = await request(app).get('/');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/10\.1\.2\.3|ECONNREFUSED|select|terminat/i);
      expect(res.body.error.stack).toBeUndefined();
      const logId = res.body.error.message.match(/logId=(\w+)/)?.[1];
      expect(logId).toMatch(/^[0-9a-f]{20}$/);
      expect(logger.child).toHaveBeenCalledWith({ logId });
    }
  });

  it('keeps its own 503 message for a catalog outage, without the cause', async () => {
    const res = await request(
      appThrowing(new CatalogUnavailableError(connectionRefused)).app,
    ).get('/');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/^The catalog is unreachable/);
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|10\.1\.2\.3/);
  });

  it('treats the catalog answering 5xx as unavailable, and anything else as a 500 naming only a log id', async () => {
    const catalog5xx = Object.assign(new Error('Request failed with 502'), {
      name: 'ResponseError',
      statusCode: 502,
    }) as unknown as ResponseError;
    expect((await request(appThrowing(catalog5xx).app).get('/')).status).toBe(
      503,
    );
    const bug = new TypeError(
      "Cannot read properties of undefined (reading 'entity_ref') at /srv/app/dist/index.cjs.js:12",
    );
    const res = await request(appThrowing(bug).app).get('/');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(
      /^An internal error occurred \(logId=[0-9a-f]{20}\)$/,
    );
    expect(JSON.stringify(res.body)).not.toMatch(/entity_ref|\/srv\/app/);
  });
});
