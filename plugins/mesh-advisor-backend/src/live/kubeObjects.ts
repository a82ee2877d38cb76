/**
 * The few fields of Kubernetes objects the detection reads, in the API's own
 * shapes (core/v1 Pod and Namespace, apps/v1 DaemonSet). Everything else the
 * API returns is ignored.
 */

/** @public */
export type ObjectMeta = {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};

/** @public */
export type ContainerLike = {
  name: string;
  image?: string;
  /** `Always` on an init container makes it a native sidecar (Kubernetes ≥ 1.28) */
  restartPolicy?: string;
};

/** @public */
export type PodLike = {
  metadata: ObjectMeta;
  spec?: {
    containers?: ContainerLike[];
    initContainers?: ContainerLike[];
    hostNetwork?: boolean;
  };
  status?: { phase?: string };
};

/** @public */
export type NamespaceLike = { metadata: ObjectMeta };

/** @public */
export type DaemonSetLike = {
  metadata: ObjectMeta;
  spec?: { template?: { spec?: { containers?: ContainerLike[] } } };
};

/** A Kubernetes list response (`kind: PodList` …) with its paging token. @public */
export type KubeList<T> = {
  items: T[];
  metadata?: { continue?: string; resourceVersion?: string };
};
