import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parseAllDocuments, parse } from 'yaml';
import type {
  DaemonSetLike,
  NamespaceLike,
  PodLike,
} from '../../live/kubeObjects';

const DIR = resolvePackagePath(
  '@mesh-advisor/plugin-mesh-advisor-backend',
  'src/live/__fixtures__',
);

type Manifest = {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
};

/** Every document of an upstream sample file (`__fixtures__/upstream/<file>`). */
export function upstream(file: string): Manifest[] {
  const text = readFileSync(join(DIR, 'upstream', file), 'utf8');
  return parseAllDocuments(text)
    .map(d => d.toJS() as Manifest)
    .filter(Boolean);
}

/** The DaemonSets of `__fixtures__/daemonsets.yaml`, by name. */
export function daemonSets(...names: string[]): DaemonSetLike[] {
  const all = parse(
    readFileSync(join(DIR, 'daemonsets.yaml'), 'utf8'),
  ) as Record<string, DaemonSetLike>;
  return names.map(n => {
    if (!all[n]) throw new Error(`no DaemonSet fixture ${n}`);
    return all[n];
  });
}

/**
 * The pods the API would list for the Pods and Deployments of a sample, as the
 * kubelet runs them: Deployment pods named `<deployment>-<hash>-<n>`, placed in
 * `namespace`, labelled `backstage.io/kubernetes-id` as the catalog's entity
 * expects, proxy images retagged (`proxyTag`) where the sample uses a
 * placeholder tag (`latest`, `test-inject-proxy-version`, untagged).
 */
export function podsOf(
  manifests: Manifest[],
  opts: {
    namespace: string;
    kubernetesId?: string;
    replicas?: number;
    proxyTag?: string;
    extraLabels?: Record<string, string>;
    only?: string[];
  },
): PodLike[] {
  const pods: PodLike[] = [];
  for (const m of manifests) {
    if (opts.only && !opts.only.includes(m.metadata?.name ?? '')) continue;
    let template: Manifest;
    let count = 1;
    let name = m.metadata?.name ?? 'pod';
    if (m.kind === 'Pod') template = m;
    else if (m.kind === 'Deployment') {
      template = m.spec.template;
      count = opts.replicas ?? m.spec.replicas ?? 1;
      name = `${name}-7d9f8c6b5`;
    } else continue;
    for (let i = 0; i < count; i++) {
      const spec = structuredClone(template.spec);
      if (opts.proxyTag) {
        for (const c of [
          ...(spec.containers ?? []),
          ...(spec.initContainers ?? []),
        ]) {
          if (/proxy/.test(c.name) && typeof c.image === 'string') {
            c.image = `${c.image.replace(/:[^/:]*$/, '')}:${opts.proxyTag}`;
          }
        }
      }
      pods.push({
        metadata: {
          name: m.kind === 'Pod' && count === 1 ? name : `${name}-${i}`,
          namespace: opts.namespace,
          labels: {
            ...template.metadata?.labels,
            ...opts.extraLabels,
            ...(opts.kubernetesId
              ? { 'backstage.io/kubernetes-id': opts.kubernetesId }
              : {}),
          },
          annotations: template.metadata?.annotations,
        },
        spec,
        status: { phase: 'Running' },
      } as PodLike);
    }
  }
  return pods;
}

export function ns(
  name: string,
  labels?: Record<string, string>,
): NamespaceLike {
  return { metadata: { name, labels } };
}
