import { didYouMean } from './didYouMean';
import { ANNOTATION_LIMITS, clip } from './annotationLimits';
import type { ValidationIssue } from './annotationTypes';
import { ANNOTATIONS, ANNOTATION_PREFIX, CAPABILITIES } from './vocabulary';

/**
 * Collects issues up to {@link ANNOTATION_LIMITS}.issues and counts the
 * rest, so no entity yields more than that many (or costs more work:
 * suggestions are worked out only for issues that are listed).
 */
export class IssueList {
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

// The issues, one per kind of problem. Each is made only when it is listed.

const KNOWN_KEY_LIST = Object.values(ANNOTATIONS);

export function unknownKeyIssue(key: string, raw: string): ValidationIssue {
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
}

export const tooLongIssue = (key: string, raw: string): ValidationIssue => ({
  annotation: key,
  value: clip(raw),
  message: `${key}: ${raw.length} characters; at most ${ANNOTATION_LIMITS.valueLength} are read (the limit).`,
});

export const tooManyCapabilitiesIssue = (
  annotation: string,
  raw: string,
  tokens: number,
): ValidationIssue => ({
  annotation,
  value: clip(raw),
  message: `${annotation}: ${tokens} entries; at most ${ANNOTATION_LIMITS.capabilityTokens} capabilities are read (the limit).`,
  allowed: [...CAPABILITIES],
});

/** `item`: the entry lower-cased, for the suggestion; `part`: as written. */
export function unknownCapabilityIssue(
  annotation: string,
  part: string,
  item: string,
): ValidationIssue {
  const suggestion = didYouMean(item, CAPABILITIES);
  return {
    annotation,
    value: clip(part.trim()),
    message: `${annotation}: "${clip(part.trim())}" is not a known capability${
      suggestion ? ` — did you mean "${suggestion}"?` : ''
    } Allowed: ${CAPABILITIES.join(', ')}.`,
    allowed: [...CAPABILITIES],
    suggestion,
  };
}

/** What a number annotation accepts: above (or from) `min`, an integer or not. */
export type NumberRule = {
  min: number;
  exclusiveMin?: boolean;
  integer?: boolean;
};

export function notANumberIssue(
  annotation: string,
  raw: string,
  rule: NumberRule,
): ValidationIssue {
  const kind = rule.integer ? 'an integer' : 'a number';
  const bound = `${rule.exclusiveMin ? '>' : '≥'} ${rule.min}`;
  return {
    annotation,
    value: clip(raw),
    message: `${annotation}: "${clip(
      raw,
    )}" is not valid — expected ${kind} ${bound}${
      rule.integer ? '' : ' (e.g. "2" or "0.5")'
    }.`,
    allowed: [`${kind} ${bound}`],
  };
}

/** `value`: trimmed and lower-cased, for the suggestion; `raw`: as written. */
export function notAllowedIssue(
  annotation: string,
  raw: string,
  value: string,
  allowed: readonly string[],
): ValidationIssue {
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
}
