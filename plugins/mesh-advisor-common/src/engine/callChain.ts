import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * Call-chain depth per service: the meshed hops a request into the service
 * crosses — its own plus the longest chain of services it depends on
 * (`spec.dependsOn`). A leaf is 1. Cycles are cut where they close.
 * @public
 */
export function callChainDepths(
  entities: Iterable<Entity>,
): Map<string, number> {
  const deps = new Map<string, string[]>();
  for (const e of entities) {
    if (e?.kind?.toLowerCase() !== 'component') continue;
    let ref: string;
    try {
      ref = stringifyEntityRef(e);
    } catch {
      continue;
    }
    const raw = (e.spec as { dependsOn?: unknown } | undefined)?.dependsOn;
    const list: string[] = [];
    if (Array.isArray(raw)) {
      for (const d of raw) {
        if (typeof d !== 'string') continue;
        try {
          const parsed = parseEntityRef(d, {
            defaultKind: 'component',
            defaultNamespace: e.metadata.namespace ?? 'default',
          });
          if (parsed.kind.toLowerCase() === 'component')
            list.push(stringifyEntityRef(parsed));
        } catch {
          // a malformed ref is the catalog's to report, not ours
        }
      }
    }
    deps.set(ref, list);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (ref: string): number => {
    const known = depth.get(ref);
    if (known !== undefined) return known;
    if (visiting.has(ref) || !deps.has(ref)) return 0;
    visiting.add(ref);
    let longest = 0;
    for (const d of deps.get(ref)!) longest = Math.max(longest, visit(d));
    visiting.delete(ref);
    depth.set(ref, longest + 1);
    return longest + 1;
  };
  for (const ref of deps.keys()) visit(ref);
  return depth;
}
