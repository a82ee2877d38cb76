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
 * Annotations the catalog writes itself when it reads an entity: they are
 * not in catalog-info.yaml and must not be pasted into it.
 */
const CATALOG_MANAGED = new Set([
  'backstage.io/managed-by-location',
  'backstage.io/managed-by-origin-location',
  'backstage.io/orphan',
  'backstage.io/view-url',
  'backstage.io/edit-url',
]);

/**
 * The `metadata.annotations` block to paste into catalog-info.yaml: the
 * entity's other annotations kept as they are, Mesh Advisor's replaced by
 * these requirements. Every value is quoted so numbers and booleans stay
 * strings, as the catalog requires. It never emits an empty map, which
 * would wipe the annotations it replaces: with nothing to declare it says
 * what to remove instead.
 */
export function requirementsToYaml(
  requirements: Requirements,
  existing?: Record<string, string>,
): string {
  const own = Object.fromEntries(
    Object.entries(existing ?? {}).filter(([key]) => !CATALOG_MANAGED.has(key)),
  );
  const merged = replaceMeshAnnotations(
    own,
    requirementsToAnnotations(requirements),
  );
  const lines = Object.entries(merged).map(
    ([key, value]) => `    ${annotationLine(key, value)}`,
  );
  if (!lines.length) {
    return `# Nothing to declare: remove every ${ANNOTATION_PREFIX}* annotation\n# from metadata.annotations in catalog-info.yaml.\n`;
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
