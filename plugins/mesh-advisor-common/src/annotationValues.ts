import { ANNOTATION_LIMITS, countTokens } from './annotationLimits';
import {
  IssueList,
  NumberRule,
  notANumberIssue,
  notAllowedIssue,
  tooManyCapabilitiesIssue,
  unknownCapabilityIssue,
} from './annotationIssues';
import { CAPABILITIES, Capability } from './vocabulary';

// The readers of one annotation value each: what they cannot read becomes
// an issue, and is left out of what they return.

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

/** A comma-separated list of capabilities, each once, in the order written. */
export function parseCapabilityList(
  annotation: string,
  raw: string,
  issues: IssueList,
): Capability[] {
  const out: Capability[] = [];
  const tokens = countTokens(raw);
  if (tokens > ANNOTATION_LIMITS.capabilityTokens) {
    issues.add(() => tooManyCapabilitiesIssue(annotation, raw, tokens));
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
  issues.add(() => unknownCapabilityIssue(annotation, part, item));
}

/** Plain decimals only: no exponent, hex, Infinity or thousands separators. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export function parseNumber(
  annotation: string,
  raw: string,
  rule: NumberRule,
  issues: IssueList,
): number | undefined {
  const text = raw.trim();
  const value = NUMBER.test(text) ? Number(text) : NaN;
  const ok =
    Number.isFinite(value) &&
    (rule.exclusiveMin ? value > rule.min : value >= rule.min) &&
    (!rule.integer || Number.isInteger(value));
  if (ok) return value;
  issues.add(() => notANumberIssue(annotation, raw, rule));
  return undefined;
}

/** One of `allowed`, whatever its case and surrounding space. */
export function parseEnum<T extends string>(
  annotation: string,
  raw: string,
  allowed: readonly T[],
  issues: IssueList,
): T | undefined {
  const value = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  issues.add(() => notAllowedIssue(annotation, raw, value, allowed));
  return undefined;
}
