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
const clip = (s: string) =>
  s.length > QUOTE_LENGTH ? `${s.slice(0, QUOTE_LENGTH)}…` : s;

/** Commas + 1: the entries of a list, empty ones included. */
function countTokens(raw: string): number {
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

/**
 * Collects issues up to {@link ANNOTATION_LIMITS}.issues and counts the
 * rest, so no entity yields more than that many (or costs more work:
 * suggestions are worked out only for issues that are listed).
 */
class IssueList {
  readonly items: ValidationIssue[] = [];
  omitted = 0;
  get full() {
    return this.items.length >= ANNOTATION_LIMITS.issues;
  }
  add(make: () => ValidationIssue) {
    if (this.full) this.omitted++;
    else this.items.push(make());
  }
  done(): ValidationIssue[] {
    if (this.omitted)
      this.items.push({
        annotation: `${ANNOTATION_PREFIX}*`,
        value: `${this.omitted} more`,
        message: `${this.omitted} more annotation problems not listed; at most ${ANNOTATION_LIMITS.issues} are reported (the limit).`,
      });
    return this.items;
  }
}

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
  issues: IssueList,
): Capability[] {
  const out: Capability[] = [];
  const tokens = countTokens(raw);
  if (tokens > ANNOTATION_LIMITS.capabilityTokens) {
    issues.add(() => ({
      annotation,
      value: clip(raw),
      message: `${annotation}: ${tokens} entries; at most ${ANNOTATION_LIMITS.capabilityTokens} capabilities are read (the limit).`,
      allowed: [...CAPABILITIES],
    }));
    return out;
  }
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
  issues: IssueList,
) {
  const item = part.trim().toLowerCase();
  if (!item) return;
  if (CAPABILITY_BY_NAME.has(item)) {
    if (!out.includes(item as Capability)) out.push(item as Capability);
    return;
  }
  issues.add(() => {
    const suggestion = didYouMean(item, CAPABILITIES);
    return {
      annotation,
      value: clip(part.trim()),
      message: `${annotation}: "${clip(
        part.trim(),
      )}" is not a known capability${
        suggestion ? ` — did you mean "${suggestion}"?` : ''
      } Allowed: ${CAPABILITIES.join(', ')}.`,
      allowed: [...CAPABILITIES],
      suggestion,
    };
  });
}

/** Plain decimals only: no exponent, hex, Infinity or thousands separators. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function parseNumber(
  annotation: string,
  raw: string,
  rule: { min: number; exclusiveMin?: boolean; integer?: boolean },
  issues: IssueList,
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
  issues.add(() => ({
    annotation,
    value: clip(raw),
    message: `${annotation}: "${clip(
      raw,
    )}" is not valid — expected ${kind} ${bound}${
      rule.integer ? '' : ' (e.g. "2" or "0.5")'
    }.`,
    allowed: [`${kind} ${bound}`],
  }));
  return undefined;
}

function parseEnum<T extends string>(
  annotation: string,
  raw: string,
  allowed: readonly T[],
  issues: IssueList,
): T | undefined {
  const value = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  issues.add(() => {
    const suggestion = didYouMean(value, allowed);
    return {
      annotation,
      value: clip(raw),
      message: `${annotation}: "${clip(raw)}" is not allowed${
        suggestion ? ` — did you mean "${suggestion}"?` : ''
      } Allowed: ${allowed.join(' | ')}.`,
      allowed: [...allowed],
      suggestion,
    };
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
  const issues = new IssueList();
  const requirements: Requirements = {
    requires: [],
    prefers: [],
    exposure: 'internal',
    exclude: false,
  };
  if (!annotations || typeof annotations !== 'object') {
    return { requirements, issues: [] };
  }
  for (const key in annotations) {
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    const rawValue = annotations[key];
    const raw =
      typeof rawValue === 'string' ? rawValue : String(rawValue ?? '');
    if (!KNOWN_KEYS.has(key)) {
      issues.add(() => {
        const suggestion = didYouMean(clip(key), KNOWN_KEY_LIST);
        return {
          annotation: clip(key),
          value: clip(raw),
          message: `${clip(key)} is not a Mesh Advisor annotation${
            suggestion ? ` — did you mean "${suggestion}"?` : ''
          } Known: ${KNOWN_KEY_LIST.join(', ')}.`,
          allowed: [...KNOWN_KEY_LIST],
          suggestion,
        };
      });
      continue;
    }
    if (raw.length > ANNOTATION_LIMITS.valueLength) {
      issues.add(() => ({
        annotation: key,
        value: clip(raw),
        message: `${key}: ${raw.length} characters; at most ${ANNOTATION_LIMITS.valueLength} are read (the limit).`,
      }));
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
  return { requirements, issues: issues.done() };
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
