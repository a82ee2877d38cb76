import {
  ANNOTATION_PREFIX,
  Requirements,
  requirementsToAnnotations,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
export function quoteYaml(value: string): string {
  return JSON.stringify(value);
}

/** `key: "value"`, as it is written under metadata.annotations. */
export function annotationLine(key: string, value: string): string {
  return `${key}: ${quoteYaml(value)}`;
}

/**
 * The `metadata.annotations` block that declares these requirements, ready
 * to paste into catalog-info.yaml. Every value is quoted so numbers and
 * booleans stay strings, as the catalog requires.
 */
export function requirementsToYaml(requirements: Requirements): string {
  const annotations = requirementsToAnnotations(requirements);
  const lines = Object.entries(annotations).map(
    ([key, value]) => `    ${annotationLine(key, value)}`,
  );
  if (!lines.length) {
    return `metadata:\n  annotations: {}\n  # no ${ANNOTATION_PREFIX}* annotations: nothing is required\n`;
  }
  return `metadata:\n  annotations:\n${lines.join('\n')}\n`;
}

/** A copy of the entity's annotations without Mesh Advisor's, plus `next`. */
export function replaceMeshAnnotations(
  annotations: Record<string, string> | undefined,
  next: Record<string, string>,
): Record<string, string> {
  const kept = Object.fromEntries(
    Object.entries(annotations ?? {}).filter(
      ([key]) => !key.startsWith(ANNOTATION_PREFIX),
    ),
  );
  return { ...kept, ...next };
}
