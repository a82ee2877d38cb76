import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_LIMITS } from './annotationLimits';
import { IssueList, tooLongIssue, unknownKeyIssue } from './annotationIssues';
import type { ParsedAnnotations, Requirements } from './annotationTypes';
import {
  parseCapabilityList,
  parseEnum,
  parseNumber,
} from './annotationValues';
import {
  ANNOTATIONS,
  ANNOTATION_PREFIX,
  EXPOSURES,
  OPS_CAPACITIES,
} from './vocabulary';

export type {
  ParsedAnnotations,
  Requirements,
  ValidationIssue,
} from './annotationTypes';
export {
  ANNOTATION_LIMITS,
  annotationBoundViolation,
} from './annotationLimits';

const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.values(ANNOTATIONS));

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
    if (!KNOWN_KEYS.has(key)) issues.add(() => unknownKeyIssue(key, raw));
    else if (raw.length > ANNOTATION_LIMITS.valueLength)
      issues.add(() => tooLongIssue(key, raw));
    else readAnnotation(key, raw, requirements, issues);
  }
  // A capability both required and preferred is simply required.
  if (requirements.prefers.length && requirements.requires.length)
    requirements.prefers = requirements.prefers.filter(
      c => !requirements.requires.includes(c),
    );
  return { requirements, issues: issues.done() };
}

/** Reads one known annotation's value into `requirements`. */
function readAnnotation(
  key: string,
  raw: string,
  requirements: Requirements,
  issues: IssueList,
) {
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
    case ANNOTATIONS.exclude:
      requirements.exclude =
        parseEnum(key, raw, ['true', 'false'] as const, issues) === 'true';
      break;
    default:
      break;
  }
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
