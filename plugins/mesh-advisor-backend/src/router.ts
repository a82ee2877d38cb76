import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  annotationBoundViolation,
  EvaluationSortField,
  EvaluationStatus,
  KnowledgeBase,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import express from 'express';
import { createOpenApiRouter, spec } from './schema/openapi.generated';
import { hideInternalErrors } from './http/errorHandler';
import { sendJsonBody } from './http/jsonBody';
import {
  jsonBodyParser,
  parseLimit,
  rejectUnstorableInput,
} from './http/requestGuards';
import { rejectUnknownBodyFields } from './http/unknownFields';
import type { DecisionService } from './service/decisions';
import type { EvaluationService } from './service/evaluations';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  evaluations: EvaluationService;
  decisions: DecisionService;
  knowledgeBase: KnowledgeBase;
}

/**
 * HTTP ↔ services, nothing else. The OpenAPI document validates every path,
 * query and body before a handler runs; errors thrown here are turned into
 * Backstage's standard error responses by the backend's error handler.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, logger, evaluations, decisions, knowledgeBase } = options;
  const router = await createOpenApiRouter({
    middleware: [
      jsonBodyParser(),
      rejectUnstorableInput(),
      rejectUnknownBodyFields(spec),
    ],
  });

  router.get(
    '/entities/:namespace/:kind/:name/evaluation',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { namespace, kind, name } = req.params;
      res.json(
        await evaluations.forEntity(
          { namespace, kind, name },
          req.query.live === true || String(req.query.live) === 'true',
          credentials,
        ),
      );
    },
  );

  router.get('/evaluations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const q = req.query;
    // Serialized once per reused page (see EvaluationService.listJson); the
    // typed router expects the object, so the plain response sends the body.
    sendJsonBody(
      res as express.Response,
      await evaluations.listJson(
        {
          owner: q.owner,
          system: q.system,
          mesh: q.mesh as MeshId | undefined,
          status: q.status as EvaluationStatus | undefined,
          decision: q.decision,
          q: q.q,
          sort: (q.sort ?? 'name') as EvaluationSortField,
          order: q.order === 'desc' ? 'desc' : 'asc',
          limit: parseLimit(q.limit),
          cursor: q.cursor,
        },
        credentials,
      ),
    );
  });

  router.get('/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // Serialized once per cached summary (see listJson above).
    sendJsonBody(
      res as express.Response,
      await evaluations.summaryJson(credentials),
    );
  });

  router.post('/evaluate', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { entity, platform, callChainDepth } = req.body;
    if (!entity?.metadata?.name)
      throw new InputError('entity.metadata.name: required');
    const tooMuch = annotationBoundViolation(entity.metadata.annotations);
    if (tooMuch) throw new InputError(tooMuch);
    const result = await evaluations.evaluateNow(
      entity as Entity,
      callChainDepth ?? 1,
      undefined,
      platform,
    );
    res.json({
      ...result,
      evaluatedAt: new Date().toISOString(),
      stale: false,
      live: true,
    });
  });

  router.get('/knowledge-base', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(knowledgeBase);
  });

  router.post('/decisions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.status(201).json(await decisions.create(req.body, credentials));
  });

  router.get('/decisions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const q = req.query;
    res.json(
      await decisions.list(
        {
          entityRef: q.entityRef,
          status: q.status,
          chosen: q.chosen,
          author: q.author,
          limit: parseLimit(q.limit),
          cursor: q.cursor,
        },
        credentials,
      ),
    );
  });

  router.get('/decisions/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await decisions.get(req.params.id, credentials));
  });

  router.post('/decisions/:id/transitions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await decisions.transition(req.params.id, req.body, credentials));
  });

  router.get('/decisions/:id/adr.md', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res
      .type('text/markdown')
      .send(await decisions.adr(req.params.id, credentials));
  });

  router.use(hideInternalErrors(logger));
  return router;
}
