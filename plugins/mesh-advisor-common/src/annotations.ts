import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  ANNOTATION_PREFIX,
  CAPABILITIES,
  Capability,
  EXPOSURES,
  Exposure,
  OPS_CAPACITIES,
  OpsCapacity,
} from './vocabulary';
import { didYouMean } from './didYouMean';

/**
 * What a service declares it needs from a mesh, parsed from its
 * `mesh-advisor.io/*` annotations. Malformed values are left out here and
 * reported as {@link ValidationIssue}s.
 * @public
 */
export type Requirements = {
  requires: Capability[];
  prefers: Capability[];
  latencyBudgetMs?: number;
  replicas?: number;
  rps?: number;
  opsCapacity?: OpsCapacity;
  exposure: Exposure;
  exclude: boolean;
};

/**
 * A malformed annotation value: names the annotation, the bad value, the
 * allowed values and, when one is close, what was probably meant.
 * @public
 */
export type ValidationIssue = {
  annotation: string;
  value: string;
  message: string;
  allowed?: string[];
  suggestion?: string;
};

/** @public */
export type ParsedAnnotations = {
  requirements: Requirements;
  issues: ValidationIssue[];
};

const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.values(ANNOTATIONS));
const KNOWN_KEY_LIST = Object.values(ANNOTATIONS);

const CAPABILITY_BY_NAME: ReadonlyMap<string, Capability> = new Map(
  CAPABILITIES.map(c => [c, c]),
);
const SPACE = 32;

// The capability spelled exactly at raw[from, to), found by its length and
// first character without cutting it out (a capability that shares both with
// another is found by the general path instead).
const spelling = (length: number, first: number) =>
  length * 128 + (first & 127);
const BY_SPELLING: (Capability | undefined)[] = Array.from({
  length: spelling(Math.max(...CAPABILITIES.map(c => c.length)) + 1, 0),
});
for (const c of CAPABILITIES)
  BY_SPELLING[spelling(c.length, c.charCodeAt(0))] = c;

function capabilityAt(raw: string, from: number, to: number) {
  const c = BY_SPELLING[spelling(to - from, raw.charCodeAt(from))];
  return c !== undefined && raw.startsWith(c, from) ? c : undefined;
}

function parseCapabilityList(
  annotation: string,
  raw: string,
  issues: ValidationIssue[],
): Capability[] {
  const out: Capability[] = [];
  for (let start = 0; start <= raw.length; ) {
    let end = raw.indexOf(',', start);
    if (end < 0) end = raw.length;
    // Most lists are written as the vocabulary spells them: look those up
    // as they are; anything else (case, other whitespace, typos) takes the
    // general path.
    let from = start;
    let to = end;
    while (from < to && raw.charCodeAt(from) === SPACE) from++;
    while (to > from && raw.charCodeAt(to - 1) === SPACE) to--;
    const exact = capabilityAt(raw, from, to);
    if (exact) {
      if (!out.includes(exact)) out.push(exact);
    } else {
      parseCapability(annotation, raw.slice(start, end), out, issues);
    }
    start = end + 1;
  }
  return out;
}

function parseCapability(
  annotation: string,
  part: string,
  out: Capability[],
  issues: ValidationIssue[],
) {
  const item = part.trim().toLowerCase();
  if (!item) return;
  if (CAPABILITY_BY_NAME.has(item)) {
    if (!out.includes(item as Capability)) out.push(item as Capability);
    return;
  }
  const suggestion = didYouMean(item, CAPABILITIES);
  issues.push({
    annotation,
    value: part.trim(),
    message: `${annotation}: "${part.trim()}" is not a known capability${
      suggestion ? ` — did you mean "${suggestion}"?` : ''
    } Allowed: ${CAPABILITIES.join(', ')}.`,
    allowed: [...CAPABILITIES],
    suggestion,
  });
}

