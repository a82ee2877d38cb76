import { ANNOTATIONS, ANNOTATION_PREFIX } from './vocabulary';

/**
 * Bounds on the work one entity's annotations can cause: a value longer
 * than `valueLength` or a capability list with more than `capabilityTokens`
 * entries is reported, not parsed; at most `issues` problems are listed,
 * followed by one that counts the rest. The backend's POST /evaluate
 * refuses (400) annotations over the first two bounds, and
 * more than `keys` `mesh-advisor.io/*` annotations.
 * @public
 */
export const ANNOTATION_LIMITS = {
  valueLength: 1024,
  capabilityTokens: 64,
  issues: 50,
  keys: 32,
} as const;

/** How much of a long value or key an issue quotes. */
const QUOTE_LENGTH = 120;
export const clip = (s: string) =>
  s.length > QUOTE_LENGTH ? `${s.slice(0, QUOTE_LENGTH)}…` : s;

/** Commas + 1: the entries of a list, empty ones included. */
export function countTokens(raw: string): number {
  let n = 1;
  for (let i = raw.indexOf(','); i >= 0; i = raw.indexOf(',', i + 1)) n++;
  return n;
}

/**
 * Why POST /evaluate refuses these annotations — the bound they exceed —
 * or undefined when they are within {@link ANNOTATION_LIMITS}.
 * @public
 */
export function annotationBoundViolation(
  annotations: Record<string, unknown> | undefined,
): string | undefined {
  if (!annotations || typeof annotations !== 'object') return undefined;
  let keys = 0;
  for (const key in annotations) {
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    if (++keys > ANNOTATION_LIMITS.keys)
      return `metadata.annotations: more than ${ANNOTATION_LIMITS.keys} ${ANNOTATION_PREFIX}* annotations (the limit)`;
    const v = annotations[key];
    const raw = typeof v === 'string' ? v : String(v ?? '');
    if (raw.length > ANNOTATION_LIMITS.valueLength)
      return `${clip(key)}: ${raw.length} characters; at most ${
        ANNOTATION_LIMITS.valueLength
      } (the limit)`;
    if (
      (key === ANNOTATIONS.requires || key === ANNOTATIONS.prefers) &&
      countTokens(raw) > ANNOTATION_LIMITS.capabilityTokens
    )
      return `${key}: ${countTokens(raw)} entries; at most ${
        ANNOTATION_LIMITS.capabilityTokens
      } capabilities (the limit)`;
  }
  return undefined;
}
