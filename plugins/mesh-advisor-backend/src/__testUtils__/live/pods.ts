import type {
  ContainerLike,
  DaemonSetLike,
  NamespaceLike,
  PodLike,
} from '../../live/kubeObjects';

/** Small builders for unit tests of the detection rules. */
export function pod(
  name: string,
  opts: {
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    containers?: ContainerLike[];
    initContainers?: ContainerLike[];
    phase?: string;
    hostNetwork?: boolean;
  } = {},
): PodLike {
  return {
    metadata: {
      name,
      namespace: opts.namespace ?? 'shop',
      labels: opts.labels,
      annotations: opts.annotations,
    },
    spec: {
      containers: opts.containers ?? [{ name: 'app', image: 'acme/app:1.0' }],
      initContainers: opts.initContainers,
      hostNetwork: opts.hostNetwork,
    },
    status: { phase: opts.phase ?? 'Running' },
  };
}

export function namespace(
  name: string,
  labels?: Record<string, string>,
): NamespaceLike {
  return { metadata: { name, labels } };
}

export function daemonSet(
  namespaceName: string,
  name: string,
  image = `example/${name}:1`,
): DaemonSetLike {
  return {
    metadata: { name, namespace: namespaceName },
    spec: { template: { spec: { containers: [{ name, image }] } } },
  };
}
