import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DRIFT_STATES,
  DriftState,
  MESH_IDS,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import express from 'express';
import Router from 'express-promise-router';
import type { DatabaseLiveStore } from '../database/DatabaseLiveStore';
import { ReadAccessResolver } from '../service/readAccess';

function oneString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new InputError(`${name}: give it once, as a string`);
  return value;
}

function oneOf<T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const v = oneString(value, name);
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T))
    throw new InputError(`${name}: must be one of ${allowed.join(', ')}`);
  return v as T;
}

/**
 * The live-state API (see openapi.yaml): what services actually run, their
 * drift, and the clusters' state. Reads follow catalog read access like the
 * evaluations do; every query parameter is checked (400 naming it).
 */
export function createLiveRouter(deps: {
  httpAuth: HttpAuthService;
  store: DatabaseLiveStore;
  catalog: CatalogService;
  readAccess: ReadAccessResolver;
}): express.Router {
  const { httpAuth, store, catalog, readAccess } = deps;
  const router = Router();

  router.get('/live/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [pass, counts] = await Promise.all([
      store.lastPass(),
      store.counts(),
    ]);
    res.json({
      at: pass?.at ?? null,
      requests: pass?.requests ?? 0,
      clusters: pass?.clusters ?? [],
      platform: pass?.platform ?? null,
      services: counts,
    });
  });

  router.get('/live/services', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const drift = oneOf<DriftState>(req.query.drift, 'drift', DRIFT_STATES);
    const mesh = oneOf<MeshId | 'unknown'>(req.query.mesh, 'mesh', [
      ...MESH_IDS,
      'unknown',
    ]);
    const staleRaw = oneOf(req.query.stale, 'stale', [
      'true',
      'false',
    ] as const);
    const limitRaw = oneString(req.query.limit, 'limit') ?? '100';
    const limit = Number(limitRaw);
    if (!/^\d+$/.test(limitRaw) || limit < 1 || limit > 500) {
      throw new InputError('limit: an integer from 1 to 500');
    }
    const cursor = oneString(req.query.cursor, 'cursor');
    if (
      cursor !== undefined &&
      (cursor.length > 300 || !cursor.includes(':'))
    ) {
      throw new InputError('cursor: not a cursor this API returned');
    }
    const access = await readAccess.of(credentials);
    res.json(
      await store.list({
        drift,
        mesh,
        stale: staleRaw === undefined ? undefined : staleRaw === 'true',
        limit,
        after: cursor,
        onlyRefs: access.all ? undefined : access.refs,
      }),
    );
  });

  router.get('/entities/:namespace/:kind/:name/actual', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { namespace, kind, name } = req.params;
    const entityRef = stringifyEntityRef({ namespace, kind, name });
    // The catalog answers with the caller's credentials: 404 to whoever may not read it.
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    const actual = entity ? await store.get(entityRef) : undefined;
    if (!actual) {
      throw new NotFoundError(
        `No actual state for ${entityRef}: not in the catalog (or you may not read it), or no live pass has seen it yet`,
      );
    }
    res.json(actual);
  });

  return router;
}
