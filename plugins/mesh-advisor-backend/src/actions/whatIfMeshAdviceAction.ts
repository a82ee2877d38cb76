import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_PREFIX,
  annotationBoundViolation,
  CNIS,
  isService,
  MESH_IDS,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { adviceSchema, toAdvice } from './adviceOutput';
import { inputText } from './inputText';
import { serviceRef } from './entityRefInput';
import type { MeshAdvisorActionsOptions } from './types';

/** Bounds the engine's work per call, as the catalog's annotation limits do. */
const MAX_KEYS = 32;

/** `requires` and `mesh-advisor.io/requires` name the same annotation. */
const fullKey = (key: string) =>
  key.includes('/') ? key : `${ANNOTATION_PREFIX}${key}`;

/** The base annotations with the changes applied (null removes one). */
function applyChanges(
  base: Record<string, string>,
  changes: Record<string, string | null> | undefined,
): Record<string, string> {
  const out = { ...base };
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value === null) delete out[fullKey(key)];
    else out[fullKey(key)] = value;
  }
  return out;
}

/** `what-if-mesh-advice`: POST /evaluate for agents, starting from a catalog entity or from scratch. */
export function registerWhatIfMeshAdviceAction({
  actionsRegistry,
  evaluations,
  catalog,
}: MeshAdvisorActionsOptions) {
  actionsRegistry.register({
    name: 'what-if-mesh-advice',
    title: 'What-if service mesh advice',
    description: `Evaluates hypothetical mesh requirements and returns the same advice as get-mesh-advice; nothing is saved.
Start from a catalog service (entityRef: its current mesh-advisor.io/* annotations, call-chain depth and platform) or from scratch (annotations), then apply changes.
Annotation keys may be written with or without the "mesh-advisor.io/" prefix: requires, prefers (comma-separated capabilities such as mtls, jwt-auth, traffic-split, multi-cluster, wasm, tracing, low-overhead), latency-budget-ms, replicas, rps, ops-capacity (low | medium | high), exposure (internal | edge), exclude. A null value in changes removes the annotation.
platform overrides the platform context (cni, currentMesh, clusters), e.g. to ask "what if we ran Calico?".
Use it to answer "what would you recommend if payments-api also needed multi-cluster?" or "which mesh fits a service that needs mTLS and a 1 ms latency budget?".`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            entityRef: inputText(z, 500)
              .optional()
              .describe(
                'Start from this catalog service (component:default/payments-api or payments-api)',
              ),
            annotations: z
              .record(inputText(z, 200), inputText(z, 1024))
              .refine(a => Object.keys(a).length <= MAX_KEYS, {
                message: `at most ${MAX_KEYS} annotations`,
              })
              .optional()
              .describe(
                'Start from these annotations instead, e.g. {"requires": "mtls, jwt-auth", "latency-budget-ms": "2"}',
              ),
            changes: z
              .record(inputText(z, 200), inputText(z, 1024).nullable())
              .refine(a => Object.keys(a).length <= MAX_KEYS, {
                message: `at most ${MAX_KEYS} changes`,
              })
              .optional()
              .describe(
                'Annotations to set (or remove, with null) on top, e.g. {"requires": "mtls, multi-cluster"}',
              ),
            platform: z
              .object({
                cni: z.enum(CNIS).optional(),
                currentMesh: z.enum(MESH_IDS).optional(),
                clusters: z.number().int().min(1).max(1000).optional(),
              })
              .strict()
              .optional()
              .describe(
                'Platform context to assume instead of the configured one',
              ),
          })
          .strict(),
      output: z =>
        adviceSchema(z).extend({
          baseline: z
            .object({ mesh: z.enum(MESH_IDS).nullable() })
            .nullable()
            .describe(
              "the catalog service's recommended mesh before the changes (null when starting from annotations)",
            ),
        }),
    },
    examples: [
      {
        title: 'payments-api, if it also needed multi-cluster',
        input: {
          entityRef: 'component:default/payments-api',
          changes: { requires: 'mtls, jwt-auth, wasm, multi-cluster' },
        },
      },
      {
        title: 'A new service that needs mTLS within 1 ms per hop',
        input: { annotations: { requires: 'mtls', 'latency-budget-ms': '1' } },
      },
    ],
    action: async ({ input, credentials }) => {
      if (!input.entityRef && !input.annotations)
        throw new InputError(
          'entityRef or annotations: give a catalog service to start from, or the annotations of a hypothetical one',
        );
      let entity: Entity;
      let callChainDepth = 1;
      let serviceCount: number | undefined;
      let baseline: { mesh: (typeof MESH_IDS)[number] | null } | null = null;
      if (input.entityRef) {
        const ref = serviceRef(input.entityRef);
        // read with the caller's credentials: what they may not read does not exist for them
        const found = await catalog.getEntityByRef(ref, { credentials });
        if (!found || !isService(found))
          throw new NotFoundError(
            `No service ${ref} in the catalog (or you may not read it); leave entityRef out and give annotations to ask about a hypothetical service`,
          );
        const stored = await evaluations.forEntity(
          {
            kind: found.kind,
            namespace: found.metadata.namespace ?? 'default',
            name: found.metadata.name,
          },
          false,
          credentials,
        );
        callChainDepth = stored.callChainDepth;
        serviceCount = stored.platform.serviceCount;
        baseline = { mesh: stored.recommendation?.mesh ?? null };
        entity = found;
      } else {
        entity = {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'what-if', namespace: 'default' },
          spec: { type: 'service', lifecycle: 'production', owner: 'unknown' },
        };
      }
      const own = (entity.metadata.annotations ?? {}) as Record<string, string>;
      // given annotations replace the service's mesh-advisor.io/* ones, and keep the rest (e.g. its Kubernetes id)
      const base = input.annotations
        ? applyChanges(
            Object.fromEntries(
              Object.entries(own).filter(
                ([k]) => !k.startsWith(ANNOTATION_PREFIX),
              ),
            ),
            input.annotations,
          )
        : own;
      const annotations = applyChanges(base, input.changes);
      // the bounds POST /evaluate enforces (values, capability lists, keys)
      const tooMuch = annotationBoundViolation(annotations);
      if (tooMuch) throw new InputError(tooMuch);
      const result = await evaluations.evaluateNow(
        { ...entity, metadata: { ...entity.metadata, annotations } },
        callChainDepth,
        serviceCount,
        input.platform,
      );
      return {
        output: {
          ...toAdvice({
            ...result,
            evaluatedAt: new Date().toISOString(),
            stale: false,
          }),
          baseline,
        },
      };
    },
  });
}
