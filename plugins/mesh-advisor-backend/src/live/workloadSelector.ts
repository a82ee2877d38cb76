import type { Entity } from '@backstage/catalog-model';

const KUBERNETES_ID = 'backstage.io/kubernetes-id';
const LABEL_SELECTOR = 'backstage.io/kubernetes-label-selector';
const NAMESPACE = 'backstage.io/kubernetes-namespace';

type Requirement =
  | { op: 'in'; key: string; values: string[] }
  | { op: 'notin'; key: string; values: string[] }
  | { op: 'exists'; key: string }
  | { op: '!exists'; key: string };

/** How a service's pods are found, from the annotations the Kubernetes plugin reads. */
export type WorkloadSelector = {
  /** set when the service uses `backstage.io/kubernetes-id`: looked up in an index */
  kubernetesId?: string;
  requirements: Requirement[];
  namespace?: string;
};

/**
 * Parses a Kubernetes label selector (`a=b,c!=d,e in (f,g),!h`). Returns null
 * for a selector Kubernetes would refuse, so a typo in one entity's annotation
 * costs that entity its live state, not the pass.
 */
export function parseLabelSelector(selector: string): Requirement[] | null {
  const out: Requirement[] = [];
  const parts = splitOutsideParens(selector);
  if (!parts) return null;
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    let m = part.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/);
    if (m) {
      const values = m[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);
      out.push({ op: m[2] as 'in' | 'notin', key: m[1], values });
      continue;
    }
    m = part.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/);
    if (m) {
      out.push({
        op: m[2] === '!=' ? 'notin' : 'in',
        key: m[1],
        values: [m[3]],
      });
      continue;
    }
    m = part.match(/^(!?)([\w./-]+)$/);
    if (m) {
      out.push({ op: m[1] ? '!exists' : 'exists', key: m[2] });
      continue;
    }
    return null;
  }
  return out;
}

/** Splits on commas outside parentheses; null when they do not balance. */
function splitOutsideParens(selector: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
    if (depth < 0 || depth > 1) return null;
  }
  if (depth !== 0) return null;
  parts.push(selector.slice(start));
  return parts;
}

/** Whether a pod's labels satisfy every requirement. */
export function matchesLabels(
  requirements: Requirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      default:
        return !has || !r.values.includes(l[r.key]);
    }
  });
}

/**
 * The selector for an entity's workloads, as the Kubernetes plugin finds them:
 * the label selector annotation when present, else pods labelled with the
 * kubernetes-id. null: the entity names no workloads (or a malformed selector).
 */
export function workloadSelector(entity: Entity): WorkloadSelector | null {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[NAMESPACE]?.trim() || undefined;
  const selector = annotations[LABEL_SELECTOR]?.trim();
  if (selector) {
    const requirements = parseLabelSelector(selector);
    return requirements && requirements.length
      ? { requirements, namespace }
      : null;
  }
  const id = annotations[KUBERNETES_ID]?.trim();
  if (!id) return null;
  return {
    kubernetesId: id,
    requirements: [{ op: 'in', key: KUBERNETES_ID, values: [id] }],
    namespace,
  };
}