/** Plain decimals only: no exponent, hex, Infinity or thousands separators. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function parseNumber(
  annotation: string,
  raw: string,
  rule: { min: number; exclusiveMin?: boolean; integer?: boolean },
  issues: ValidationIssue[],
): number | undefined {
  const text = raw.trim();
  const value = NUMBER.test(text) ? Number(text) : NaN;
  const ok =
    Number.isFinite(value) &&
    (rule.exclusiveMin ? value > rule.min : value >= rule.min) &&
    (!rule.integer || Number.isInteger(value));
  if (ok) return value;
  const kind = rule.integer ? 'an integer' : 'a number';
  const bound = `${rule.exclusiveMin ? '>' : '≥'} ${rule.min}`;
  issues.push({
    annotation,
    value: raw,
    message: `${annotation}: "${raw}" is not valid — expected ${kind} ${bound}${
      rule.integer ? '' : ' (e.g. "2" or "0.5")'
    }.`,
    allowed: [`${kind} ${bound}`],
  });
  return undefined;
}

function parseEnum<T extends string>(
  annotation: string,
  raw: string,
  allowed: readonly T[],
  issues: ValidationIssue[],
): T | undefined {
  const value = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const suggestion = didYouMean(value, allowed);
  issues.push({
    annotation,
    value: raw,
    message: `${annotation}: "${raw}" is not allowed${
      suggestion ? ` — did you mean "${suggestion}"?` : ''
    } Allowed: ${allowed.join(' | ')}.`,
    allowed: [...allowed],
    suggestion,
  });
  return undefined;
}

/**
 * Parses and validates an entity's `mesh-advisor.io/*` annotations.
 * Never throws: anything malformed becomes a {@link ValidationIssue}.
 * @public
 */
export function parseAnnotations(
  annotations: Record<string, unknown> | undefined,
): ParsedAnnotations {
  const issues: ValidationIssue[] = [];
  const requirements: Requirements = {
    requires: [],
    prefers: [],
    exposure: 'internal',
    exclude: false,
  };
  if (!annotations || typeof annotations !== 'object') {
    return { requirements, issues };
  }
  for (const key in annotations) {
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    const rawValue = annotations[key];
    const raw =
      typeof rawValue === 'string' ? rawValue : String(rawValue ?? '');
    if (!KNOWN_KEYS.has(key)) {
      const suggestion = didYouMean(key, KNOWN_KEY_LIST);
      issues.push({
        annotation: key,
        value: raw,
        message: `${key} is not a Mesh Advisor annotation${
          suggestion ? ` — did you mean "${suggestion}"?` : ''
        } Known: ${KNOWN_KEY_LIST.join(', ')}.`,
        allowed: [...KNOWN_KEY_LIST],
        suggestion,
      });
      continue;
    }
    switch (key) {
      case ANNOTATIONS.requires:
        requirements.requires = parseCapabilityList(key, raw, issues);
        break;
      case ANNOTATIONS.prefers:
        requirements.prefers = parseCapabilityList(key, raw, issues);
        break;
      case ANNOTATIONS.latencyBudgetMs:
        requirements.latencyBudgetMs = parseNumber(
          key,
          raw,
          { min: 0, exclusiveMin: true },
          issues,
        );
        break;
      case ANNOTATIONS.replicas:
        requirements.replicas = parseNumber(
          key,
          raw,
          { min: 0, integer: true },
          issues,
        );
        break;
      case ANNOTATIONS.rps:
        requirements.rps = parseNumber(key, raw, { min: 0 }, issues);
        break;
      case ANNOTATIONS.opsCapacity:
        requirements.opsCapacity = parseEnum(key, raw, OPS_CAPACITIES, issues);
        break;
      case ANNOTATIONS.exposure:
        requirements.exposure =
          parseEnum(key, raw, EXPOSURES, issues) ?? 'internal';
        break;
      case ANNOTATIONS.exclude: {
        const v = parseEnum(key, raw, ['true', 'false'] as const, issues);
        requirements.exclude = v === 'true';
        break;
      }
      default:
        break;
    }
  }
  // A capability both required and preferred is simply required.
  if (requirements.prefers.length && requirements.requires.length)
    requirements.prefers = requirements.prefers.filter(
      c => !requirements.requires.includes(c),
    );
  return { requirements, issues };
}

/**
 * Writes requirements back as the `metadata.annotations` a service would
 * declare them with — what the what-if editor copies into catalog-info.yaml.
 * @public
 */
export function requirementsToAnnotations(
  r: Requirements,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.requires.length) out[ANNOTATIONS.requires] = r.requires.join(', ');
  if (r.prefers.length) out[ANNOTATIONS.prefers] = r.prefers.join(', ');
  if (r.latencyBudgetMs !== undefined)
    out[ANNOTATIONS.latencyBudgetMs] = String(r.latencyBudgetMs);
  if (r.replicas !== undefined) out[ANNOTATIONS.replicas] = String(r.replicas);
  if (r.rps !== undefined) out[ANNOTATIONS.rps] = String(r.rps);
  if (r.opsCapacity) out[ANNOTATIONS.opsCapacity] = r.opsCapacity;
  if (r.exposure !== 'internal') out[ANNOTATIONS.exposure] = r.exposure;
  if (r.exclude) out[ANNOTATIONS.exclude] = 'true';
  return out;
}

/** Convenience: the annotations of a catalog entity. @public */
export function parseEntityAnnotations(entity: Entity): ParsedAnnotations {
  return parseAnnotations(entity?.metadata?.annotations);
}
