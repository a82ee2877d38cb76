/**
 * A catalog read condition the evaluations table can answer itself, from
 * the columns it stores for every service (all Components of type service).
 */
export type ReadFilter =
  | { allOf: ReadFilter[] }
  | { anyOf: ReadFilter[] }
  | { not: ReadFilter }
  | { column: 'owner' | 'namespace'; values: string[] }
  | { always: boolean };

type Criteria = {
  allOf?: unknown[];
  anyOf?: unknown[];
  not?: unknown;
  rule?: string;
  params?: Record<string, unknown>;
};

const lower = (values: unknown) =>
  Array.isArray(values)
    ? values
        .filter((v): v is string => typeof v === 'string')
        .map(v => v.toLowerCase())
    : undefined;

/**
 * The catalog's conditional read decision (its permission rules, as
 * `createCatalogConditionalDecision` sends them) as a filter on the stored
 * columns, or undefined when some condition cannot be expressed there —
 * the caller then asks the catalog which entities the user may read.
 * Values compare in lower case, as the catalog's own queries do.
 *
 * - IS_ENTITY_OWNER → the owner column (the entity's ownedBy relation)
 * - HAS_METADATA namespace=… → the namespace column
 * - IS_ENTITY_KIND, HAS_SPEC type(=service) → true or false for every stored row
 */
export function toReadFilter(criteria: unknown): ReadFilter | undefined {
  const c = criteria as Criteria | undefined;
  if (!c || typeof c !== 'object') return undefined;
  if (Array.isArray(c.allOf) || Array.isArray(c.anyOf)) {
    const parts = (c.allOf ?? c.anyOf)!.map(toReadFilter);
    if (parts.some(p => !p)) return undefined;
    return c.allOf
      ? { allOf: parts as ReadFilter[] }
      : { anyOf: parts as ReadFilter[] };
  }
  if (c.not !== undefined) {
    const inner = toReadFilter(c.not);
    return inner && { not: inner };
  }
  const p = c.params ?? {};
  switch (c.rule) {
    case 'IS_ENTITY_OWNER': {
      const claims = lower(p.claims);
      return claims && { column: 'owner', values: claims };
    }
    case 'IS_ENTITY_KIND': {
      const kinds = lower(p.kinds);
      return kinds && { always: kinds.includes('component') };
    }
    case 'HAS_METADATA':
      if (p.key === 'namespace' && typeof p.value === 'string')
        return { column: 'namespace', values: [p.value.toLowerCase()] };
      return undefined;
    case 'HAS_SPEC':
      if (p.key === 'type')
        return {
          always:
            p.value === undefined ||
            String(p.value).toLowerCase() === 'service',
        };
      return undefined;
    default:
      return undefined;
  }
}
