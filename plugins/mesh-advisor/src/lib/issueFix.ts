import {
  ANNOTATIONS,
  ValidationIssue,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { annotationLine } from './annotationsYaml';

const LIST_KEYS: ReadonlySet<string> = new Set([
  ANNOTATIONS.requires,
  ANNOTATIONS.prefers,
]);
const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.values(ANNOTATIONS));

/**
 * The corrected annotation line for a validation issue, e.g.
 * `mesh-advisor.io/requires: "mtls, jwt-auth"`, or undefined when there is
 * no single right answer (the issue's message lists what is allowed).
 *
 * For capability lists every problem in the same annotation is fixed at
 * once: misspelt items take their suggestion, unknown items are dropped.
 */
export function correctedAnnotationLine(
  issue: ValidationIssue,
  allIssues: ValidationIssue[],
  annotations: Record<string, string> | undefined,
): string | undefined {
  const current = annotations?.[issue.annotation] ?? issue.value;
  if (!KNOWN_KEYS.has(issue.annotation)) {
    return issue.suggestion
      ? annotationLine(issue.suggestion, current)
      : undefined;
  }
  if (LIST_KEYS.has(issue.annotation)) {
    const bad = new Map(
      allIssues
        .filter(i => i.annotation === issue.annotation)
        .map(i => [i.value.trim().toLowerCase(), i.suggestion]),
    );
    const fixed: string[] = [];
    for (const part of current.split(',')) {
      const item = part.trim().toLowerCase();
      if (!item) continue;
      const replacement = bad.has(item) ? bad.get(item) : item;
      if (replacement && !fixed.includes(replacement)) fixed.push(replacement);
    }
    return annotationLine(issue.annotation, fixed.join(', '));
  }
  return issue.suggestion
    ? annotationLine(issue.annotation, issue.suggestion)
    : undefined;
}
