import { z } from 'zod';
import { KnowledgeBase, knowledgeBaseSchema } from './schema';
import { bundledKnowledgeBaseData } from './bundled.generated';

/**
 * A knowledge base that does not validate. The message names every bad field
 * by its path, e.g. `meshes.linkerd.overhead.p99Ms.value`.
 * @public
 */
export class KnowledgeBaseError extends Error {
  readonly fields: string[];
  constructor(origin: string, issues: { path: string; message: string }[]) {
    super(
      `Invalid knowledge base (${origin}): ${issues
        .map(i => `${i.path || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
    this.name = 'KnowledgeBaseError';
    this.fields = issues.map(i => i.path);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Deep-merges an override over a base: objects merge key by key, anything
 * else (arrays included) replaces. A key set to null in the override removes it.
 * @public
 */
export function mergeKnowledgeBaseData(
  base: unknown,
  override: unknown,
): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    else
      out[key] = key in base ? mergeKnowledgeBaseData(base[key], value) : value;
  }
  return out;
}

/** Validates knowledge-base data; throws a {@link KnowledgeBaseError} naming the fields. @public */
export function parseKnowledgeBase(
  data: unknown,
  origin = 'knowledge base',
): KnowledgeBase {
  const result = knowledgeBaseSchema.safeParse(data);
  if (result.success) return result.data;
  throw new KnowledgeBaseError(
    origin,
    result.error.issues.slice(0, 20).map((i: z.core.$ZodIssue) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    })),
  );
}

let bundled: KnowledgeBase | undefined;

/**
 * The knowledge base shipped with Mesh Advisor (`data/knowledge-base.yaml`),
 * optionally with a platform team's override merged over it.
 * @public
 */
export function loadKnowledgeBase(options?: {
  override?: unknown;
  overrideOrigin?: string;
}): KnowledgeBase {
  if (options?.override === undefined) {
    bundled ??= parseKnowledgeBase(bundledKnowledgeBaseData, 'bundled');
    return bundled;
  }
  return parseKnowledgeBase(
    mergeKnowledgeBaseData(bundledKnowledgeBaseData, options.override),
    options.overrideOrigin ?? 'override',
  );
}
